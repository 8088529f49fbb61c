/**
 * Gaps: every place where a figure, rating or fact is missing or awaited — runs of '?',
 * 'FIGURES STILL WAITING', '3 DBS awaited', 'IA report due end May 18', an editor's query
 * '(… not sure if there is a newer example?)', 'will be reflected in next reporting period'.
 * A question mark that ends a real question ('What does good look like?') is not a gap.
 */
import type { Gap, MessageFact } from "../facts/schema.js";
import type { ExtractContext } from "./context.js";
import { areaOfUnit, blockAt, contextUnits, periodOfText, placeOf, type TextUnit } from "./evidence.js";
import { findFigures } from "./numbers.js";
import { contentWords, sentences, squash } from "./sentences.js";
import { allMatches } from "./text-utils.js";

type GapKind = Gap["kind"];

export interface LineGap {
  marker: string;
  kind: GapKind;
  start: number;
  end: number;
}

export function extractGaps(ctx: ExtractContext): { gaps: Gap[]; messages: MessageFact[] } {
  const gaps: Gap[] = [];
  const seen = new Set<string>();
  const units = contextUnits(ctx, { headings: true });
  units.forEach((unit, i) => {
    for (const found of gapsOfLine(unit.text)) {
      const text = surroundingText(ctx, unit, units[i - 1] ?? null, found);
      const key = `${found.marker}|${text}`.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      gaps.push({
        marker: found.marker,
        text,
        kind: found.kind,
        areaKey: areaOfUnit(ctx, unit),
        periodLabel: periodOfText(ctx, unit.text),
        place: placeOf(unit),
      });
    }
  });
  return { gaps, messages: [] };
}

const QUESTION_RUN = /\?{2,}/g;
const LONE_QUESTION = /(?<!\?)\?(?!\?)/g;

/** Every gap marker in one logical line, in order, none overlapping. */
export function gapsOfLine(line: string): LineGap[] {
  const found: LineGap[] = [];
  const add = (g: LineGap | null): void => {
    if (!g || found.some((f) => g.start < f.end && f.start < g.end)) return;
    found.push(g);
  };
  if (line.includes("?")) {
    for (const m of allMatches(QUESTION_RUN, line)) add(questionRun(line, m.index, m.index + m[0].length));
    for (const m of allMatches(LONE_QUESTION, line)) add(editorsQuery(line, m.index));
  }
  // Each pattern runs only where the words it needs appear at all (most lines have none).
  const lower = line.toLowerCase();
  if (lower.includes("wait") || lower.includes("yet ")) {
    for (const m of allMatches(AWAITED, line)) add(awaited(line, m.index, m.index + m[0].length));
  }
  if (line.includes("due")) {
    for (const m of allMatches(DUE, line)) add(clauseMarker(line, m.index, m.index + m[0].length, "pending-report"));
  }
  if (lower.includes("next")) {
    for (const m of allMatches(NEXT_PERIOD, line)) add({ marker: m[0], kind: "pending-report", start: m.index, end: m.index + m[0].length });
  }
  if (/tb[cad]/i.test(line)) {
    for (const m of allMatches(TO_BE_CONFIRMED, line)) add(awaitedWord(line, m.index, m.index + m[0].length));
  }
  if (lower.includes("follow")) {
    for (const m of allMatches(TO_FOLLOW, line)) add(awaitedWord(line, m.index + m[0].length - "to follow".length, m.index + m[0].length));
  }
  if (lower.includes("available") || lower.includes("known") || lower.includes("received")) {
    for (const m of allMatches(NOT_AVAILABLE, line)) {
      if (NOT_AVAILABLE_SUBJECT.test(clauseBefore(line, m.index)) || /\byet\b/i.test(m[0])) add(awaitedWord(line, m.index, m.index + m[0].length));
    }
  }
  if (lower.includes("pending")) {
    for (const m of allMatches(PENDING, line)) {
      // A status cell ('Pending') is an action's status, not something the report awaits.
      if (wordCountOf(line) >= 3) add(awaitedWord(line, m.index, m.index + m[0].length));
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Words saying figures are missing: 'FIGURES STILL WAITING', 'data to follow'. */
const FIGURES_MISSING = /\b(?:figures?|data|numbers?|statistics|stats)\b[^.?!]{0,20}\b(?:wait\w*|await\w*|to follow|tbc|to come|outstanding|missing)\b/i;

/**
 * A run of '?' stands for something not filled in. The marker takes the note printed with it
 * ('?????? (FIGURES STILL WAITING)'); a short item that is only a few words and the run
 * ('Implemented post Dec 17 ???') is the marker as a whole.
 */
function questionRun(line: string, start: number, end: number): LineGap {
  let s = start;
  let e = end;
  const note = /^\s*\([^()]*\)/.exec(line.slice(end));
  if (note) e = end + note[0].length;
  const before = line.slice(0, start);
  const clauseStart = Math.max(before.search(/[^.;:!?]*$/), 0);
  const lead = before.slice(clauseStart);
  if (lead.trim() && lead.trim().split(/\s+/).length <= 5 && !line.slice(e).trim()) s = clauseStart + (lead.length - lead.trimStart().length);
  const marker = line.slice(s, e).trim();
  const kind: GapKind = FIGURES_MISSING.test(marker) ? "figures-awaited" : "unresolved-query";
  return { marker, kind, start: s, end: e };
}

const HEDGE = /\b(?:not sure|unsure|unclear|check(?:ing)? (?:if|whether)|to check|query|queried|tbc|to be confirmed|newer|more recent|latest)\b/i;

/**
 * A single '?' is a gap only where an editor asks something of the text — inside a bracketed
 * note or beside hedging words ('not sure if there is a newer example?'). A question that
 * the report asks itself ('Is the workforce safely recruited?') is not.
 */
function editorsQuery(line: string, at: number): LineGap | null {
  const open = line.lastIndexOf("(", at);
  const close = line.indexOf(")", at);
  if (open >= 0 && (line.lastIndexOf(")", at) < open) && close > at) {
    const marker = line.slice(open, close + 1);
    return { marker, kind: "unresolved-query", start: open, end: close + 1 };
  }
  const sentence = sentences(line).find((s) => s.start <= at && at < s.end);
  if (!sentence || !HEDGE.test(sentence.text)) return null;
  return { marker: sentence.text, kind: "unresolved-query", start: sentence.start, end: sentence.end };
}

/** 'TBC', 'TBA', 'TBD' (to be confirmed / announced / decided): a figure or fact not given yet. */
const TO_BE_CONFIRMED = /\b(?:TB[CAD]|tb[cad])\b/g;
/**
 * 'to follow' said of what is missing ('results are to follow', 'figures to follow', ': to
 * follow'), at the end of its clause; not guidance 'for staff to follow'.
 */
const TO_FOLLOW =
  /(?:\b(?:is|are|will\s+be|being)\s+|[:\u2013\u2014-]\s*|\b(?:figures?|data|results?|numbers?|information|details|outcomes?|reports?|update|returns?|analysis|statistics)\b[^.;:!?]{0,60}?\s)(?:still\s+)?to\s+follow\b(?=\s*(?:[.;,)]|$))/gi;
/** 'not yet available', 'not available yet', 'not known', 'not received': said of a figure or its data. */
const NOT_AVAILABLE = /\bnot\s+(?:yet\s+)?(?:available|known|received|published)(?:\s+yet)?\b/gi;
/** Words naming a figure or evidence: 'not available' about them is a gap; 'not available in Welsh' is not. */
const NOT_AVAILABLE_SUBJECT = /\b(?:data|figures?|results?|numbers?|information|statistics|stats|returns?|rates?|outcomes?|analysis|findings|totals?|performance)\b/i;
/** 'pending approval', 'are pending', 'pending the outcome of …'. */
const PENDING = /\bpending\b/gi;

/** The words of a clause up to an offset (back to the last sentence or clause break). */
function clauseBefore(line: string, at: number): string {
  const before = line.slice(0, at);
  return before.slice(Math.max(before.search(/[^.;!?]*$/), 0));
}

function wordCountOf(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * A gap marked by a word or phrase saying the thing is awaited: the marker is that phrase;
 * figures-awaited when its clause names figures or data, else pending-report.
 */
function awaitedWord(line: string, start: number, end: number): LineGap {
  const kind: GapKind = FIGURE_WORDS.test(clauseBefore(line, end)) ? "figures-awaited" : "pending-report";
  return { marker: line.slice(start, end).trim(), kind, start, end };
}

const FIGURE_WORDS = /\b(?:figures?|data|numbers?|statistics|stats|rates?|percentages?|totals?|results?)\b/i;

/** Every form holds 'wait' or 'yet ' (gapsOfLine checks for those first). */
const AWAITED = /\b(?:awaited|awaiting|still waiting|yet to be received|not yet (?:received|available|published))\b/gi;

const WORD_TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** 'N things awaited': the marker runs from the figure (or the noun before) to the word. */
function awaited(line: string, start: number, end: number): LineGap {
  const before = line.slice(0, start);
  const figures = findFigures(before);
  const lastFigure = figures[figures.length - 1];
  let s: number;
  // The figure counts what is awaited only inside the same sentence ('3 DBS awaited', not '… 6%. We are awaiting').
  const sameSentence = lastFigure && !/[.;!?]\s/.test(before.slice(lastFigure.end));
  if (lastFigure && sameSentence && before.slice(lastFigure.end).trim().split(/\s+/).length <= 3) s = lastFigure.start;
  else {
    const words = allMatches(WORD_TOKEN, before).slice(-2);
    const clause = before.search(/[^.;:,()–—]*$/);
    s = Math.max(words[0]?.index ?? start, clause);
  }
  let e = end;
  if (/^awaiting$/i.test(line.slice(start, end))) {
    const object = /^(?:\s+[\p{L}\p{N}'’-]+){1,3}/u.exec(line.slice(end));
    if (object) e = end + object[0].length;
  }
  const marker = line.slice(s, e).trim();
  const kind: GapKind = /\b(?:figures?|data|numbers?|statistics|stats)\b/i.test(marker) ? "figures-awaited" : "pending-report";
  return { marker, kind, start: s, end: e };
}

/** 'due' with a time after it (not 'due to', a cause): 'due end May 18', 'due by end Sept 2015'. */
const DUE =
  /\bdue\s+(?:(?:by|in|on|at|for|the|end|of|beginning|start|mid|before)\s+)*(?:[A-Z][a-z]{2,8}\.?\s*'?\d{2,4}\b|\d{4}\b|next\s+\w+|Q[1-4]\b(?:\s*\d{2,4})?)/g;

/** 'will be reflected in next reporting period': the fact is promised for a later report. */
const NEXT_PERIOD =
  /\b(?:will be|to be)\s+(?:reflected|reported|included|provided|available|confirmed|updated|covered|presented)\b[^.;]*?\bnext\s+(?:reporting\s+)?(?:period|report|quarter|update|year|review)\b/gi;

const CLAUSE_BREAK = /[.;:]\s|\s[–—-]\s|^/g;

/** The clause holding a match: back to the last clause break, forward to the match's end. */
function clauseMarker(line: string, start: number, end: number, kind: GapKind): LineGap {
  const before = line.slice(0, start);
  const breaks = allMatches(CLAUSE_BREAK, before);
  const last = breaks[breaks.length - 1]!;
  const s = last.index + last[0].length;
  return { marker: line.slice(s, end).trim(), kind, start: s, end };
}

/**
 * The text around a marker: the sentences it sits in. When those say next to nothing beyond
 * the marker (a cell holding only '?????', a bracketed note), the sentence or line before it
 * — what the note is about — or the first cell of its table row is added.
 */
function surroundingText(ctx: ExtractContext, unit: TextUnit, previous: TextUnit | null, gap: LineGap): string {
  const all = sentences(unit.text);
  const spans = all.filter((s) => s.start < gap.end && gap.start < s.end);
  const own = squash(spans.map((s) => s.text).join(" ") || unit.text);
  const thin = contentWords(own.replace(gap.marker, "")).length < 2;
  if (!thin || (contentWords(gap.marker).length >= 3 && !gap.marker.startsWith("("))) return own;
  const before = all.filter((s) => s.end <= gap.start).pop();
  if (before) return squash(`${before.text} ${own}`);
  if (unit.line > 0) return squash(`${unit.siblings[unit.line - 1]} ${own}`);
  if (unit.row !== null && unit.col !== null && unit.col > 0) {
    const block = blockAt(ctx.layout, unit.ref);
    const first = block && block.kind === "table" ? squash(block.rows[unit.row]?.[0]?.text ?? "") : "";
    if (first) return squash(`${first} ${own}`);
  }
  if (previous && previous.row === null) return squash(`${previous.text} ${own}`);
  return own;
}
