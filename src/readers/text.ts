import type { Layout } from "../layout/types.js";

/** Text/markdown → Layout (stub: being written). */
export function readText(text: string, source: string, format: "text" | "markdown"): Layout {
  void text;
  return { source, format, pages: [{ number: 1, blocks: [] }], messages: [], meta: { pageCount: 1 } };
}
