/** `/gaps`: the figures-awaited ledger, filterable by status and area, with editors' decisions. */
import type { GapRecord } from "../../query/gaps.js";
import type { GapEvent } from "../../gaps/ledger.js";
import { html, query, type Html } from "./html.js";
import type { Viewer } from "./layout.js";
import { placeText } from "./layout.js";

export type GapStatusFilter = "open" | "resolved" | "all";

export interface GapsPage {
  status: GapStatusFilter;
  area: string;
  rows: GapRecord[];
  total: number;
  offset: number;
  limit: number;
  /** Why the filter matched nothing (an unknown area): shown above the form, no table. */
  error: string | null;
}

function statusOption(value: GapStatusFilter, chosen: GapStatusFilter): Html {
  return html`<option value="${value}"${value === chosen ? html` selected` : ""}>${value}</option>`;
}

/** Resolve or reopen, for a signed-in editor: a note is required, the CSRF token rides along. */
export function decisionForm(gapId: number, status: string, viewer: Viewer, back: string): Html {
  if (viewer.user?.role !== "editor" || !viewer.csrf) return html``;
  const action = status === "open" ? "resolve" : "reopen";
  return html`<form method="post" action="/gaps/${gapId}/${action}" class="decide">
<input type="hidden" name="_csrf" value="${viewer.csrf}"><input type="hidden" name="back" value="${back}">
<label for="note-${gapId}">Note</label> <input id="note-${gapId}" name="note" required maxlength="2000">
<button type="submit">${action === "resolve" ? "Mark resolved" : "Reopen"}</button></form>`;
}

export function gapsView(p: GapsPage, viewer: Viewer): Html {
  const back = `/gaps${query({ status: p.status, area: p.area })}`;
  const rows = p.rows.map(
    (g) => html`<tr><td><a href="/facts/gap/${g.id}">gap ${g.id}</a></td><td>${g.status}</td><td><strong>${g.marker}</strong><br>${g.text}</td>
<td>${g.canonical_area ?? g.area ?? ""}</td><td>${g.period?.label ?? ""}</td><td>${g.aging ?? ""}</td><td>${g.document} ${placeText(g)}</td>
<td>${g.resolved_by ? html`${g.resolved_by}${g.resolved_page !== null ? ` p. ${g.resolved_page}` : ""}: ${g.resolved_text ?? ""}${g.confidence !== null ? ` (confidence ${g.confidence})` : ""}` : ""}${g.note ? html`<br><span class="meta">note: ${g.note}</span>` : ""}</td>
<td>${g.decided_by ?? ""}${g.decided_at ? html`<br><span class="meta">${g.decided_at}</span>` : ""}</td><td>${decisionForm(g.id, g.status, viewer, back)}</td></tr>`,
  );
  const next = p.offset + p.limit < p.total ? html`<a href="/gaps${query({ status: p.status, area: p.area, offset: p.offset + p.limit })}" rel="next">Next ${p.limit}</a>` : "";
  const prev = p.offset > 0 ? html`<a href="/gaps${query({ status: p.status, area: p.area, offset: Math.max(0, p.offset - p.limit) })}" rel="prev">Previous ${p.limit}</a> ` : "";
  return html`<h1>Gaps ledger</h1>
<form method="get" action="/gaps" class="filters"><p><label for="status">Status</label> <select id="status" name="status">${(["open", "resolved", "all"] as const).map((s) => statusOption(s, p.status))}</select>
<label for="area">Area (name, key or alias)</label> <input id="area" name="area" value="${p.area}"${p.error ? html` aria-invalid="true" aria-describedby="area-error"` : ""}> <button type="submit">Filter</button></p></form>
${p.error ? html`<div class="error" role="alert"><h2>There is a problem</h2><p id="area-error">${p.error}</p></div>` : ledgerTable(p, rows, prev, next)}`;
}

function ledgerTable(p: GapsPage, rows: Html[], prev: Html | string, next: Html | string): Html {
  const api = `/api/gaps${query({ status: p.status, area: p.area })}`;
  return html`<p><span role="status">${p.total} gap${p.total === 1 ? "" : "s"}${p.total > p.rows.length ? `, showing ${p.offset + 1}–${p.offset + p.rows.length}` : ""}</span> · <a href="${api}">As JSON</a> · <a href="${`/gaps${query({ status: p.status, area: p.area, format: "csv" })}`}">CSV</a></p>
<div class="scroll" tabindex="0" role="region" aria-label="Gaps"><table><caption>What is awaited, since which period, how long, and what resolved it</caption>
<thead><tr><th scope="col">Gap</th><th scope="col">Status</th><th scope="col">Awaited</th><th scope="col">Area</th><th scope="col">Since</th><th scope="col">Aging (periods)</th><th scope="col">Source</th><th scope="col">Resolving evidence</th><th scope="col">Last decision</th><th scope="col">Decide</th></tr></thead>
<tbody>${rows}</tbody></table></div><p>${prev}${next}</p>`;
}

export function gapHistoryView(events: readonly GapEvent[]): Html {
  if (events.length === 0) return html`<p>No decisions recorded.</p>`;
  return html`<table><caption>History of decisions</caption><thead><tr><th scope="col">When</th><th scope="col">Status</th><th scope="col">Decided by</th><th scope="col">Who</th><th scope="col">Note</th></tr></thead><tbody>${events.map(
    (e) => html`<tr><td>${e.at}</td><td>${e.status}</td><td>${e.decided_by}</td><td>${actorOf(e.evidence)}</td><td>${e.note ?? ""}</td></tr>`,
  )}</tbody></table>`;
}

function actorOf(evidence: unknown): string {
  const actor = (evidence as { actor?: unknown } | null)?.actor;
  return typeof actor === "string" ? actor : "";
}
