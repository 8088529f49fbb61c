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

const SUP = /\s*<sup>\s*([^<]*?)\s*<\/sup>/gi;
const LIST_TAG = /<\/?(?:ul|ol|li|p|br)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z][^>]*>/gi;
const EMPHASIS = /\*\*|__/g;
const WIDE_SPACE = /[\u00a0\u2007\u202f]/g;
/** Runs of spaces and tabs that are not already one plain space (a lone space needs no work). */
const LOOSE_BLANKS = /\t[ \t]*| [ \t]+/g;

/**
 * Inline markup that some readers keep (markdown/HTML fragments) → plain text. The markup
 * patterns run only when the text holds the character they need: most text has none.
 */
export function plainText(text: string): string {
  let t = text;
  if (t.includes("<")) {
    t = t
      .replace(SUP, "$1") // "2 <sup>nd</sup>" → "2nd"
      .replace(LIST_TAG, "\n")
      .replace(ANY_TAG, "");
  }
  if (t.includes("**") || t.includes("__")) t = t.replace(EMPHASIS, "");
  return t.replace(WIDE_SPACE, " ").replace(LOOSE_BLANKS, " ");
}

const SPLIT_THOUSANDS = /(\d),[ \t]*\n[ \t]*(\d{3})(?!\d)/g;
const SPLIT_DECIMAL_PERCENT = /(\d)\.[ \t]*\n[ \t]*(\d+)(?=[ \t]*%)/g;
const SPLIT_DECIMAL = /(\d)[ \t]*\n[ \t]*\.(\d)/g;
const SPLIT_PERCENT = /(\d)[ \t]*\n[ \t]*(%)/g;

/** Undo number splits made by line wrapping: "1,\n747" → "1,747", "87.31\n%" → "87.31%". */
export function rejoinSplitNumbers(text: string): string {
  if (!text.includes("\n")) return text; // every split is at a line break
  return text
    .replace(SPLIT_THOUSANDS, "$1,$2")
    .replace(SPLIT_DECIMAL_PERCENT, "$1.$2")
    .replace(SPLIT_DECIMAL, "$1.$2")
    .replace(SPLIT_PERCENT, "$1$2");
}

export function startsWithBullet(line: string): boolean {
  return BULLET.test(line.trimStart());
}

export function stripBullet(line: string): string {
  return line.trimStart().replace(BULLET, "").trim();
}

/**
 * The patterns below only ever match at the end of a line. A regex anchored only at the end
 * is still tried from every position of the line, so each is tested on the line's last few
 * characters: as many as its longest match, plus one before it for a leading \b.
 */
function endsWith(pattern: { re: RegExp; tail: number }, text: string): boolean {
  return pattern.re.test(text.length > pattern.tail ? text.slice(-pattern.tail) : text);
}

/** An end-anchored pattern of a character class or a list of words. */
function lineEnd(re: RegExp, longest: number): { re: RegExp; tail: number } {
  return { re, tail: longest + 1 };
}

const CONTINUING_WORDS = "and or of to the a an with for in on by from at as that which who into per than re:".split(" ");

/** Words that cannot end a line of running text: the sentence continues on the next line. */
const CONTINUES = lineEnd(
  new RegExp(`(?:[-–—,&/(]|\\b(?:${CONTINUING_WORDS.join("|")}))$`, "i"),
  Math.max(...CONTINUING_WORDS.map((w) => w.length)),
);

/** A line opening with a year ('2017', '2017/18') that no percent sign makes a figure. */
const YEAR_START = /^(?:19|20)\d{2}(?:\/\d{2})?\b(?!\s*%|[.,]\d)/;
/** A capitalised word ending the line: a name ('Policy', 'Act', 'Strategy') a year can complete. */
const NAME_END = lineEnd(/\b\p{Lu}\p{Ll}+$/u, 24);

/** A sentence (or clause) end, optionally closed by a quote or bracket. */
const SENTENCE_END = lineEnd(/[.!?;:]["'’”)]?$/, 2);
/** As SENTENCE_END without ';' (a bulleted item runs on past a semicolon). */
const ITEM_END = lineEnd(/[.!?:]["'’”)]?$/, 2);
/** A hyphen glued to the word before ('self-'). */
const GLUED_HYPHEN = lineEnd(/\w-$/, 2);

/**
 * Logical lines of a cell or paragraph. `hard` says the source's line breaks are real
 * paragraph breaks (DOCX, markdown); otherwise a break inside running text is a wrap,
 * joined unless the line ends a sentence, the next starts a bullet, or the line is short
 * for its block (a list line that ended early).
 */
export function logicalLines(raw: string, hard: boolean): string[] {
  const text = rejoinSplitNumbers(plainText(raw));
  // Every use of a physical line below reads it trimmed.
  const lines = text.split("\n").map((l) => l.trim());
  if (hard) return lines.filter((l) => l.length > 0);
  const widest = Math.max(1, ...lines.map((l) => l.length));
  const out: string[] = [];
  let current = "";
  let last = ""; // the physical line before `next`: wrapping is judged line by line
  for (const next of lines) {
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
    const bulletGoesOn = startsWithBullet(current) && !startsWithBullet(next) && !endsWith(ITEM_END, last);
    const wrapped = bulletGoesOn || isWrapped(last, next, widest) || awaitsFigure(current, next);
    last = next;
    if (wrapped) {
      // A hyphen glued to the word before ("self-", "twenty-") joins without a space.
      current = endsWith(GLUED_HYPHEN, current) && /^[a-z]/.test(next) ? current + next : `${current} ${next}`;
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
  if (endsWith(CONTINUES, previous)) return true;
  // A new labelled count ('No. Provider Performance Issues …') starts a new item.
  if (/^(?:no\.?\s|no of\b|number of\b)/i.test(next) && endsWithFigure(previous)) return false;
  // 'section\n47', 'Dec\n17': a number that completes the words before it.
  if (/^\d/.test(next) && endsWith(ADDRESS_END, previous)) return true;
  // 'The Corporate Safeguarding Policy\n2017 clarifies …': the year of a named document or event.
  if (YEAR_START.test(next) && endsWith(NAME_END, previous)) return true;
  // '??????' is a placeholder, not a question: the bracketed note after it is its own ('(FIGURES STILL WAITING)').
  if (next.startsWith("(") && previous.endsWith("??")) return true;
  if (endsWith(SENTENCE_END, previous)) return false;
  if (/^[a-z]/.test(next)) return true;
  if (next.startsWith("(")) return !previous.endsWith(")");
  // A line opening with a figure starts a new item unless a bracket is still open.
  if (/^\d/.test(next)) return (previous.match(/\(/g) ?? []).length > (previous.match(/\)/g) ?? []).length;
  // Wrapped text fills the line: had the next word fitted, the writer ended the line on purpose.
  const firstWord = firstWordOf(next);
  return previous.length + 1 + firstWord.length > widest;
}

/** A digit followed only by non-word characters up to the end (/\d\W*$/, read from the end). */
function endsWithFigure(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && !/\w/.test(text[i]!)) i--;
  return i >= 0 && /\d/.test(text[i]!);
}

/** The text before the first whitespace (`next` is trimmed, so this is its first word). */
function firstWordOf(next: string): string {
  const space = next.search(/\s/);
  return space < 0 ? next : next.slice(0, space);
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
  if (endsWith(SENTENCE_END, p)) return false;
  return /^[a-z]/.test(n) || endsWith(CONTINUES, p) || (/^\d/.test(n) && endsWith(ADDRESS_END, p));
}

const ADDRESS_WORDS = (
  "level levels stage phase step section paragraph para page appendix table figure chapter column rec " +
  "jan feb mar apr may jun jul aug sept? oct nov dec january february march april june july august september october november december"
).split(" ");

/** Words a number completes ('section 47', 'Dec 17'). ('sept?' counts as five characters: a safe overestimate.) */
const ADDRESS_END = lineEnd(
  new RegExp(`\\b(?:${ADDRESS_WORDS.join("|")})$`, "i"),
  Math.max(...ADDRESS_WORDS.map((w) => w.length)),
);

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

/** Sentences of one logical line, with their offsets in it (shared with other callers: read only). */
export function sentences(line: string): readonly Readonly<Span>[] {
  let spans = sentenceCache.get(line);
  if (!spans) {
    spans = splitSentences(line);
    if (sentenceCache.size >= SENTENCE_CACHE_MAX) sentenceCache.clear();
    sentenceCache.set(line, spans);
  }
  return spans;
}

/**
 * What the tokenizer needs to see before it can change a text: a sentence delimiter, a URI
 * (which it swaps out and back) or its own '{{…}}' placeholder syntax. Its abbreviations all
 * hold a full stop, and figures it swaps out come back unchanged.
 */
const TOKENIZER_WORK = /[.?!…]|:\/\/|\{\{/;

/**
 * The tokenizer's sentences. A text with nothing it acts on comes back from it whole
 * (trimmed), so such a text skips the tokenizer, which compiles dozens of patterns per call.
 */
function tokenize(text: string): string[] {
  if (!TOKENIZER_WORK.test(text)) return text === "" ? [] : [text.trim()];
  return tokenizer.tokenize(text);
}

function splitSentences(line: string): Span[] {
  const guarded = line.replace(/(\d)\.(?=\d)/g, `$1${REF_DOT}`);
  const parts = guarded.includes(REF_DOT) ? tokenize(guarded).map((s) => s.split(REF_DOT).join(".")) : tokenize(guarded);
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

/** Whitespace squash changes: a run of two or more, or one character that is not a plain space. */
const LOOSE_SPACE = /\s{2,}|[^\S ]/g;

/** Collapse runs of spaces; trim. */
export function squash(text: string): string {
  return text.replace(LOOSE_SPACE, " ").trim();
}
