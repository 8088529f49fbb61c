/** `/documents` and `/documents/<id>`: every document with its kind, periods, counts and messages (`scorebook documents`' records). */
import type { DocumentDetail, DocumentRecord } from "../../query/documents.js";
import { html, query, type Html } from "./html.js";

const periodLabels = (d: DocumentRecord) => d.periods.map((p) => p.label).join("; ");

export function documentsView(docs: readonly DocumentRecord[], total: number, offset: number, limit: number): Html {
  const rows = docs.map(
    (d) => html`<tr><td><a href="/documents/${d.id}">${d.file}</a></td><td>${d.format}</td><td>${d.kind}</td><td>${periodLabels(d)}</td>
<td>${d.counts.scores}</td><td>${d.counts.indicators}</td><td>${d.counts.actions}</td><td>${d.counts.gaps}</td><td>${d.counts.warnings}</td></tr>`,
  );
  const next = offset + limit < total ? html`<a href="/documents${query({ offset: offset + limit })}" rel="next">Next ${limit}</a>` : "";
  const prev = offset > 0 ? html`<a href="/documents${query({ offset: Math.max(0, offset - limit) })}" rel="prev">Previous ${limit}</a> ` : "";
  return html`<h1>Documents</h1><p>${total} document${total === 1 ? "" : "s"}${total > docs.length ? `, showing ${offset + 1}–${offset + docs.length}` : ""} · <a href="/api/documents">As JSON</a> · <a href="/documents?format=csv">CSV</a></p>
<div class="scroll" tabindex="0" role="region" aria-label="Documents"><table><caption>Stored documents</caption><thead><tr><th scope="col">Document</th><th scope="col">Format</th><th scope="col">Kind</th><th scope="col">Periods</th><th scope="col">Scores</th><th scope="col">Indicators</th><th scope="col">Actions</th><th scope="col">Gaps</th><th scope="col">Warnings</th></tr></thead>
<tbody>${rows}</tbody></table></div><p>${prev}${next}</p>`;
}

export function documentView(d: DocumentDetail, hasOriginal: boolean): Html {
  const fields: [string, string | number | null][] = [
    ["Title", d.title], ["Format", d.format], ["Kind", d.kind], ["Report", d.report], ["Authority", d.authority], ["Framework", d.framework], ["Pages", d.pages],
    ["Periods", periodLabels(d)], ["Path at ingest", d.path], ["Ingested", d.ingested_at], ["Extractor version", d.extractor_version], ["sha256", d.sha256],
    ["Original kept", hasOriginal ? "yes" : "no (pages show the stored text)"],
  ];
  const counts = Object.entries(d.counts).map(([k, n]) => html`<li>${n} ${k}</li>`);
  const messages = d.messages.map((m) => html`<tr><td>${m.level}</td><td>${m.source}</td><td>${m.text}</td><td>${m.page !== null ? `p. ${m.page}` : m.line !== null ? `line ${m.line}` : ""}</td></tr>`);
  return html`<h1>${d.file}</h1><dl class="fields">${fields.map(([k, v]) => html`<dt>${k}</dt><dd>${v ?? ""}</dd>`)}</dl>
<h2>What it gave</h2><ul>${counts}</ul>
<h2>Messages</h2>${d.messages.length === 0 ? html`<p>No messages.</p>` : html`<table><caption>Warnings and notes from reading this document</caption><thead><tr><th scope="col">Level</th><th scope="col">Source</th><th scope="col">Message</th><th scope="col">Where</th></tr></thead><tbody>${messages}</tbody></table>`}`;
}
