/**
 * Text → numbered lines, and the small line-level predicates the text reader is built from.
 * All pure; every predicate looks at one line (raw, as in the source) so that the block
 * builder reads like a list of rules.
 */
import { htmlInlineText } from "./html-blocks.js";

export interface Line {
  /** 1-based line number in the source file. */
  no: number;
  /** The line without "\r" and form feeds, otherwise untouched (trailing spaces matter). */
  raw: string;
  /** Page number when the file has form feeds, else null. */
  page: number | null;
}

/**
 * Split into lines. When the text contains form feeds (pdftotext's page separator) they
 * number the pages: a line's page is 1 + the number of form feeds before it (a form feed
 * at the start of a line belongs to the page that line begins).
 */
export function splitLines(text: string): { lines: Line[]; pageCount: number; paged: boolean } {
  const paged = text.includes("\f");
  const parts = text.split(/\r\n|\r|\n/);
  // A final newline does not start another line.
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  let page = 1;
  const lines: Line[] = parts.map((part, i) => {
    let raw = part;
    const leading = /^\f+/.exec(raw)?.[0].length ?? 0;
    page += leading;
    raw = raw.slice(leading);
    const linePage = page;
    const inner = (raw.match(/\f/g) ?? []).length;
    page += inner;
    raw = raw.replace(/\f/g, "");
    return { no: i + 1, raw, page: paged ? linePage : null };
  });
  // A trailing form feed ends the last page; it does not open an empty one.
  const endsWithFeed = /\f\s*$/.test(text);
  const pageCount = paged ? Math.max(1, page - (endsWithFeed ? 1 : 0)) : 1;
  return { lines, pageCount, paged };
}

export const isBlank = (raw: string): boolean => raw.trim() === "";
export const hasTab = (raw: string): boolean => raw.includes("\t") && raw.replace(/\t/g, "").trim() !== "" ;

export const MD_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
/** A line that is only bold (markdown **x** or __x__), optionally followed by ":" — a heading. */
export const BOLD_ONLY = /^\s*(\*\*|__)(?=\S)(.+?)\1\s*(:?)\s*$/;
/** List markers: -, *, +, •, , ▪, ◦, or "1." / "1)" / "a)" followed by text. */
export const LIST_ITEM = /^(\s*)(?:[-*+\u2022\u2023\u25aa\u25e6\u2043\u2219\u25cf\uf0b7\uf0a7]|\d{1,2}[.)]|[a-z][.)]|\(?[ivx]{1,4}\))\s+(?=\S)(.*)$/;
/**
 * Plain-text bullets glued to their word ("*CSSIW - Review…", as pdftotext writes list items
 * whose bullet was an asterisk). Not used for markdown, where "*word*" is emphasis.
 */
export const GLUED_BULLET = /^(\s*)\*(?=[A-Z])(?!.*\*\s*$)(.*)$/;
/** "1). Title", "2).Title", "3)  Title" — numbered section headings of these reports. */
export const NUMBERED_SECTION = /^\s*\d{1,2}\s*\)\s*\.?\s*(?=[A-Za-z])/;
export const HTML_LIST_START = /^\s*<(ul|ol|li)\b/i;

const NUMERIC_TOKEN = /^(?:N\/A|n\/a|\d{1,4}(?:[.,]\d+)?%?(?:\s*[-–]\s*\d{1,4})?)$/;

export function isNumericToken(token: string): boolean {
  return NUMERIC_TOKEN.test(token);
}

/** A line made only of numeric tokens ("4", "  2          3", "3-4 4"). */
export function numbersOnly(raw: string): string[] | null {
  const tokens = raw.trim().split(/\s+/);
  if (tokens.length === 0 || tokens[0] === "") return null;
  return tokens.every(isNumericToken) ? tokens : null;
}

/**
 * "Governance         4 5" → { label: "Governance", values: ["4", "5"] }: text, a gap of two
 * or more spaces, then only numeric tokens. Null when the line is not of that shape.
 */
export function labelAndNumbers(raw: string): { label: string; values: string[] } | null {
  const match = /^(.*?\S)\s{2,}((?:\S+)(?:\s+\S+)*)\s*$/.exec(raw.replace(/\t/g, "  "));
  if (!match) return null;
  const values = match[2]!.split(/\s+/);
  if (!values.every(isNumericToken)) {
    return null;
  }
  const label = match[1]!.trim();
  if (numbersOnly(label)) return null;
  return { label, values };
}

/** Segments of a line split on runs of 2+ spaces, with their start columns. */
export function gapSegments(raw: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const re = /\S+(?: \S+)*/g;
  const line = raw.replace(/\t/g, "  ");
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ start: m.index, text: m[0] });
  return out;
}

export const wordCount = (text: string): number => text.trim().split(/\s+/).filter(Boolean).length;

/** Short, label-like text: a few words, not a sentence, not a number. */
export function isShortLabel(text: string, maxWords = 5): boolean {
  const t = text.trim();
  if (!t || t.length > 48 || wordCount(t) > maxWords) return false;
  if (numbersOnly(t)) return false;
  if (/[.;:?!]$/.test(t)) return false;
  return !LIST_ITEM.test(t) && !NUMBERED_SECTION.test(t);
}

/**
 * Inline cleanup for any text taken from the source: HTML fragments (entities, <sup>,
 * <u>, <ul><li> → lines) and markdown emphasis are reduced to plain text.
 */
export function cleanInline(text: string, markdown: boolean): string {
  let out = text;
  if (/[<&]/.test(out)) out = htmlInlineText(out);
  if (markdown) out = out.replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2").replace(/(^|\s)\*(?=\S)([^*]+?)(?<=\S)\*(?=\s|$|[.,;:])/g, "$1$2");
  return out
    .split("\n")
    .map((l) => l.replace(/[ \t\u00a0]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

const CONNECTOR_END = /(?:[,&/(–—-]|\b(?:and|or|of|the|to|for|in|on|with|by|a|an|from|at|as|that|which|between|within|their|our|is|are|was|were|be)\s*)$/i;

/**
 * Does `next` continue the sentence or cell that `prev` was writing? pdftotext leaves a
 * trailing space on lines it wrapped (and none on a paragraph's last line); otherwise a
 * lowercase start or a dangling connector ("and", ",", "-") says the text was broken mid-way.
 * Outside lists, a line indented when `prev` was not starts something new (pdftotext
 * indents the first line after a page break, and lines whose bullet glyph was lost).
 */
export function continuesText(prev: string, next: string, inList = false): boolean {
  if (isBlank(next)) return false;
  const n = next.trim();
  if (/^[a-z]/.test(n)) return true;
  const indented = /^\s/.test(next) && !/^\s/.test(prev);
  if (indented && !inList) return false;
  if (/[ \t]$/.test(prev)) return true;
  if (n.startsWith("(") && !/[.!?]$/.test(prev.trim())) return true;
  if (DATE_START.test(n) && DATE_LEAD_END.test(prev.trim())) return true;
  return CONNECTOR_END.test(prev.trim());
}

/** A line opening with a month and year ('Sept 2015.', 'March 18 …'). */
const DATE_START = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*'?\d{2,4}\b/i;
const MONTH_YEAR_ONLY = new RegExp(`${DATE_START.source}\\s*$`, "i");

/** A month and year and nothing else ('April 2014', 'Sept 15'). */
export function isMonthYear(text: string): boolean {
  return MONTH_YEAR_ONLY.test(text.trim());
}
/** Words that wait for a date: '… next review due by end' ⏎ 'Sept 2015.' */
const DATE_LEAD_END = /\b(?:end|mid|early|late|due|until|since|before|after|during|beginning|start|till)$/i;

/** Join a wrapped line onto text: "co-" + "ordinator" → "co-ordinator", else one space. */
export function joinWrapped(text: string, next: string): string {
  const a = text.replace(/\s+$/, "");
  const b = next.trim();
  if (!a) return b;
  if (/[A-Za-z]-$/.test(a) && /^[a-z]/.test(b)) return a + b;
  return `${a} ${b}`;
}
