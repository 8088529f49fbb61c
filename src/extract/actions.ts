import type { Action, MessageFact } from "../facts/schema.js";
import type { ExtractContext } from "./context.js";

/** Next steps, further/future actions, development priorities, action-plan standards (stub: being written). */
export function extractActions(ctx: ExtractContext): { actions: Action[]; messages: MessageFact[] } {
  void ctx;
  return { actions: [], messages: [] };
}
