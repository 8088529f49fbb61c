/** `/`: canonical areas × periods, a colour scale with the number in each cell, a sparkline per area. */
import type { Overview, OverviewCell, OverviewGrid, OverviewRow } from "../../query/overview.js";
import { html, raw, type Html } from "./html.js";

/** The cell's colour class: the roll-up rounded onto the 1–6 scale (text always says the number). */
export function scaleClass(value: number | null): string {
  if (value === null) return "vna";
  return `v${Math.min(6, Math.max(1, Math.round(value)))}`;
}

/** A small inline SVG line of the area's roll-ups, with its values as the text alternative. */
export function sparkline(cells: readonly (OverviewCell | null)[], labels: readonly string[], scaleMax = 6): Html {
  const w = 120;
  const h = 28;
  const pts = cells.flatMap((c, i) => (c && c.value !== null ? [{ i, v: c.value }] : []));
  const x = (i: number) => (cells.length <= 1 ? w / 2 : 4 + (i / (cells.length - 1)) * (w - 8));
  const y = (v: number) => h - 4 - (v / scaleMax) * (h - 8);
  const described = pts.map((p) => `${labels[p.i]}: ${p.v}`).join("; ") || "no scores";
  const line = pts.length > 1 ? `<polyline points="${pts.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ")}"/>` : "";
  const dots = pts.map((p) => `<circle cx="${x(p.i).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="2"/>`).join("");
  return html`<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${`Trend: ${described}`}">${raw(line + dots)}</svg>`;
}

/** An area's page: its key, and the council when another council's framework uses the same key. */
export function areaHref(key: string, authority: string | null, shared: readonly string[]): string {
  const base = `/areas/${encodeURIComponent(key)}`;
  return shared.includes(key) && authority !== null ? `${base}?authority=${encodeURIComponent(authority)}` : base;
}

function gridView(g: OverviewGrid, shared: readonly string[], titled: boolean): Html {
  const labels = g.periods.map((p) => p.label);
  const head = g.periods.map((p) =>
    p.framework_changed
      ? html`<th scope="col" class="fwchange"><span aria-hidden="true">◆ </span>${p.label}<span class="sr"> (framework changed to ${p.frameworks.join(", ")})</span></th>`
      : html`<th scope="col">${p.label}</th>`,
  );
  const cellsOf = (a: OverviewRow) =>
    a.cells.map((c) => (c === null ? html`<td class="empty"><span class="sr">no score</span></td>` : html`<td class="${scaleClass(c.value)}">${c.value ?? "N/A"}</td>`));
  const rows = g.areas.map((a) => {
    const href = a.canonical_key ? areaHref(a.canonical_key, g.authority, shared) : null;
    return html`<tr><th scope="row">${href ? html`<a href="${href}">${a.canonical_area}</a>` : a.canonical_area}</th><td>${sparkline(a.cells, labels)}</td>${cellsOf(a)}</tr>`;
  });
  // Unaligned series are shown too (an auditor of a council without a framework sees its scores), apart and named as printed.
  const others = g.others.map((a) => html`<tr class="unaligned"><th scope="row">${a.canonical_area}</th><td>${sparkline(a.cells, labels)}</td>${cellsOf(a)}</tr>`);
  const council = g.authority ?? "Documents that state no council";
  const n = g.others.length;
  const review = n > 0 ? html`<p>${n} ${n === 1 ? "source area is" : "source areas are"} not aligned to a canonical area${g.areas.length === 0 ? " (this council has no canonical framework)" : ""}: ${n === 1 ? "it is" : "they are"} listed as printed, below ${g.areas.length > 0 ? "the line" : "the heading"}, each its own series. ${g.areas.length > 0 ? html`<a href="/areas?review=1">Review them</a> (an editor can link them there).` : ""}</p>` : "";
  const othersBody = n > 0 ? html`<tbody class="others"><tr><th scope="colgroup" colspan="${g.periods.length + 2}">Not aligned to a canonical area (area as printed)</th></tr>${others}</tbody>` : "";
  const caption = g.areas.length > 0 ? "canonical areas by period (roll-up values)" : "areas as printed by period (roll-up values)";
  const table = html`<div class="scroll" tabindex="0" role="region" aria-label="${`Scores by area and period: ${council}`}"><table class="grid">
<caption>${titled ? `${council}: ${caption}` : caption[0]!.toUpperCase() + caption.slice(1)}</caption>
<thead><tr><th scope="col">Area</th><th scope="col">Trend</th>${head}</tr></thead><tbody>${rows}</tbody>${othersBody}</table></div>`;
  return titled ? html`<section><h2>${council}</h2>${review}${table}</section>` : html`${review}${table}`;
}

export function overviewView(o: Overview): Html {
  const plural = (n: number, one: string, many: string) => `${n === 1 ? one : many}`;
  const reports = o.reports !== o.documents ? html` in <strong>${o.reports}</strong> ${plural(o.reports, "report", "reports")} (renderings of one report count once)` : "";
  // One council: its grid under the page's heading; several: a titled section each, never blended.
  const titled = o.grids.length > 1;
  return html`<h1>Safeguarding scores: overview</h1>
<ul class="counts"><li><strong>${o.documents}</strong> ${plural(o.documents, "document", "documents")}${reports} (<a href="/documents">list</a>)</li><li><strong>${o.open_gaps}</strong> open ${plural(o.open_gaps, "gap", "gaps")} (<a href="/gaps?status=open">ledger</a>)</li></ul>
<p>Each cell is the area's roll-up for the period: ${o.rollup}. Colour follows the score (1 lowest, 6 highest); the number is always printed.
<span aria-hidden="true">◆</span> marks a period whose reports use a different framework from the period before.${titled ? " Each council has its own framework and grid; councils are never blended." : ""}</p>
<p class="legend" aria-hidden="true">${[1, 2, 3, 4, 5, 6].map((v) => html`<span class="v${v}">${v}</span>`)}</p>
${o.grids.length === 0 ? html`<p>No scores stored yet: run <code>scorebook ingest</code>.</p>` : o.grids.map((g) => gridView(g, o.shared_keys, titled))}`;
}
