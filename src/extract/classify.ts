import type { Layout } from "../layout/types.js";
import type { Profile } from "./context.js";

/** Pick the report family from structure and wording (stub: being written). */
export function classify(layout: Layout): Profile {
  void layout;
  return { kind: "unknown", framework: null };
}

/** Title and authority as the document states them (stub: being written). */
export function describeDocument(layout: Layout): { title: string | null; authority: string | null } {
  return { title: layout.meta.title ?? null, authority: null };
}
