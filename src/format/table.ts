/**
 * The one table formatter every command's `table` output goes through: aligned columns that
 * fit a line width. Too wide a table shortens its longest texts first (with "…"), never a
 * column below its floor; a table that cannot fit even then is split into panels, each
 * repeating the leading columns (history's matrix), or squeezed further as a last resort.
 * Pure: the width comes in as an option (the CLI reads the terminal's, see settings.ts).
 */

/** Where the "…" goes when a cell is shortened. */
export type ClipAt = "end" | "middle";

export interface TableColumn {
  header: string;
  /** Cap for table output unless wide; longer text is cut with "…". */
  maxWidth?: number;
  /** Fitting never shortens this column below this many characters (default min(natural, 8)). */
  minWidth?: number;
  /** "middle" keeps both ends (a file name keeps its extension). Default "end". */
  clip?: ClipAt;
  /** Right-align (numbers in a matrix). */
  align?: "left" | "right";
}

export interface TableLayout {
  /** The line width to fit, in characters; undefined or 0: no limit. */
  width?: number;
  /** Show every cell whole: no caps, no fitting. */
  wide?: boolean;
  /** Split into panels (repeating this many leading columns) rather than shorten below the floors. */
  repeatColumns?: number;
}

const GAP = "  ";
/** What an unlisted column may be shortened to before the table is squeezed harder. */
const DEFAULT_FLOOR = 10;

/** Cells already turned into strings (one line each) → the table's text, ending in a newline. */
export function layoutTable(columns: readonly TableColumn[], cells: readonly string[][], layout: TableLayout = {}): string {
  const limit = layout.width && layout.width > 0 && !layout.wide ? layout.width : Infinity;
  let natural = naturalWidths(columns, cells, layout.wide === true);
  if (totalWidth(natural) > limit && cells.length > 0) {
    // A table that must be shortened first drops the columns no row fills: they say nothing.
    const kept = columns.flatMap((_, i) => (cells.some((row) => row[i] !== "") ? [i] : []));
    if (kept.length < columns.length) {
      columns = kept.map((i) => columns[i]!);
      cells = cells.map((row) => kept.map((i) => row[i]!));
      natural = kept.map((i) => natural[i]!);
    }
  }
  const floors = columns.map((c, i) => Math.min(natural[i]!, c.minWidth ?? DEFAULT_FLOOR));
  if (layout.repeatColumns !== undefined && totalWidth(floors) > limit) {
    return panelsOf(columns.length, floors, layout.repeatColumns, limit)
      .map((indices) => render(indices.map((i) => columns[i]!), cells.map((row) => indices.map((i) => row[i]!)), fit(indices.map((i) => natural[i]!), indices.map((i) => floors[i]!), limit)))
      .join("\n");
  }
  return render(columns, cells, fit(natural, floors, limit));
}

/** Each column's width with nothing shortened (but its cap, unless wide). */
function naturalWidths(columns: readonly TableColumn[], cells: readonly string[][], wide: boolean): number[] {
  return columns.map((c, i) => {
    const width = Math.max(c.header.length, ...cells.map((row) => row[i]!.length));
    return wide || c.maxWidth === undefined ? width : Math.min(width, Math.max(c.maxWidth, 1));
  });
}

/** The width each column gets: natural widths, shortened from the widest down to fit the limit. */
export function fit(natural: readonly number[], floors: readonly number[], limit: number): number[] {
  if (totalWidth(natural) <= limit) return [...natural];
  // Stage by stage, lower floors: the columns' own, then the same scaled down to fit (so the
  // columns that matter keep their share), then 3 characters, then 1 (a last resort).
  const room = limit - GAP.length * Math.max(0, natural.length - 1);
  const scale = room / floors.reduce((s, w) => s + w, 0);
  const scaled = floors.map((w, i) => Math.min(natural[i]!, Math.max(3, Math.floor(w * scale))));
  for (const stage of [floors, scaled, natural.map((w) => Math.min(w, 3)), natural.map((w) => Math.min(w, 1))]) {
    const level = highestLevel(natural, stage, limit);
    if (level !== null) return natural.map((w, i) => Math.max(stage[i]!, Math.min(w, level)));
  }
  return natural.map((w) => Math.min(w, 1));
}

/** The highest cap L such that capping every column at L (but not below its floor) fits; null if none does. */
function highestLevel(natural: readonly number[], floors: readonly number[], limit: number): number | null {
  const widthAt = (level: number) => totalWidth(natural.map((w, i) => Math.max(floors[i]!, Math.min(w, level))));
  if (widthAt(0) > limit) return null;
  let lo = 0;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (widthAt(mid) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function totalWidth(widths: readonly number[]): number {
  return widths.reduce((s, w) => s + w, 0) + GAP.length * Math.max(0, widths.length - 1);
}

/** Column indices per panel: the repeated leading columns, then as many others as fit. */
function panelsOf(count: number, floors: readonly number[], repeat: number, limit: number): number[][] {
  const lead = Array.from({ length: Math.min(repeat, count) }, (_, i) => i);
  const panels: number[][] = [];
  let current = [...lead];
  for (let i = lead.length; i < count; i++) {
    const next = [...current, i];
    if (current.length > lead.length && totalWidth(next.map((j) => floors[j]!)) > limit) {
      panels.push(current);
      current = [...lead, i];
    } else current = next;
  }
  panels.push(current);
  return panels;
}

function render(columns: readonly TableColumn[], cells: readonly string[][], widths: readonly number[]): string {
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const text = clip(v, widths[i]!, columns[i]!.clip);
        return columns[i]!.align === "right" ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n") + "\n";
}

/** Shorten text to at most max characters, marking the cut with "…". */
export function clip(text: string, max: number, at: ClipAt = "end"): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…".slice(0, max);
  if (at === "middle") {
    const tail = Math.floor((max - 1) / 2);
    return text.slice(0, max - 1 - tail) + "…" + text.slice(text.length - tail);
  }
  return text.slice(0, max - 1) + "…";
}

/** A note under a table, wrapped at spaces to the width (a single word longer than the width is clipped). */
export function wrapText(text: string, width: number | undefined): string {
  if (!width || width <= 0 || text.length <= width) return text;
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (next.length <= width) current = next;
    else {
      if (current) lines.push(current);
      current = clip(word, width);
    }
  }
  if (current) lines.push(current);
  return lines.join("\n");
}
