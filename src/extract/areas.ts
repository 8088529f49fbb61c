import type { Area, MessageFact } from "../facts/schema.js";
import type { Layout } from "../layout/types.js";
import type { BlockRef, Profile } from "./context.js";

export interface AreaFindings {
  areas: Area[];
  areaOf(ref: BlockRef, row?: number): string | null;
  messages: MessageFact[];
}

/** The numbered area framework and which blocks belong to which area (stub: being written). */
export function findAreas(layout: Layout, profile: Profile): AreaFindings {
  void layout;
  void profile;
  return { areas: [], areaOf: () => null, messages: [] };
}
