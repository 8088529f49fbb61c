import type { MessageFact, Period } from "../facts/schema.js";
import type { Layout } from "../layout/types.js";
import type { Profile } from "./context.js";

/** Normalise a printed period label to a month range (stub: being written). */
export function parsePeriod(label: string): Period | null {
  void label;
  return null;
}

/** The periods the document scores, in time order (stub: being written). */
export function findPeriods(layout: Layout, profile: Profile): { periods: Period[]; messages: MessageFact[] } {
  void layout;
  void profile;
  return { periods: [], messages: [] };
}
