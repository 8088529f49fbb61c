/**
 * Cutting block and cell text into the units the evidence extractors read: logical lines
 * (bullets and paragraphs, with PDF/text line wrapping undone) and sentences.
 *
 * The same evidence arrives as a DOCX cell with one paragraph per line, a PDF cell whose
 * lines are wrapped at the column edge, or a text paragraph already joined by the reader;
 * `logicalLines` turns all three into the same list of items.
 */
import SentenceTokenizer from "natural/lib/natural/tokenizers/sentence_tokenizer.js";

/** Abbreviations whose full stop does not end a sentence ("No. Escalating Concerns"). */
const ABBREVIATIONS = ["No.", "Nos.", "e.g.", "i.e.", "etc.", "approx.", "vs.", "para.", "Ref.", "Fig.", "Mr.", "Mrs.", "Dr."];

/** Bullet glyphs readers leave at the start of list lines (PDF symbol fonts use private-use code points). */
const BULLET = /^(?:[•●○◦▪▫■□‣∙·*\u2043\uf0b7\uf0a7\uf076\uf0d8\uf0fc]|[-–—](?=\s))\s*/u;

export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Inline markup that some readers keep (markdown/HTML fragments) → plain text. */
export function plainText(text: string): string {
  return text
    .replace(/\s*<sup>\s*([^<]*?)\s*<\/sup>/gi, "$1") // "2 <sup>nd</sup>" → "2nd"
    .replace(/<\/?(?:ul|ol|li|p|br)\b[^>]*>/gi, "\n")
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/\*\*|__/g, "")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[ \t]+/g, " ");
}

/** Undo number splits made by line wrapping: "1,\n747" → "1,747", "87.31\n%" → "87.31%". */
export function rejoinSplitNumbers(text: string): string {
  return text
    .replace(/(\d),[ \t]*\n[ \t]*(\d{3})(?!\d)/g, "$1,$2")
    .replace(/(\d)\.[ \t]*\n[ \t]*(\d+)(?=[ \t]*%)/g, "$1.$2")
    .replace(/(\d)[ \t]*\n[ \t]*\.(\d)/g, "$1.$2")
    .replace(/(\d)[ \t]*\n[ \t]*(%)/g, "$1$2");
}

export function startsWithBullet(line: string): boolean {
  return BULLET.test(line.trimStart());
}

export function stripBullet(line: string): string {
  return line.trimStart().replace(BULLET, "").trim();
}

/** Words that cannot end a line of running text: the sentence continues on the next line. */
const CONTINUES = /(?:[-–—,&/(]|\b(?:and|or|of|to|the|a|an|with|for|in|on|by|from|at|as|that|which|who|into|per|than|re:))$/i;

/**
 * Logical lines of a cell or paragraph. `hard` says the source's line breaks are real
 * paragraph breaks (DOCX, markdown); otherwise a break inside running text is a wrap,
 * joined unless the line ends a sentence, the next starts a bullet, or the line is short
 * for its block (a list line that ended early).
 */
export function logicalLines(raw: string, hard: boolean): string[] {
  const text = rejoinSplitNumbers(plainText(raw));
  const lines = text.split("\n").map((l) => l.replace(/\s+$/, ""));
  if (hard) return lines.map((l) => l.trim()).filter((l) => l.length > 0);
  const widest = Math.max(1, ...lines.map((l) => l.trim().length));
  const out: string[] = [];
  let current = "";
  let last = ""; // the physical line before `next`: wrapping is judged line by line
  for (const line of lines) {
    const next = line.trim();
    if (!next) {
      if (current) out.push(current);
      current = "";
      continue;
    }
    if (!current) {
      current = next;
      last = next;
      continue;
    }
    // Inside a bulleted item, a line without a bullet carries the item on until it ends a sentence.
    const bulletGoesOn = startsWithBullet(current) && !startsWithBullet(next) && !/[.!?:]["'’”)]?$/.test(last);
    const wrapped = bulletGoesOn || isWrapped(last, next, widest) || awaitsFigure(current, next);
    last = next;
    if (wrapped) {
      // A hyphen glued to the word before ("self-", "twenty-") joins without a space.
      current = /\w-$/.test(current) && /^[a-z]/.test(next) ? current + next : `${current} ${next}`;
    } else {
      out.push(current);
      current = next;
    }
  }
  if (current) out.push(current);
  return out;
}

function isWrapped(previous: string, next: string, widest: number): boolean {
  if (startsWithBullet(next)) return false;
  if (CONTINUES.test(previous)) return true;
  // A new labelled count ('No. Provider Performance Issues …') starts a new item.
  if (/^(?:no\.?\s|no of\b|number of\b)/i.test(next) && /\d\W*$/.test(previous)) return false;
  // 'section\n47', 'Dec\n17': a number that completes the words before it.
  if (/^\d/.test(next) && ADDRESS_END.test(previous)) return true;
  if (/[.!?;:]["'’”)]?$/.test(previous)) return false;
  if (/^[a-z]/.test(next)) return true;
  if (next.startsWith("(")) return !previous.endsWith(")");
  // A line opening with a figure starts a new item unless a bracket is still open.
  if (/^\d/.test(next)) return (previous.match(/\(/g) ?? []).length > (previous.match(/\)/g) ?? []).length;
  // Wrapped text fills the line: had the next word fitted, the writer ended the line on purpose.
  const firstWord = next.split(/\s+/)[0] ?? "";
  return previous.length + 1 + firstWord.length > widest;
}

/** A count label still waiting for its figure ('No. Provider Performance Issues (Stage 3)' ⏎ '1'). */
function awaitsFigure(label: string, next: string): boolean {
  if (!/^\d/.test(next) || !/^(?:no\.?\s|no of\b|number of\b|total\b)/i.test(label)) return false;
  return !/\d/.test(label.replace(/\([^)]*\)/g, ""));
}

/**
 * Does `next` carry on the sentence `previous` left open? Used across a cell split over
 * two table rows or two pages: the first piece ends without a full stop and the second
 * starts in lower case, or the first ends on a word that cannot end a sentence.
 */
export function continuesSentence(previous: string, next: string): boolean {
  const p = previous.trim();
  const n = next.trim();
  if (!p || !n || startsWithBullet(n)) return false;
  if (/[.!?;:]["'’”)]?$/.test(p)) return false;
  return /^[a-z]/.test(n) || CONTINUES.test(p) || (/^\d/.test(n) && ADDRESS_END.test(p));
}

const ADDRESS_END =
  /\b(?:level|levels|stage|phase|step|section|paragraph|para|page|appendix|table|figure|chapter|column|rec|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)$/i;

const tokenizer = new SentenceTokenizer(ABBREVIATIONS);

/** Dots inside paragraph references (4.3.37) hidden from the tokenizer, restored after. */
const REF_DOT = "\u2024";

/**
 * Lines already split, by text: indicators, actions and gaps split the same lines, and the
 * tokenizer (which compiles its abbreviation pattern on every call) is a pure function of the
 * line. Bounded, so a worker's memory stays flat over a long batch.
 */
const sentenceCache = new Map<string, Span[]>();
const SENTENCE_CACHE_MAX = 4096;

/** Sentences of one logical line, with their offsets in it. */
export function sentences(line: string): Span[] {
  let spans = sentenceCache.get(line);
  if (!spans) {
    spans = splitSentences(line);
    if (sentenceCache.size >= SENTENCE_CACHE_MAX) sentenceCache.clear();
    sentenceCache.set(line, spans);
  }
  // Copies: callers own what they get.
  return spans.map((s) => ({ text: s.text, start: s.start, end: s.end }));
}

function splitSentences(line: string): Span[] {
  const guarded = line.replace(/(\d)\.(?=\d)/g, `$1${REF_DOT}`);
  const parts = tokenizer.tokenize(guarded).map((s) => s.split(REF_DOT).join("."));
  const spans: Span[] = [];
  let cursor = 0;
  for (const part of parts) {
    const at = line.indexOf(part, cursor);
    if (at < 0) continue;
    spans.push({ text: part, start: at, end: at + part.length });
    cursor = at + part.length;
  }
  if (spans.length === 0 && line.trim()) spans.push({ text: line.trim(), start: line.indexOf(line.trim()), end: line.indexOf(line.trim()) + line.trim().length });
  return spans;
}

/** Content words of a text (for overlap tests and "is there anything here" checks). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z'’-]*/g) ?? []).filter((w) => !STOPWORDS.has(w));
}

const STOPWORDS = new Set(
  "a an the of and or to in on for with by at from as is are be was were that this these those it its our we all any".split(" "),
);

/** Collapse runs of spaces; trim. */
export function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
