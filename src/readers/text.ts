/**
 * Text / markdown → Layout. Pure: the text is already decoded (readers/index.ts does that).
 *
 * A text file is one page (number 1) whose blocks carry `place: { page: null, lines }`,
 * unless it contains form feeds (a pdftotext dump keeps them between pages): then pages are
 * numbered from them and places carry the page too, since the source says it.
 */
import type { Block, Layout, Page } from "../layout/types.js";
import { linesToBlocks } from "./text-blocks.js";
import { splitLines } from "./text-lines.js";

export function readText(text: string, source: string, format: "text" | "markdown"): Layout {
  const { lines, pageCount, paged } = splitLines(text);
  const blocks = linesToBlocks(lines, { markdown: format === "markdown" });
  const pages = paged ? groupByPage(blocks, pageCount) : [{ number: 1, blocks }];
  return {
    source,
    format,
    pages,
    messages: [],
    meta: { title: titleOf(blocks), pageCount: pages.length },
  };
}

/** Pages 1..count, each with the blocks whose first line is on it. */
function groupByPage(blocks: Block[], count: number): Page[] {
  const pages: Page[] = Array.from({ length: count }, (_, i) => ({ number: i + 1, blocks: [] }));
  for (const block of blocks) {
    const n = Math.min(Math.max(block.place.page ?? 1, 1), count);
    pages[n - 1]!.blocks.push(block);
  }
  return pages;
}

/** The first level-1 heading, else null: text files have no metadata to ask. */
function titleOf(blocks: Block[]): string | null {
  const h1 = blocks.find((b) => b.kind === "heading" && b.level === 1);
  return h1 && h1.kind !== "table" ? h1.text : null;
}
