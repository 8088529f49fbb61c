import type { Gap, MessageFact } from "../facts/schema.js";
import type { ExtractContext } from "./context.js";

/** Places where a figure, rating or fact is missing or awaited (stub: being written). */
export function extractGaps(ctx: ExtractContext): { gaps: Gap[]; messages: MessageFact[] } {
  void ctx;
  return { gaps: [], messages: [] };
}
