/**
 * A tiny PDF writer for tests: pages of Helvetica text and ruling lines in raw PDF syntax,
 * with a correct cross-reference table. Coordinates are PDF points with the origin at the
 * bottom-left (PDF's own convention).
 */

export interface TextOp {
  text: string;
  x: number;
  y: number;
  size?: number;
  bold?: boolean;
  /** Set in Courier (monospaced, every character 0.6 em wide). */
  mono?: boolean;
  /** Runs up the page (a 90° text matrix), as a narrow column's head. */
  up?: boolean;
}

export interface LineOp {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  width?: number;
}

export interface RectOp {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Fill grey level 0..1 (default 0.85). */
  grey?: number;
}

/** A filled disc drawn with four Bézier curves, as browsers paint a list bullet. */
export interface DotOp {
  /** Centre. */
  x: number;
  y: number;
  r: number;
}

export interface PageSpec {
  width?: number;
  height?: number;
  texts?: TextOp[];
  lines?: LineOp[];
  rects?: RectOp[];
  dots?: DotOp[];
  /** The page's /Rotate (how a viewer turns it for display). */
  rotate?: 0 | 90 | 180 | 270;
  /**
   * A transform (PDF `cm`) applied to the page's texts, lines, rects and dots: e.g.
   * [0, 1, -1, 0, 595, 0] draws a landscape table sideways on a portrait page.
   */
  cm?: [number, number, number, number, number, number];
  /** Texts drawn upright, outside `cm` (a running header over a sideways table). */
  upright?: TextOp[];
}

/** Bézier handle length for a quarter circle of radius 1. */
const KAPPA = 0.5523;

function discPath({ x, y, r }: DotOp): string {
  const k = r * KAPPA;
  const n = (v: number) => +v.toFixed(3);
  return [
    `${n(x + r)} ${n(y)} m`,
    `${n(x + r)} ${n(y + k)} ${n(x + k)} ${n(y + r)} ${n(x)} ${n(y + r)} c`,
    `${n(x - k)} ${n(y + r)} ${n(x - r)} ${n(y + k)} ${n(x - r)} ${n(y)} c`,
    `${n(x - r)} ${n(y - k)} ${n(x - k)} ${n(y - r)} ${n(x)} ${n(y - r)} c`,
    `${n(x + k)} ${n(y - r)} ${n(x + r)} ${n(y - k)} ${n(x + r)} ${n(y)} c`,
  ].join(" ");
}

export interface PdfOptions {
  title?: string;
  /** Add a standard-security /Encrypt dictionary whose user password is not empty. */
  encryptWithUserPassword?: boolean;
}

/** Strings are written as latin1 bytes: use "\u0095" for a WinAnsi bullet. */
function escapeText(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`);
}

function contentOf(page: PageSpec): string {
  const out: string[] = [];
  if (page.cm) out.push(`q ${page.cm.join(" ")} cm`);
  for (const r of page.rects ?? []) out.push(`q ${r.grey ?? 0.85} g ${r.x} ${r.y} ${r.w} ${r.h} re f Q`);
  for (const d of page.dots ?? []) out.push(`q 0 g ${discPath(d)} f Q`);
  for (const l of page.lines ?? []) out.push(`q ${l.width ?? 0.75} w ${l.x0} ${l.y0} m ${l.x1} ${l.y1} l S Q`);
  for (const t of page.texts ?? []) {
    out.push(textOp(t));
  }
  if (page.cm) out.push("Q");
  for (const t of page.upright ?? []) out.push(textOp(t));
  return out.join("\n");
}

function textOp(t: TextOp): string {
  const at = t.up ? `0 1 -1 0 ${t.x} ${t.y} Tm` : `${t.x} ${t.y} Td`;
  return `BT /${t.mono ? "F3" : t.bold ? "F2" : "F1"} ${t.size ?? 10} Tf ${at} (${escapeText(t.text)}) Tj ET`;
}

/** Build the bytes of a PDF with the given pages. */
export function buildPdf(pages: PageSpec[], options: PdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add("");
  const pagesObj = add("");
  const font1 = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const font2 = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  const font3 = add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const p of pages) {
    const content = contentOf(p);
    const stream = add(`<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${p.width ?? 595} ${p.height ?? 842}]${p.rotate ? ` /Rotate ${p.rotate}` : ""} ` +
          `/Resources << /Font << /F1 ${font1} 0 R /F2 ${font2} 0 R /F3 ${font3} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  const info = add(`<< /Title (${escapeText(options.title ?? "Test document")}) /Producer (scorebook tests) >>`);
  let encrypt = 0;
  if (options.encryptWithUserPassword) {
    const hex = (seed: number) => Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 255).toString(16).padStart(2, "0")).join("");
    encrypt = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(11)}> /U <${hex(99)}> /P -44 >>`);
  }
  const id = "<0123456789abcdef0123456789abcdef>";
  return serialise(objects, catalog, ` /Info ${info} 0 R /ID [${id} ${id}]${encrypt ? ` /Encrypt ${encrypt} 0 R` : ""}`);
}

/** Objects (numbered from 1) → a PDF file: header, bodies, cross-reference table, trailer (`trailerExtra`: entries after /Root). */
function serialise(objects: readonly string[], catalog: number, trailerExtra = ""): Uint8Array {
  let pdf = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, "latin1"));
}

/** Width of Helvetica text is not needed by tests: columns are placed far enough apart. */
export interface GridSpec {
  x: number;
  top: number;
  colWidths: number[];
  rowHeight: number;
  rows: string[][];
  size?: number;
}

/** A fully ruled grid table (text top-left in each cell). Returns text and line ops. */
export function gridTable(spec: GridSpec): { texts: TextOp[]; lines: LineOp[] } {
  const texts: TextOp[] = [];
  const lines: LineOp[] = [];
  const xs = [spec.x];
  for (const w of spec.colWidths) xs.push(xs[xs.length - 1]! + w);
  const ys = spec.rows.map((_, i) => spec.top - i * spec.rowHeight);
  ys.push(spec.top - spec.rows.length * spec.rowHeight);
  for (const y of ys) lines.push({ x0: xs[0]!, y0: y, x1: xs[xs.length - 1]!, y1: y });
  for (const x of xs) lines.push({ x0: x, y0: ys[0]!, x1: x, y1: ys[ys.length - 1]! });
  spec.rows.forEach((row, r) =>
    row.forEach((text, c) => {
      if (text) texts.push({ text, x: xs[c]! + 4, y: ys[r]! - (spec.size ?? 10) - 3, size: spec.size ?? 10 });
    }),
  );
  return { texts, lines };
}

/** Approximate Helvetica advance (em) per character: enough to wrap prose into a cell. */
const AVG_CHAR_EM = 0.5;

/**
 * Break prose into lines no wider than `width` points at `size` (greedy word wrap with an
 * average character width), as a word processor fills a table cell.
 */
export function wrapText(text: string, width: number, size = 10): string[] {
  const max = Math.max(1, Math.floor(width / (size * AVG_CHAR_EM)));
  const out: string[] = [];
  let cur = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + word.length > max) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

/** A page that is one JPEG image drawn over the whole page, as a scanner's PDF is. */
export interface ImagePageSpec {
  jpeg: Uint8Array;
  /** Image size in pixels. */
  pixelWidth: number;
  pixelHeight: number;
  /** Page size in points (the image is stretched over it). */
  width: number;
  height: number;
  /** The image's colour space (what the JPEG holds). */
  grey?: boolean;
}

/** Build an image-only PDF (no text layer), one JPEG per page. */
export function buildImagePdf(pages: ImagePageSpec[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add("");
  const pagesObj = add("");
  const kids: number[] = [];
  for (const p of pages) {
    const jpeg = Buffer.from(p.jpeg).toString("latin1");
    const image = add(
      `<< /Type /XObject /Subtype /Image /Width ${p.pixelWidth} /Height ${p.pixelHeight} /ColorSpace /${p.grey ? "DeviceGray" : "DeviceRGB"} ` +
        `/BitsPerComponent 8 /Filter /DCTDecode /Length ${p.jpeg.length} >>\nstream\n${jpeg}\nendstream`,
    );
    const content = `q ${p.width} 0 0 ${p.height} 0 0 cm /Im0 Do Q`;
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${p.width} ${p.height}] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  return serialise(objects, catalog);
}
