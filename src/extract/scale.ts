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
import { allMatches, normSpace, rejoinSplitWords, stripMarkup, wordCount } from "./text-utils.js";
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
  for (const entries of keyCandidates(layout)) {
    if (entries.length >= MIN_LEVELS) return toScale([...entries].sort((a, b) => b.level - a.level));
  }
  return { scale: [], messages: [] };
}

// ---------------------------------------------------------------------------------------
// A key of figures and words ('4 - Excellent', '5 = Excellent, 4 = Good, …', a table of
// 'Score | Word | What it means'), as councils that do not write "Level N" print their scale.

/**
 * Words that grade: a key's labels are these (or start with one). A numbered list of areas
 * or steps ('1. Strong governance', '2. Safe people') is no scale: its labels are not grades.
 */
const GRADE_WORD =
  /^(?:excellent|outstanding|sector[- ]leading|very good|good|adequate|satisfactory|fair|sound|strong|effective|established|embedded|developing|emerging|improving|limited|weak|poor|unsatisfactory|inadequate|(?:requires?|needs?) improvement|not (?:yet )?(?:met|effective)|partially met|met|exceeded|major weakness(?:es)?|important weakness(?:es)?|serious weakness(?:es)?|significant (?:strengths|weakness(?:es)?))\b/i;

/** A cell or line opening with a level figure: a lone '6', or '4 - Excellent', '5 = Excellent', '3: Good'. */
const KEY_LEVEL = /^\s*(\d{1,2})\s*(?:$|[-\u2013\u2014=:]\s*(.*)$|\s+(?=\p{L})(.*)$)/u;

/** Inline keys: '5 = Excellent, 4 = Good, 3 = Adequate …' (a figure, '=' / '-' / ':', a word or two). */
const INLINE_KEY = /(?<![\d.])(\d{1,2})\s*(?:=|-|\u2013|:)\s*(\p{Lu}\p{Ll}+(?:[ -]\p{Ll}+)?)/gu;

function* keyCandidates(layout: Layout): Generator<Entry[]> {
  for (const page of layout.pages) {
    for (const block of page.blocks) {
      if (block.kind !== "table") continue;
      const entries = keyTableEntries(block);
      if (entries) yield entries;
    }
  }
  const pieces = piecesOf(layout).filter((p) => p.kind !== "table");
  for (const piece of pieces) {
    const entries = inlineKeyEntries(piece);
    if (entries) yield entries;
  }
  yield* keyLineRuns(pieces);
}

/** The split of a key's text after its figure into a grade label and what it means. */
function gradeAndMeaning(text: string): { label: string; meaning: string } | null {
  const t = normSpace(stripMarkup(text));
  const m = GRADE_WORD.exec(t);
  if (!m) return null;
  const meaning = t.slice(m[0].length).replace(/^[\s:;,.\u2013\u2014-]+/, "");
  return { label: t.slice(0, m[0].length), meaning };
}

function keyTableEntries(block: TableBlock): Entry[] | null {
  const entries: Entry[] = [];
  for (const cells of block.rows) {
    const filled = cells.filter((c): c is NonNullable<typeof c> => !!c && !!c.text.trim());
    const first = filled[0];
    const m = first ? KEY_LEVEL.exec(normSpace(stripMarkup(first.text))) : null;
    if (!first || !m) continue;
    const own = m[2] ?? m[3] ?? "";
    const rest = filled.slice(1).map((c) => normSpace(stripMarkup(c.text)));
    // 'Level | Word | Meaning' columns, or the word beside the figure in the first cell.
    const graded = own ? gradeAndMeaning(own) : rest[0] ? gradeAndMeaning(rest[0]) : null;
    if (!graded) continue;
    const meaning = [graded.meaning, ...(own ? rest : rest.slice(1))].filter(Boolean).join(" ");
    entries.push({ level: Number(m[1]), label: graded.label, meaning, place: first.place });
  }
  return consecutiveRun(entries);
}

function inlineKeyEntries(piece: Piece): Entry[] | null {
  const text = normSpace(stripMarkup(piece.text));
  if (!text.includes("=") && !text.includes("-") && !text.includes("\u2013") && !text.includes(":")) return null;
  const entries: Entry[] = [];
  for (const m of allMatches(INLINE_KEY, text)) {
    const graded = gradeAndMeaning(m[2]!);
    if (graded) entries.push({ level: Number(m[1]), label: graded.label, meaning: "", place: piece.place });
  }
  return consecutiveRun(entries);
}

/** Lines each opening with a level and a grade ('6 Excellent Outstanding and sector leading'). */
function* keyLineRuns(pieces: Piece[]): Generator<Entry[]> {
  let run: Entry[] = [];
  for (const piece of pieces) {
    const m = KEY_LEVEL.exec(normSpace(stripMarkup(piece.text)));
    const graded = m && (m[2] ?? m[3]) ? gradeAndMeaning((m[2] ?? m[3])!) : null;
    if (m && graded && wordCount(piece.text) <= 25) {
      run.push({ level: Number(m[1]), label: graded.label, meaning: graded.meaning, place: piece.place });
      continue;
    }
    const found = consecutiveRun(run);
    if (found) yield found;
    run = [];
  }
  const found = consecutiveRun(run);
  if (found) yield found;
}

/** Entries whose levels step by one (up or down) from 1 or to 1, at least MIN_LEVELS of them; else null. */
function consecutiveRun(entries: Entry[]): Entry[] | null {
  if (entries.length < MIN_LEVELS) return null;
  const step = entries[1]!.level - entries[0]!.level;
  if (step !== 1 && step !== -1) return null;
  for (let i = 1; i < entries.length; i++) if (entries[i]!.level - entries[i - 1]!.level !== step) return null;
  const levels = entries.map((e) => e.level);
  return Math.min(...levels) === 1 && Math.max(...levels) <= 10 ? entries : null;
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
