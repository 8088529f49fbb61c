/**
 * The HTML report: one self-contained file (inline CSS and SVG; no scripts, no network) with
 * a trend chart per canonical area, the open gaps and the actions. Every value links to a
 * row of the source table (document, page, as printed). Pure: data in, string out; every
 * extracted text is escaped.
 */
import { trendChart, timelineOf } from "./chart.js";
import type { ReportData } from "./data.js";
import { anchor, esc } from "./escape.js";
import type { HistoryPoint, HistorySeries } from "../query/history.js";

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#1d2433;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;border-bottom:2px solid #d8dee9;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px}.meta{color:#5b6475;font-size:13px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}th,td{border:1px solid #d8dee9;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f1f4f9}tr:target{background:#fff6c7}a{color:#1f5fbf}
svg.trend{background:#fbfcfe;border:1px solid #d8dee9;display:block;margin:6px 0}
svg .grid{stroke:#e6eaf1}svg .year{stroke:#c9d1de;stroke-dasharray:3 3}svg .axis{font-size:11px;fill:#5b6475}
svg circle.src{fill:#7d8fb3}svg line.range{stroke:#7d8fb3;stroke-width:3;opacity:.55}
svg polyline.rollup{fill:none;stroke:#1f5fbf;stroke-width:2.5}svg circle.rollup{fill:#1f5fbf;stroke:#fff;stroke-width:1.5}
.warn{background:#fff3e0;border-left:4px solid #f0a030;padding:4px 8px;margin:4px 0}.review{color:#a04000}
svg line.break{stroke:#a04000;stroke-width:1.5;stroke-dasharray:6 3}svg text.break{font-size:11px;fill:#a04000}
.break-note{color:#a04000;font-size:13px;margin:2px 0 8px}
.legend span{display:inline-block;margin-right:14px}.dot{display:inline-block;width:10px;height:10px;border-radius:50%;vertical-align:middle;margin-right:4px}
`;

/** The series of one authority (a report never blends councils: each has its own part). */
interface AuthorityPart {
  authority: string | null;
  /** Anchor prefix: empty when the report holds one authority, so its anchors stay as they were. */
  prefix: string;
  canonical: HistorySeries[];
  /** Its own series: an authority without a framework (or a report stating none) is charted by its own areas. */
  own: HistorySeries[];
  unaligned: HistorySeries[];
}

function authorityParts(series: HistorySeries[]): AuthorityPart[] {
  const groups = new Map<string, HistorySeries[]>();
  for (const s of series) {
    const key = s.authority ?? `(not stated) ${s.series[0]?.document ?? ""}`;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const many = groups.size > 1;
  return [...groups.values()].map((list, i) => ({
    authority: list[0]!.authority,
    prefix: many ? `a${i + 1}` : "",
    canonical: list.filter((s) => s.canonical_area !== null),
    own: list.filter((s) => s.canonical_area === null && s.series.every((p) => p.link?.method === "own")),
    unaligned: list.filter((s) => s.canonical_area === null && !s.series.every((p) => p.link?.method === "own")),
  }));
}

function seriesAnchor(part: AuthorityPart, s: HistorySeries): string {
  const key = s.canonical_key ?? `own-${s.series[0]?.area ?? ""}`;
  return part.prefix ? anchor("area", part.prefix, key) : anchor("area", key);
}

function authorityTitle(part: AuthorityPart): string {
  return part.authority ?? `Authority not stated (${part.canonical[0]?.series[0]?.document ?? part.own[0]?.series[0]?.document ?? part.unaligned[0]?.series[0]?.document ?? ""})`;
}

export function renderReport(data: ReportData): string {
  const timeline = timelineOf(data.series);
  const parts = authorityParts(data.series);
  const many = parts.length > 1;
  const nav = (part: AuthorityPart) =>
    [...part.canonical, ...part.own].map((s) => `<a href="#${seriesAnchor(part, s)}">${esc(s.canonical_area ?? s.series[0]?.area)}</a>`).join(" · ");
  const body = [
    `<h1>Safeguarding scores across every period</h1>`,
    `<p class="meta">Generated ${esc(data.generatedAt)} from ${new Set(data.documents.map((d) => d.report ?? d.document)).size} report(s) in ${data.documents.length} file(s): ${data.documents.map((d) => esc(d.document)).join(", ")}.` +
      (timeline ? ` Periods ${esc(timeline.first)} to ${esc(timeline.last)}.` : "") + `</p>`,
    `<p class="legend"><span><i class="dot" style="background:#7d8fb3"></i>a source area's score (bar: the months a range covers)</span>` +
      `<span><i class="dot" style="background:#1f5fbf"></i>roll-up: ${esc(data.series[0]?.rollup.description ?? "")}</span></p>`,
    many
      ? `<p class="meta">${parts.length} authorities, each in its own part: scores of different councils are never combined.</p>`
      : "",
    `<nav>${parts.map((part) => (many ? `<b>${esc(authorityTitle(part))}</b>: ` : "") + nav(part)).join("<br>")}` +
      ` · <a href="#gaps">Open gaps</a> · <a href="#actions">Actions</a> · <a href="#sources">Sources</a></nav>`,
    ...parts.flatMap((part) => [
      many ? `<h2 id="${anchor("authority", part.prefix)}">${esc(authorityTitle(part))}</h2>` : "",
      ...part.canonical.map((s) => areaSection(s, part, data, timeline)),
      ...part.own.map((s) => areaSection(s, part, data, timeline)),
      part.unaligned.length > 0 ? unalignedSection(part.unaligned, part) : "",
    ]),
    gapsSection(data),
    actionsSection(data),
    sourcesSection(data.series),
  ].join("\n");
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>scorebook report</title><style>${CSS}</style></head><body>\n${body}\n</body></html>\n`;
}

function sourceRef(p: { score_id: number; document: string; page: number | null; line?: number | null }): string {
  const where = p.page !== null ? `p.${p.page}` : p.line !== null && p.line !== undefined ? `line ${p.line}` : "";
  return `<a href="#${anchor("score", p.score_id)}" title="${esc(`${p.document} ${where}`)}">#${p.score_id}</a>`;
}

function areaSection(s: HistorySeries, part: AuthorityPart, data: ReportData, timeline: ReturnType<typeof timelineOf>): string {
  const documents = new Set(s.series.map((p) => p.document));
  const areas = new Set(s.series.map((p) => p.area));
  const links = data.links.filter((l) => documents.has(l.document) && (s.canonical_key !== null ? l.canonical_key === s.canonical_key : areas.has(l.area)));
  const title = s.canonical_area ?? `${s.series[0]?.area ?? ""} (own series: no canonical framework)`;
  const sourceAreas = [...new Map(links.map((l) => [l.area, l])).values()];
  const rows = s.rollup.points.map((r) => {
    const pts = s.series.filter((p) => p.period.start === r.period.start && p.period.end === r.period.end);
    return `<tr id="${anchor("rollup", s.canonical_key ?? "", r.period.start, r.period.end)}"><td>${esc(r.period.label)}</td>` +
      `<td>${esc(r.period.start)}..${esc(r.period.end)}</td><td><b>${r.value ?? "–"}</b></td>` +
      `<td>${pts.map((p) => `${esc(p.raw)} ${sourceRef(p)} <span class="meta">${esc(shorten(p.area, 60))}</span>`).join("<br>")}</td></tr>`;
  });
  const breaks = data.breaks[s.authority ?? ""] ?? [];
  return `<section id="${seriesAnchor(part, s)}"><h${part.prefix ? 3 : 2}>${esc(title)}</h${part.prefix ? 3 : 2}>` +
    (timeline ? trendChart(s, timeline, { scaleMax: data.scaleMax, breaks }) : "") +
    breaks.map((b) => `<p class="break-note">┃ The line breaks where the reports change framework: ${esc(b.note)}. Scores either side were given against different areas.</p>`).join("") +
    s.warnings.map((w) => `<div class="warn">${esc(w)}</div>`).join("") +
    `<table><thead><tr><th>Period</th><th>Months</th><th>${esc(s.rollup.rule)}</th><th>Source scores</th></tr></thead><tbody>${rows.join("")}</tbody></table>` +
    `<details><summary>${sourceAreas.length} source area(s) linked</summary><table><thead><tr><th>Document</th><th>Area</th><th>Method</th><th>Confidence</th></tr></thead><tbody>` +
    sourceAreas.map((l) => `<tr><td>${esc(l.document)}</td><td>${esc(l.area)}</td><td>${esc(l.method)}</td><td>${esc(l.confidence)}</td></tr>`).join("") +
    `</tbody></table></details></section>`;
}

function unalignedSection(series: HistorySeries[], part: AuthorityPart): string {
  return `<section id="${part.prefix ? anchor("unaligned", part.prefix) : "unaligned"}"><h${part.prefix ? 3 : 2} class="review">Areas left for review (not aligned)</h${part.prefix ? 3 : 2}><table><thead><tr><th>Area</th><th>Scores</th></tr></thead><tbody>` +
    series.map((s) => `<tr><td>${esc(s.series[0]?.area)}</td><td>${s.series.map((p) => `${esc(p.period.label)}: ${esc(p.raw)} ${sourceRef(p)}`).join(", ")}</td></tr>`).join("") +
    `</tbody></table></section>`;
}

function place(r: { document: string; page: number | null; line: number | null }): string {
  return `${esc(r.document)}${r.page !== null ? ` p.${r.page}` : r.line !== null ? ` line ${r.line}` : ""}`;
}

function gapsSection(data: ReportData): string {
  return `<section id="gaps"><h2>Open gaps (${data.openGaps.length})</h2><table><thead><tr><th>Source</th><th>Canonical area</th><th>Marker</th><th>Text</th><th>Kind</th></tr></thead><tbody>` +
    data.openGaps.map((g) => `<tr id="${anchor("gap", g.id ?? 0)}"><td>${place(g)}</td><td>${esc(g.canonical_area ?? g.area)}</td><td>${esc(g.marker)}</td><td>${esc(g.text)}</td><td>${esc(g.kind)}</td></tr>`).join("") +
    `</tbody></table></section>`;
}

function actionsSection(data: ReportData): string {
  return `<section id="actions"><h2>Actions (${data.actions.length})</h2><table><thead><tr><th>Source</th><th>Canonical area</th><th>Action</th><th>Kind</th><th>Status</th><th>RAG</th></tr></thead><tbody>` +
    data.actions.map((a) => `<tr id="${anchor("action", a.id ?? 0)}"><td>${place(a)}</td><td>${esc(a.canonical_area ?? a.area)}</td><td>${esc(a.text)}</td><td>${esc(a.kind)}</td><td>${esc(a.status)}</td><td>${esc(a.rag)}</td></tr>`).join("") +
    `</tbody></table></section>`;
}

function sourcesSection(series: HistorySeries[]): string {
  const points: (HistoryPoint & { canonical: string | null })[] = series.flatMap((s) => s.series.map((p) => ({ ...p, canonical: s.canonical_area })));
  return `<section id="sources"><h2>Sources: every score shown above</h2><table><thead><tr><th>Id</th><th>Document</th><th>Page / line</th><th>Period</th><th>Area as printed</th><th>Canonical area</th><th>Link</th><th>As printed</th><th>Where</th></tr></thead><tbody>` +
    points.map((p) =>
      `<tr id="${anchor("score", p.score_id)}"><td>#${p.score_id}</td><td>${esc(p.document)}</td><td>${p.page !== null ? `p.${p.page}` : p.line !== null ? `line ${p.line}` : ""}</td>` +
      `<td>${esc(p.period.label)}</td><td>${esc(p.area)}</td><td>${esc(p.canonical ?? "(review)")}</td><td>${p.link ? `${esc(p.link.method)} ${esc(p.link.confidence)}` : ""}</td>` +
      `<td>${esc(p.raw)}</td><td>${esc(p.origin)}${p.also_in.length ? `; also in ${p.also_in.map((o) => esc(`${o.document}${o.page !== null ? ` p.${o.page}` : ""}`)).join(", ")}` : ""}</td></tr>`,
    ).join("") +
    `</tbody></table></section>`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}
