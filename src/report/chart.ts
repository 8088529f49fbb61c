/**
 * A trend chart as inline SVG, from a pure function: one horizontal time line shared by every
 * chart (so charts line up), source scores as small dots (a range period as a bar across its
 * months), the roll-up as a line. Every mark links to its source row and says what it is in a
 * <title> tooltip. No scripts, no fonts, no network. The SVG is a labelled group, not an
 * image: its marks are links (each named by its <title>), which an image may not contain, so
 * keyboard and screen-reader users reach every point.
 */
import { anchor, esc } from "./escape.js";
import type { HistorySeries } from "../query/history.js";
import { pointValue } from "../query/history.js";

export interface Timeline {
  first: string;
  last: string;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  scaleMax?: number;
  /**
   * Where the reports change framework: the roll-up line is broken there, with a marked rule
   * and a title saying so. Each break sits between the last period of one framework and the
   * first of the next.
   */
  breaks?: FrameworkBreak[];
}

export interface FrameworkBreak {
  /** The last period scored under the earlier framework, and the first under the later one. */
  before: { start: string; end: string };
  after: { start: string; end: string };
  /** What changed, for the rule's title and the chart's text alternative. */
  note: string;
}

const PAD = { left: 36, right: 16, top: 14, bottom: 34 };

/** Months since year 0: a number line for YYYY-MM. */
export function monthIndex(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return y * 12 + (m - 1);
}

export function timelineOf(series: HistorySeries[]): Timeline | null {
  const points = series.flatMap((s) => s.series);
  if (points.length === 0) return null;
  let first = points[0]!.period.start;
  let last = points[0]!.period.end;
  for (const p of points) {
    if (p.period.start < first) first = p.period.start;
    if (p.period.end > last) last = p.period.end;
  }
  return { first, last };
}

export function trendChart(s: HistorySeries, timeline: Timeline, options: ChartOptions = {}): string {
  const width = options.width ?? 760;
  const height = options.height ?? 220;
  const scaleMax = options.scaleMax ?? 6;
  const x0 = monthIndex(timeline.first);
  const span = Math.max(1, monthIndex(timeline.last) + 1 - x0);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  // A month occupies [m, m+1): a point evaluation sits in the middle of its month.
  const x = (month: string, edge: "start" | "end" | "mid") =>
    PAD.left + ((monthIndex(month) - x0 + (edge === "start" ? 0 : edge === "end" ? 1 : 0.5)) / span) * plotW;
  const y = (v: number) => PAD.top + plotH - (v / scaleMax) * plotH;
  const mid = (p: { start: string; end: string }) => (x(p.start, "start") + x(p.end, "end")) / 2;
  const name = s.canonical_area ?? s.series[0]?.area ?? "";
  const parts: string[] = [];

  for (let v = 0; v <= scaleMax; v++) {
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${width - PAD.right}" y1="${f(y(v))}" y2="${f(y(v))}"/>`);
    parts.push(`<text class="axis" x="${PAD.left - 8}" y="${f(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  for (const year of yearsBetween(timeline)) {
    const xx = x(`${year}-01`, "start");
    // The first year usually starts before the time line does: label it at the left edge.
    if (xx < PAD.left && year === Number(timeline.first.slice(0, 4))) {
      parts.push(`<text class="axis" x="${PAD.left + 3}" y="${height - 12}">${year}</text>`);
      continue;
    }
    if (xx < PAD.left || xx > width - PAD.right) continue;
    parts.push(`<line class="year" x1="${f(xx)}" x2="${f(xx)}" y1="${PAD.top}" y2="${PAD.top + plotH}"/>`);
    parts.push(`<text class="axis" x="${f(xx + 3)}" y="${height - 12}">${year}</text>`);
  }

  for (const p of s.series) {
    const v = pointValue(p);
    if (v === null) continue;
    const tip = `${name} · ${p.period.label} · ${p.raw} · ${p.area} · ${p.document}${p.page !== null ? ` p.${p.page}` : p.line !== null ? ` line ${p.line}` : ""}`;
    const href = `#${anchor("score", p.score_id)}`;
    const x1 = x(p.period.start, "start");
    const x2 = x(p.period.end, "end");
    const bar = p.period.start !== p.period.end ? `<line class="range" x1="${f(x1 + 1)}" x2="${f(x2 - 1)}" y1="${f(y(v))}" y2="${f(y(v))}"/>` : "";
    parts.push(`<a href="${href}" class="src"><title>${esc(tip)}</title>${bar}<circle class="src" cx="${f(mid(p.period))}" cy="${f(y(v))}" r="4"/></a>`);
  }

  const breaks = [...(options.breaks ?? [])].sort((a, b) => a.after.start.localeCompare(b.after.start));
  for (const b of breaks) {
    // Halfway between the end of the earlier framework's last period and the start of the next one's first.
    const xb = (x(b.before.end, "end") + x(b.after.start, "start")) / 2;
    parts.push(
      `<g class="framework-break"><title>${esc(`The reports change framework here: ${b.note}. The roll-up line is not joined across it.`)}</title>` +
        `<line class="break" x1="${f(xb)}" x2="${f(xb)}" y1="${PAD.top}" y2="${PAD.top + plotH}"/>` +
        `<text class="break" x="${f(xb + 3)}" y="${PAD.top + 10}">framework change</text></g>`,
    );
  }
  const roll = s.rollup.points.filter((r) => r.value !== null);
  // One line per run of periods under one framework: a change of framework is not a trend.
  const segments: (typeof roll)[] = [];
  for (const r of roll) {
    const previous = segments.at(-1)?.at(-1);
    const crosses = previous !== undefined && breaks.some((b) => previous.period.end <= b.before.end && r.period.start >= b.after.start);
    if (!previous || crosses) segments.push([r]);
    else segments.at(-1)!.push(r);
  }
  for (const segment of segments) {
    if (segment.length > 1) parts.push(`<polyline class="rollup" points="${segment.map((r) => `${f(mid(r.period))},${f(y(r.value!))}`).join(" ")}"/>`);
  }
  for (const r of roll) {
    const tip = `${name} · ${r.period.label} · ${s.rollup.rule} ${r.value} of ${r.n} source score(s)`;
    parts.push(
      `<a href="#${anchor("rollup", s.canonical_key ?? name, r.period.start, r.period.end)}"><title>${esc(tip)}</title>` +
        `<circle class="rollup" cx="${f(mid(r.period))}" cy="${f(y(r.value!))}" r="6"/></a>`,
    );
  }

  return (
    `<svg class="trend" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="group" aria-label="${esc(`Trend of ${name}`)}" data-area="${esc(s.canonical_key ?? name)}">` +
    `<title>${esc(`Trend of ${name}: ${s.rollup.rule} per period`)}</title>` +
    (breaks.length > 0 ? `<desc>${esc(breaks.map((b) => `The line breaks where the reports change framework: ${b.note}.`).join(" "))}</desc>` : "") +
    `${parts.join("")}</svg>`
  );
}

function yearsBetween(t: Timeline): number[] {
  const out: number[] = [];
  for (let y = Number(t.first.slice(0, 4)); y <= Number(t.last.slice(0, 4)) + 1; y++) out.push(y);
  return out;
}

function f(n: number): string {
  return n.toFixed(1);
}
