/** `/areas/<key>`: the area's trend chart and every source score behind it. */
import type { HistorySeries } from "../../query/history.js";
import { timelineOf, trendChart } from "../../report/chart.js";
import type { SourceAreaGroup } from "../../align/links.js";
import { html, raw, type Html } from "./html.js";
import { placeText, type Viewer } from "./layout.js";
import { linkedNotice, sourceAreasTable, type CanonicalChoices, type LinkedNotice } from "./areas.js";

/** The source areas (labels as printed) linked to this canonical area, editable by an editor. */
export interface AreaSources {
  groups: SourceAreaGroup[];
  choices: CanonicalChoices;
  notice: LinkedNotice | null;
}

export function areaView(s: HistorySeries, scaleMax: number, sources: AreaSources, viewer: Viewer): Html {
  const back = `/areas/${encodeURIComponent(s.canonical_key ?? "")}`;
  const timeline = timelineOf([s]);
  const chart = timeline ? raw(trendChart(s, timeline, { scaleMax })) : html``;
  const rollups = s.rollup.points.map((r) => html`<li>${r.period.label}: ${r.value ?? "N/A"} (${r.n} source score${r.n === 1 ? "" : "s"})</li>`);
  const rows = s.series.map(
    (p) => html`<tr id="score-${p.score_id}"><td>${p.period.label}</td><td>${p.raw}</td><td>${p.area}</td><td>${p.document}</td><td>${placeText(p)}</td>
<td>${p.link ? p.link.method : "unaligned"}</td><td>${p.link ? p.link.confidence : ""}</td><td>${p.origin}</td>
<td><a href="/facts/score/${p.score_id}">score ${p.score_id}</a>${p.also_in.length ? html`<br><span class="meta">also in ${p.also_in.map((o) => `${o.document}${o.page !== null ? ` p. ${o.page}` : ""}`).join(", ")}</span>` : ""}</td></tr>`,
  );
  return html`<h1>${s.canonical_area ?? s.series[0]?.area ?? "Area"}</h1>${linkedNotice(sources.notice)}
<figure class="chart">${chart}<figcaption>Trend chart: grey dots are the source areas' scores (a bar covers a range period), the blue line is the roll-up (${s.rollup.description}). The same values are listed below and in the table.</figcaption></figure>
<h2>Roll-up per period</h2><ul>${rollups}</ul>
${s.warnings.map((w) => html`<p class="warn">${w}</p>`)}
<h2>Every source score</h2>
<p><a href="/api/history?area=${encodeURIComponent(s.canonical_key ?? "")}">As JSON</a> · <a href="${`/areas/${encodeURIComponent(s.canonical_key ?? "")}?format=csv`}">CSV</a></p>
<div class="scroll" tabindex="0" role="region" aria-label="Source scores"><table><caption>Source scores of ${s.canonical_area ?? "this area"}</caption>
<thead><tr><th scope="col">Period</th><th scope="col">As printed</th><th scope="col">Area as printed</th><th scope="col">Document</th><th scope="col">Page</th><th scope="col">Link method</th><th scope="col">Confidence</th><th scope="col">Origin</th><th scope="col">Fact</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<h2>Source areas linked here</h2><p>Areas as reports printed them that are compared under ${s.canonical_area ?? "this area"} (<a href="/areas">every source area</a>).</p>
${sourceAreasTable(sources.groups, sources.choices, viewer, back, `Source areas linked to ${s.canonical_area ?? "this area"}`)}`;
}
