import type { MessageFact, ScaleLevel } from "../facts/schema.js";
import type { Layout } from "../layout/types.js";

/** The printed evaluation scale, Level 6 … Level 1 (stub: being written). */
export function extractScale(layout: Layout): { scale: ScaleLevel[]; messages: MessageFact[] } {
  void layout;
  return { scale: [], messages: [] };
}
