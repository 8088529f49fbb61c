/**
 * The printed evaluation scale ("Level 6 Excellent — Excellent or outstanding" … "Level 1
 * Unsatisfactory — Major weakness").
 *
 * Read as (left, right) pairs: the left column holds "Level N" and/or the level's label,
 * the right its meaning. Renderings disagree on where the pieces land ("Level 6" and
 * "Excellent" on separate rows, a meaning broken over rows, a last row that lost its
 * "Level 1"), so entries are assembled: a label-less level takes the next left text; a
 * left text after a complete entry is the next level down; a right text starting in lower
 * case continues the previous meaning, one starting in upper case waits for its level.
 */
import type { MessageFact, ScaleLevel } from "../facts/schema.js";
import type { Layout, Place, TableBlock } from "../layout/types.js";
import { message, toPlaceFact } from "./context.js";
import { piecesOf, type Piece } from "./pieces.js";
import { normSpace, rejoinSplitWords, stripMarkup, wordCount } from "./text-utils.js";
import { oncePer } from "./memo.js";

const MIN_LEVELS = 4;
const LEVEL = /^\s*level\s*(\d{1,2})\b[\s:.-]*([\s\S]*)$/i;

interface Pair {
  left: string;
  right: string;
  place: Place;
}

interface Entry {
  level: number;
  label: string;
  meaning: string;
  place: Place;
}

/** The printed evaluation scale, highest level first. */
export const extractScale: (layout: Layout) => { scale: ScaleLevel[]; messages: MessageFact[] } = oncePer(readScale);

function readScale(layout: Layout): { scale: ScaleLevel[]; messages: MessageFact[] } {
  for (const pairs of scaleCandidates(layout)) {
    const entries = assemble(pairs);
    // Training tiers ("Level 1 / 2 / 3 safeguarding") are not an evaluation scale: a scale
    // grades at least four levels.
    if (entries.length >= MIN_LEVELS) return toScale(entries);
  }
  return { scale: [], messages: [] };
}

function toScale(entries: Entry[]): { scale: ScaleLevel[]; messages: MessageFact[] } {
  const messages: MessageFact[] = [];
  const levels = entries.map((e) => e.level);
  for (let i = 1; i < levels.length; i++) {
    if (levels[i] !== levels[i - 1]! - 1) {
      messages.push(message("extract:scale", "info", `scale levels are not consecutive (${levels.join(", ")})`, entries[i]!.place));
      break;
    }
  }
  const scale = entries.map((e) => ({
    level: e.level,
    label: normSpace(rejoinSplitWords(e.label)) || `Level ${e.level}`,
    meaning: normSpace(e.meaning) || null,
    place: toPlaceFact(e.place),
  }));
  return { scale, messages };
}

/** Possible scales, best first: tables holding three or more "Level N" rows, then runs of "Level N" lines. */
function* scaleCandidates(layout: Layout): Generator<Pair[]> {
  for (const page of layout.pages) {
    for (const block of page.blocks) {
      if (block.kind !== "table") continue;
      const pairs = tablePairs(block);
      if (pairs) yield pairs;
    }
  }
  yield* linearPairs(piecesOf(layout));
}

function tablePairs(block: TableBlock): Pair[] | null {
  const levelRows = block.rows
    .map((cells, r) => ({ r, first: cells.find((c) => c && c.text.trim()) }))
    .filter(({ first }) => first && LEVEL.test(stripMarkup(first.text)));
  if (levelRows.length < 3) return null;
  const start = levelRows[0]!.r;
  const pairs: Pair[] = [];
  for (let r = start; r < block.rows.length; r++) {
    const cells = (block.rows[r] ?? []).filter((c): c is NonNullable<typeof c> => !!c);
    // Two columns: the first holds level/label, the rest the meaning.
    const [left, ...rest] = cells;
    if (!left) continue;
    pairs.push({
      left: stripMarkup(left.text),
      right: stripMarkup(rest.map((c) => c.text).join(" ")),
      place: left.place,
    });
  }
  return pairs;
}

/** Lines "Level 6 Excellent …": without columns the left/right split is unknown, so all is left text. */
function* linearPairs(pieces: Piece[]): Generator<Pair[]> {
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i]!.kind === "table" || !LEVEL.test(pieces[i]!.text)) continue;
    const window = pieces.slice(i, i + 30).filter((p) => p.kind !== "table");
    if (window.filter((p) => LEVEL.test(p.text)).length < 3) continue;
    const pairs: Pair[] = [];
    for (const p of window) {
      if (p.kind === "heading" && pairs.length) break;
      if (wordCount(p.text) > 15) break;
      pairs.push({ left: stripMarkup(p.text), right: "", place: p.place });
    }
    yield pairs;
    i += Math.max(0, pairs.length - 1);
  }
}

function assemble(pairs: Pair[]): Entry[] {
  const entries: Entry[] = [];
  let pendingMeaning: string | null = null;
  for (const pair of pairs) {
    const left = normSpace(pair.left);
    const right = normSpace(pair.right);
    const m = LEVEL.exec(left);
    let last = entries[entries.length - 1];
    if (m) {
      last = { level: Number(m[1]), label: normSpace(m[2] ?? ""), meaning: pendingMeaning ?? "", place: pair.place };
      pendingMeaning = null;
      entries.push(last);
    } else if (left) {
      if (last && !last.label) last.label = left;
      else if (last && last.level > 1) {
        last = { level: last.level - 1, label: left, meaning: pendingMeaning ?? "", place: pair.place };
        pendingMeaning = null;
        entries.push(last);
      } else if (last) break;
    }
    if (right && last) {
      if (!last.meaning) last.meaning = right;
      else if (/^[a-z(]/.test(right)) last.meaning = `${last.meaning} ${right}`;
      else pendingMeaning = right;
    }
    if (last && last.level === 1 && last.label && last.meaning) break;
  }
  return entries;
}
