/**
 * HTML (as written by mammoth, or small fragments found in text extractions) → Layout blocks.
 *
 * The walker is deliberately small: block elements (h1–h6, p, li, table) become blocks, every
 * other element is a transparent container. Page breaks are marked in the HTML by an empty
 * element with class PAGE_BREAK_CLASS (the DOCX reader asks mammoth to emit one for every
 * page break); a block belongs to the page on which its first text appears.
 */
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import type { Block, Cell, TableBlock, TextBlock } from "../layout/types.js";

export const PAGE_BREAK_CLASS = "scorebook-page-break";

const HEADING = /^h([1-6])$/;
/** Elements whose content is a block of its own (they end the current inline run). */
const BLOCK_TAGS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "ul", "ol", "div", "blockquote", "dl", "dt", "dd", "pre", "section", "article", "header", "footer", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"]);

export interface HtmlBlocksResult {
  /** Blocks with place.page set to the page the block starts on. */
  blocks: Block[];
  /** Highest page number seen (1 + number of page-break markers). */
  lastPage: number;
}

/** Parse an HTML string into blocks; `firstPage` is the page the HTML starts on. */
export function htmlToBlocks(html: string, firstPage = 1): HtmlBlocksResult {
  const doc = parseDocument(html, { xmlMode: false, decodeEntities: true, lowerCaseTags: true });
  const walker = new BlockWalker(firstPage);
  walker.container(doc.children);
  walker.flushLoose();
  return { blocks: walker.blocks, lastPage: walker.page };
}

/** Inline text of a fragment (entities decoded, `<br>` → "\n", `<sup>` kept inline). */
export function htmlInlineText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  return normalizeLines(collectText(doc.children).replace(/\f/g, ""));
}

/** Collapse horizontal whitespace inside lines, trim lines, drop empty lines at the ends. */
export function normalizeLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0\u2007\u202f\r]+/g, " ").trim())
    .filter((line, i, all) => line !== "" || (i > 0 && i < all.length - 1))
    .join("\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

function countFormFeeds(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === "\f") n++;
  return n;
}

function isElement(node: ChildNode): node is Element {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

function isPageBreak(el: Element): boolean {
  return (el.attribs["class"] ?? "").split(/\s+/).includes(PAGE_BREAK_CLASS);
}

/**
 * Text of nodes as the reader sees it: block-level children (p, li, tr inside a cell, a
 * nested table) each start a new line, `<br>` is a line break, everything else is inline.
 * Used for cells, list items and paragraphs alike, so nested structure is flattened into lines.
 * A page-break marker becomes "\f" so callers can tell on which page the text starts.
 */
function collectText(nodes: ChildNode[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") {
      out += node.data.replace(/[\r\n]+/g, " ");
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.name;
    if (tag === "script" || tag === "style" || tag === "img") continue;
    if (isPageBreak(node)) {
      out += "\f";
      continue;
    }
    if (tag === "br") {
      out += "\n";
      continue;
    }
    if (tag === "tr") {
      // A nested table's row reads as one line: its cells separated by single spaces, so
      // "Label | 4 | 5" stays readable as "Label 4 5".
      const cells = node.children.filter(isElement).filter((c) => c.name === "td" || c.name === "th");
      const line = cells.map((c) => normalizeLines(collectText(c.children)).replace(/\n/g, " ")).filter(Boolean).join(" ");
      out += `\n${line}\n`;
      continue;
    }
    const inner = collectText(node.children);
    out += BLOCK_TAGS.has(tag) ? `\n${inner}\n` : inner;
  }
  return out;
}

/** Walks block-level structure, emitting Layout blocks in reading order. */
class BlockWalker {
  readonly blocks: Block[] = [];
  page: number;
  /** Inline content met directly inside a container (text outside any p), kept as a paragraph. */
  private loose: ChildNode[] = [];

  constructor(firstPage: number) {
    this.page = firstPage;
  }

  container(nodes: ChildNode[]): void {
    for (const node of nodes) {
      if (node.type === "text") {
        this.loose.push(node);
        continue;
      }
      if (!isElement(node)) continue;
      if (isPageBreak(node)) {
        this.flushLoose();
        this.page++;
        continue;
      }
      const tag = node.name;
      const heading = HEADING.exec(tag);
      if (heading) {
        this.flushLoose();
        this.text("heading", node.children, Number(heading[1]));
      } else if (tag === "p" || tag === "pre" || tag === "dt" || tag === "dd" || tag === "caption") {
        this.flushLoose();
        this.text("paragraph", node.children);
      } else if (tag === "ul" || tag === "ol") {
        this.flushLoose();
        this.list(node);
      } else if (tag === "li") {
        this.flushLoose();
        this.listItem(node);
      } else if (tag === "table") {
        this.flushLoose();
        this.table(node);
      } else if (BLOCK_TAGS.has(tag)) {
        this.flushLoose();
        this.container(node.children);
      } else if (tag === "script" || tag === "style" || tag === "head" || tag === "title") {
        continue;
      } else if (!BLOCK_TAGS.has(tag) && !containsBlock(node)) {
        this.loose.push(node);
      } else {
        this.flushLoose();
        this.container(node.children);
      }
    }
  }

  flushLoose(): void {
    if (this.loose.length === 0) return;
    const nodes = this.loose;
    this.loose = [];
    this.text("paragraph", nodes);
  }

  /** A text block; its page is the page its first text appears on (breaks may precede it). */
  private text(kind: TextBlock["kind"], nodes: ChildNode[], level?: number): void {
    const { text, page } = this.textAndPage(nodes);
    if (!text) return;
    const block: TextBlock = { kind, text, place: { page } };
    if (level !== undefined) block.level = level;
    this.blocks.push(block);
  }

  /**
   * Text of nodes, advancing the page counter past any page breaks inside. collectText writes
   * a form feed for each break; the page reported is the one current at the first visible text.
   */
  private textAndPage(nodes: ChildNode[]): { text: string; page: number } {
    const raw = collectText(nodes);
    const firstText = raw.search(/[^\s\f]/);
    const before = firstText < 0 ? raw : raw.slice(0, firstText);
    const page = this.page + countFormFeeds(before);
    this.page += countFormFeeds(raw);
    return { text: normalizeLines(raw.replace(/\f/g, "")), page };
  }

  private list(el: Element): void {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (isPageBreak(child)) this.page++;
      else if (child.name === "li") this.listItem(child);
      else this.container([child]);
    }
  }

  /** A list item; lists nested inside it become list items of their own, after it. */
  private listItem(el: Element): void {
    const own = el.children.filter((c) => !(isElement(c) && (c.name === "ul" || c.name === "ol")));
    this.text("list-item", own);
    for (const child of el.children) {
      if (isElement(child) && (child.name === "ul" || child.name === "ol")) this.list(child);
    }
  }

  private table(el: Element): void {
    const startPage = this.page;
    const rows = tableRows(el);
    const pages = new Set<number>();
    const raw: RawRow[] = rows.map((row) => ({
      header: row.header,
      cells: row.cells.map((cellEl) => {
        const { text, page } = this.textAndPage(cellEl.children);
        pages.add(page);
        return {
          text,
          rowspan: spanOf(cellEl.attribs["rowspan"]),
          colspan: spanOf(cellEl.attribs["colspan"]),
          page,
        };
      }),
    }));
    const grid = buildGrid(raw);
    if (grid.rows.length === 0) return;
    const block: TableBlock = {
      kind: "table",
      rows: grid.rows,
      place: { page: startPage },
      method: "markup",
      headerRows: grid.headerRows,
    };
    const covered = [...pages].sort((a, b) => a - b);
    if (covered.length > 1 || (covered[0] !== undefined && covered[0] !== startPage)) {
      block.pages = [...new Set([startPage, ...covered])].sort((a, b) => a - b);
    }
    this.blocks.push(block);
  }
}

function containsBlock(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (BLOCK_TAGS.has(c.name) || HEADING.test(c.name) || containsBlock(c)));
}

function spanOf(value: string | undefined): number {
  const n = Number.parseInt(value ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

interface RawCell {
  text: string;
  rowspan: number;
  colspan: number;
  page: number;
}
export interface RawRow {
  cells: RawCell[];
  /** True when the row came from a thead or is made only of th cells. */
  header: boolean;
}

/** The table's own rows (not those of tables nested in its cells), in document order. */
function tableRows(table: Element): { cells: Element[]; header: boolean }[] {
  const out: { cells: Element[]; header: boolean }[] = [];
  const visit = (el: Element, inHead: boolean): void => {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (child.name === "tr") {
        const cells = child.children.filter(isElement).filter((c) => c.name === "td" || c.name === "th");
        const allTh = cells.length > 0 && cells.every((c) => c.name === "th");
        out.push({ cells, header: inHead || allTh });
      } else if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") {
        visit(child, child.name === "thead");
      }
    }
  };
  visit(table, false);
  return out;
}

/**
 * Rows of spanning cells → full grid. Each cell sits at its top-left position; positions it
 * covers are null. Spans running past the table's last row are clamped (and the cell's
 * rowspan with them) so the grid stays rectangular and truthful.
 */
export function buildGrid(rows: RawRow[]): { rows: (Cell | null)[][]; headerRows: number } {
  const grid: (Cell | null)[][] = [];
  const occupied: boolean[][] = [];
  const rowCount = rows.length;
  rows.forEach((row, r) => {
    grid[r] ??= [];
    occupied[r] ??= [];
    let c = 0;
    for (const raw of row.cells) {
      while (occupied[r]![c]) c++;
      const rowspan = Math.min(raw.rowspan, rowCount - r);
      const cell: Cell = { text: raw.text, rowspan, colspan: raw.colspan, place: { page: raw.page } };
      for (let dr = 0; dr < rowspan; dr++) {
        const rr = r + dr;
        grid[rr] ??= [];
        occupied[rr] ??= [];
        for (let dc = 0; dc < raw.colspan; dc++) {
          occupied[rr]![c + dc] = true;
          grid[rr]![c + dc] = dr === 0 && dc === 0 ? cell : null;
        }
      }
      c += raw.colspan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  const full = grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? null));
  let headerRows = 0;
  while (headerRows < rows.length && rows[headerRows]!.header) headerRows++;
  // A table that is all header (no body) has no header rows worth the name.
  if (headerRows === rows.length) headerRows = 0;
  return { rows: full, headerRows };
}
