/**
 * Text lines (outside tables) → heading / paragraph / list-item blocks. Lines are joined into
 * a paragraph while they are close, the same size and weight; a hyphen at a line end before a
 * lowercase letter is a word broken by hyphenation and is removed.
 */
import type { TextBlock } from "../../layout/types.js";
import { bboxOf, boxOf, type Box } from "./geometry.js";
import type { TextLine } from "./lines.js";

/** Baseline step (in em) above which the next line starts a new block. */
const PARAGRAPH_STEP_EM = 1.45;

const LIST_MARKER = /^(?:[•·▪◦‣●○■□►✓\-–—*]|\d{1,2}[.)]+|\(?[a-zA-Z][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))(?:\s|$)/;

export interface TypeScale {
  /** The most common (body) font size in the document. */
  body: number;
  /** Font sizes larger than body that occur on heading lines, largest first. */
  headingSizes: number[];
}

/** Body size = the size covering the most characters; heading sizes = distinct larger sizes. */
export function typeScale(lines: readonly TextLine[]): TypeScale {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + l.text.length);
  }
  let body = 10;
  let best = -1;
  for (const [k, w] of weight) if (w > best) [body, best] = [k, w];
  const headingSizes = [...weight.keys()].filter((k) => k >= body + 1).sort((a, b) => b - a);
  return { body, headingSizes };
}

export function isListStart(text: string): boolean {
  return LIST_MARKER.test(text);
}

function isHeadingLine(l: TextLine, scale: TypeScale): boolean {
  if (l.size >= scale.body + 1) return l.text.length <= 200;
  // Only bold lines need their words counted.
  return l.bold && l.text.split(/\s+/).length <= 14 && !/[.,;:]$/.test(l.text) && /\p{L}/u.test(l.text);
}

function headingLevel(l: TextLine, scale: TypeScale): number {
  const k = Math.round(l.size * 2) / 2;
  const idx = scale.headingSizes.findIndex((s) => k >= s);
  const level = idx === -1 ? scale.headingSizes.length + 1 : idx + 1;
  return Math.min(6, level);
}

/** Join two lines of one paragraph, undoing end-of-line hyphenation. */
export function joinLines(a: string, b: string): string {
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
  return `${a} ${b}`;
}

export function buildBlocks(lines: readonly TextLine[], page: number, scale: TypeScale): TextBlock[] {
  const blocks: TextBlock[] = [];
  let cur: { kind: TextBlock["kind"]; lines: TextLine[]; level?: number } | null = null;
  const flush = () => {
    if (!cur) return;
    const text = cur.lines.map((l) => l.text).reduce((acc, t) => (acc ? joinLines(acc, t) : t), "");
    const box: Box = boxOf(cur.lines);
    const block: TextBlock = { kind: cur.kind, text, place: { page, bbox: bboxOf(box) } };
    if (cur.kind === "heading") block.level = cur.level ?? 1;
    if (text.trim()) blocks.push(block);
    cur = null;
  };
  for (const l of lines) {
    if (!l.text.trim()) continue;
    const heading = isHeadingLine(l, scale);
    const kind: TextBlock["kind"] = heading ? "heading" : isListStart(l.text) ? "list-item" : "paragraph";
    if (cur) {
      const prev = cur.lines[cur.lines.length - 1]!;
      const step = l.baseline - prev.baseline;
      const em = Math.max(l.size, prev.size);
      const sameStyle = Math.abs(l.size - prev.size) < 1 && (heading === (cur.kind === "heading"));
      const horizontallyRelated = l.x0 < prev.x1 && l.x1 > prev.x0;
      const continues =
        step > 0 &&
        step <= PARAGRAPH_STEP_EM * em &&
        sameStyle &&
        horizontallyRelated &&
        // A list marker starts a new item; a heading continues only as a heading.
        (kind === "paragraph" || (kind === "heading" && cur.kind === "heading"));
      if (continues) {
        cur.lines.push(l);
        continue;
      }
      flush();
    }
    cur = { kind, lines: [l], level: heading ? headingLevel(l, scale) : undefined };
  }
  flush();
  return blocks;
}
