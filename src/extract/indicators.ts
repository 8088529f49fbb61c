/**
 * Indicators: every percentage, and every count that is a performance figure, with the
 * fragment of text that says what it measures and, where the report prints one, the
 * previous value beside it.
 */
import type { Indicator, MessageFact } from "../facts/schema.js";
import type { ExtractContext } from "./context.js";
import { areaOfUnit, contextUnits, periodOfText, placeOf, type TextUnit } from "./evidence.js";
import { readFigures, type ReadFigure } from "./numbers.js";
import { sentences, squash } from "./sentences.js";
import { allMatches } from "./text-utils.js";

export function extractIndicators(ctx: ExtractContext): { indicators: Indicator[]; messages: MessageFact[] } {
  const indicators: Indicator[] = [];
  const seen = new Set<string>();
  for (const unit of contextUnits(ctx)) {
    for (const found of indicatorsOfLine(unit.text)) {
      const key = `${found.value}|${found.unit}|${found.previous}|${found.text.toLowerCase()}`;
      if (seen.has(key)) continue; // the same sentence printed twice is one figure
      seen.add(key);
      indicators.push(toIndicator(ctx, unit, found));
    }
  }
  return { indicators, messages: [] };
}

export interface LineIndicator {
  value: number;
  unit: "percent" | "count";
  previous: number | null;
  text: string;
}

/** The indicators one logical line carries, each with its own fragment. */
export function indicatorsOfLine(line: string): LineIndicator[] {
  const out: LineIndicator[] = [];
  for (const sentence of sentences(line)) {
    const figures = readFigures(sentence.text);
    const values = figures.filter((f) => f.role === "percent" || f.role === "count");
    const spans = values.map((f) => spanWithPrevious(sentence.text, f, figures));
    for (let i = 0; i < values.length; i++) {
      const f = values[i]!;
      const from = i === 0 ? 0 : boundary(sentence.text, spans[i - 1]!.end, spans[i]!.start).rightStart;
      const to = i === values.length - 1 ? sentence.text.length : boundary(sentence.text, spans[i]!.end, spans[i + 1]!.start).leftEnd;
      const text = tidyFragment(sentence.text.slice(from, to));
      if (!text) continue;
      out.push({ value: f.value, unit: f.percent ? "percent" : "count", previous: f.previous, text });
    }
  }
  return out;
}

/** A figure's extent including its previous value ('87.31 % (80.0% )', 'from 1515 to 1911'). */
function spanWithPrevious(text: string, f: ReadFigure, all: ReadFigure[]): { start: number; end: number } {
  let start = f.start;
  let end = f.end;
  for (const p of all) {
    if (p.role !== "previous") continue;
    if (all[p.previousOf ?? -1] !== f) continue;
    start = Math.min(start, p.start);
    end = Math.max(end, p.end);
  }
  const close = /^\s*\)/.exec(text.slice(end));
  if (close && text.slice(start, end).includes("(")) end += close[0].length;
  return { start, end };
}

/** Clause breaks between two figures, strongest first. */
const CLAUSE_BREAKS = [/[;:]\s*/g, /\s[–—-]\s*/g, /,?\s+and\s+/gi, /,\s*/g, /\s*\(\s*/g];

/**
 * Where one figure's fragment ends and the next one's begins, between two figures of one
 * sentence: at the last clause break between them (';', ':', a dash, 'and', a comma, a
 * bracket), else right before the second figure ('…in this period 17 further staff trained').
 */
function boundary(text: string, leftFigureEnd: number, rightFigureStart: number): { leftEnd: number; rightStart: number } {
  const gap = text.slice(leftFigureEnd, rightFigureStart);
  for (const pattern of CLAUSE_BREAKS) {
    const last = allMatches(pattern, gap).pop();
    if (last) {
      const at = leftFigureEnd + last.index;
      return { leftEnd: at, rightStart: at + last[0].length };
    }
  }
  return { leftEnd: rightFigureStart, rightStart: rightFigureStart };
}

/** Trim clause punctuation and unbalanced brackets left at a fragment's ends. */
function tidyFragment(text: string): string {
  let t = squash(text).replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, "");
  if (t.startsWith("(") && !t.includes(")")) t = t.slice(1).trim();
  const opens = (t.match(/\(/g) ?? []).length;
  const closes = (t.match(/\)/g) ?? []).length;
  if (closes > opens && t.endsWith(")")) t = t.slice(0, -1).trim();
  else if (opens > closes && t.endsWith("(")) t = t.slice(0, -1).trim();
  return t.replace(/[\s,;:–—-]+$/g, "");
}

function toIndicator(ctx: ExtractContext, unit: TextUnit, found: LineIndicator): Indicator {
  return {
    value: found.value,
    unit: found.unit,
    previous: found.previous,
    text: found.text,
    areaKey: areaOfUnit(ctx, unit),
    periodLabel: periodOfText(ctx, unit.text),
    place: placeOf(unit),
  };
}
