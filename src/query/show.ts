/**
 * One score with everything needed to check it by eye: its document, page (or lines), area,
 * canonical link, period, and the text around it read back from the source file when the
 * file is still where it was ingested from (and still the same bytes).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Block, Layout, Place } from "../layout/types.js";
import type { Store } from "../store/open.js";

export interface ScoreDetail {
  score_id: number;
  document: string;
  document_path: string | null;
  format: string;
  page: number | null;
  line: number | null;
  bbox: [number, number, number, number] | null;
  area: string;
  area_number: number | null;
  area_description: string | null;
  canonical_area: string | null;
  link: { method: string; confidence: number; note: string | null } | null;
  period: { label: string; start: string; end: string };
  value: number | null;
  value_max: number | null;
  raw: string;
  origin: string;
  context: { source: "file" | "none"; text: string | null; note: string | null };
}

export class NotFoundError extends Error {}

/** Reading a layout is injected so this module does not pull every reader into every command. */
export type LayoutReader = (path: string) => Promise<Layout>;

export async function showScore(db: Store, id: number, readLayout?: LayoutReader): Promise<ScoreDetail> {
  const r = await db
    .selectFrom("scores as s")
    .innerJoin("documents as d", "d.id", "s.document_id")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .innerJoin("periods as p", "p.id", "s.period_id")
    .leftJoin("document_periods as dp", (j) => j.onRef("dp.document_id", "=", "s.document_id").onRef("dp.period_id", "=", "s.period_id"))
    .leftJoin("area_links as l", "l.area_id", "s.area_id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select([
      "s.id", "s.value", "s.value_max", "s.raw", "s.origin", "s.page", "s.line_start", "s.line_end", "s.x0", "s.y0", "s.x1", "s.y1",
      "d.source", "d.path", "d.format", "d.sha256", "a.label as area", "a.number as area_number", "a.description as area_description",
      "c.label as canonical_area", "l.method", "l.confidence", "l.note", "dp.label as own_label", "p.label as shared_label",
      "p.start_month", "p.end_month",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!r) throw new NotFoundError(`no score with id ${id} (ids are in \`scorebook history\` and \`export\`)`);
  const bbox = r.x0 !== null && r.y0 !== null && r.x1 !== null && r.y1 !== null ? ([r.x0, r.y0, r.x1, r.y1] as [number, number, number, number]) : null;
  const place: Place = { page: r.page, bbox, lines: r.line_start !== null ? [r.line_start, r.line_end ?? r.line_start] : null };
  return {
    score_id: r.id,
    document: r.source,
    document_path: r.path,
    format: r.format,
    page: r.page,
    line: r.line_start,
    bbox,
    area: r.area,
    area_number: r.area_number,
    area_description: r.area_description,
    canonical_area: r.canonical_area,
    link: r.method === null ? null : { method: r.method, confidence: r.confidence ?? 0, note: r.note },
    period: { label: r.own_label ?? r.shared_label, start: r.start_month, end: r.end_month },
    value: r.value,
    value_max: r.value_max,
    raw: r.raw,
    origin: r.origin,
    context: await contextOf(r.path, r.sha256, r.format, place, r.raw, r.area, readLayout),
  };
}

const CONTEXT_LINES = 3;

async function contextOf(
  path: string | null,
  sha256: string,
  format: string,
  place: Place,
  raw: string,
  area: string,
  readLayout?: LayoutReader,
): Promise<ScoreDetail["context"]> {
  if (!path) return { source: "none", text: null, note: "the document was stored without a path" };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return { source: "none", text: null, note: `source file not found at ${path}` };
  }
  if (createHash("sha256").update(bytes).digest("hex") !== sha256) {
    return { source: "none", text: null, note: `${path} has changed since it was ingested` };
  }
  if ((format === "text" || format === "markdown") && place.lines) {
    return { source: "file", text: linesAround(bytes.toString("utf8"), place.lines, CONTEXT_LINES), note: null };
  }
  if (!readLayout) return { source: "none", text: null, note: "no reader for this format" };
  try {
    const text = blockContext(await readLayout(path), place, raw, area);
    return text ? { source: "file", text, note: null } : { source: "none", text: null, note: "could not place the score in the re-read document" };
  } catch (error) {
    return { source: "none", text: null, note: `could not re-read ${path} (${(error as Error).message})` };
  }
}

/** Lines [first - n, last + n] of a text, each prefixed with its number (1-based). */
export function linesAround(text: string, [first, last]: [number, number], n: number): string {
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, first - n);
  const to = Math.min(lines.length, last + n);
  const width = String(to).length;
  const out: string[] = [];
  for (let i = from; i <= to; i++) {
    const mark = i >= first && i <= last ? ">" : " ";
    out.push(`${mark}${String(i).padStart(width)}  ${lines[i - 1] ?? ""}`);
  }
  return out.join("\n");
}

function overlaps(a: [number, number, number, number], b: [number, number, number, number]): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function blockText(block: Block): string {
  if (block.kind !== "table") return block.text;
  return block.rows.map((row) => row.map((c) => (c ? c.text.replace(/\s+/g, " ") : "")).join(" | ")).join("\n");
}

/**
 * The table row (or block) holding the score on its page, with the block before it: by
 * bounding box when the reader gave one, else the row that prints both the area and the raw
 * score, else the first block naming the area.
 */
export function blockContext(layout: Layout, place: Place, raw: string, area: string): string | null {
  const page = layout.pages.find((p) => place.page === null || p.number === place.page) ?? layout.pages[0];
  if (!page) return null;
  const areaHead = area.toLowerCase().slice(0, 24);
  const blocks = page.blocks;
  for (const [i, block] of blocks.entries()) {
    if (block.kind === "table") {
      for (const row of block.rows) {
        const cells = row.filter((c): c is NonNullable<typeof c> => c !== null);
        const byBox = place.bbox && cells.some((c) => c.place.bbox && overlaps(c.place.bbox, place.bbox!));
        const byText = cells.some((c) => c.text.toLowerCase().includes(areaHead)) && cells.some((c) => c.text.trim() === raw.trim());
        if (byBox || byText) {
          const header = block.rows[0]?.map((c) => (c ? c.text.replace(/\s+/g, " ") : "")).join(" | ") ?? "";
          const line = cells.map((c) => c.text.replace(/\s+/g, " ")).join(" | ");
          return [before(blocks, i), header, `> ${line}`].filter((s) => s).join("\n");
        }
      }
    } else if ((place.bbox && block.place.bbox && overlaps(block.place.bbox, place.bbox)) || block.text.toLowerCase().includes(areaHead)) {
      return [before(blocks, i), `> ${block.text}`].filter((s) => s).join("\n");
    }
  }
  return null;
}

function before(blocks: Block[], i: number): string {
  const prev = blocks[i - 1];
  // The block before sets the scene (a heading, a table's header); a long one is cut.
  return prev ? blockText(prev).split("\n").slice(-2).map((l) => (l.length > 200 ? l.slice(0, 199) + "…" : l)).join("\n") : "";
}
