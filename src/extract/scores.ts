import type { MessageFact, Score } from "../facts/schema.js";
import type { ExtractContext } from "./context.js";

/** Summary-table, section and row scores (stub: being written). */
export function extractScores(ctx: ExtractContext): { scores: Score[]; messages: MessageFact[] } {
  void ctx;
  return { scores: [], messages: [] };
}
