/** `/compare?a=&b=`: two period pickers and, once both are chosen, the comparison. */
import type { Comparison } from "../../query/compare.js";
import type { StoredPeriod } from "../../query/periods.js";
import { html, type Html } from "./html.js";

const ARROW = { up: "▲", down: "▼", same: "=", "n/a": "–" } as const;

function picker(name: "a" | "b", label: string, periods: readonly StoredPeriod[], chosen: string | undefined): Html {
  const options = periods.map((p) => {
    const value = p.labels[0] ?? p.label;
    return html`<option value="${value}"${chosen === value ? html` selected` : ""}>${value} (${p.start}..${p.end})</option>`;
  });
  return html`<p><label for="period-${name}">${label}</label> <select id="period-${name}" name="${name}"><option value="">choose a period</option>${options}</select></p>`;
}

export function compareView(periods: readonly StoredPeriod[], a: string | undefined, b: string | undefined, result: Comparison | null, error: string | null): Html {
  const form = html`<form method="get" action="/compare" class="pickers">${picker("a", "First period", periods, a)}${picker("b", "Second period", periods, b)}<p><button type="submit">Compare</button></p></form>`;
  if (error) return html`<h1>Compare two periods</h1>${form}<p class="error" role="alert">${error}</p>`;
  if (!result) return html`<h1>Compare two periods</h1>${form}<p>Choose two periods to see each canonical area's value at both, the change and its direction.</p>`;
  const sources = (s: Comparison["areas"][number]["a"]) =>
    s.sources.map((x) => html`<a href="/facts/score/${x.score_id}">${x.raw}</a> <span class="meta">${x.area}, ${x.document}${x.page !== null ? ` p. ${x.page}` : ""}</span><br>`);
  const rows = result.areas.map(
    (r) => html`<tr><th scope="row">${r.canonical_key ? html`<a href="/areas/${encodeURIComponent(r.canonical_key)}">${r.canonical_area}</a>` : html`(unaligned) ${r.a.sources[0]?.area ?? r.b.sources[0]?.area ?? ""}`}</th>
<td>${r.a.value ?? "–"}</td><td>${r.b.value ?? "–"}</td><td>${r.change ?? "–"}</td><td class="dir-${r.direction === "n/a" ? "na" : r.direction}"><span aria-hidden="true">${ARROW[r.direction]} </span>${r.direction}</td>
<td>${sources(r.a)}</td><td>${sources(r.b)}</td></tr>`,
  );
  const q = `a=${encodeURIComponent(a ?? "")}&b=${encodeURIComponent(b ?? "")}`;
  return html`<h1>Compare ${result.period_a.label} with ${result.period_b.label}</h1>${form}
<p>${result.period_a.label} (${result.period_a.start}..${result.period_a.end}) → ${result.period_b.label} (${result.period_b.start}..${result.period_b.end}). Values: ${result.rollup.description}.</p>
${result.warnings.map((w) => html`<p class="warn">${w}</p>`)}
<p><a href="/api/compare?${q}">As JSON</a> · <a href="/compare?${q}&amp;format=csv">CSV</a></p>
<div class="scroll" tabindex="0" role="region" aria-label="Comparison"><table><caption>Each canonical area at both periods</caption>
<thead><tr><th scope="col">Area</th><th scope="col">${result.period_a.label}</th><th scope="col">${result.period_b.label}</th><th scope="col">Change</th><th scope="col">Direction</th><th scope="col">Sources (first)</th><th scope="col">Sources (second)</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}
