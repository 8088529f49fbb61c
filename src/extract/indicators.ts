import type { Indicator, MessageFact } from "../facts/schema.js";
import type { ExtractContext } from "./context.js";

/** Percentages and counts with what they measure (stub: being written). */
export function extractIndicators(ctx: ExtractContext): { indicators: Indicator[]; messages: MessageFact[] } {
  void ctx;
  return { indicators: [], messages: [] };
}
