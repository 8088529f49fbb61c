/**
 * Source areas as printed and their links to the canonical framework (`scorebook areas`, one
 * row per label and authority), with a signed-in editor's form to link one (`areas link`):
 * on /areas (the unaligned ones first) and on each canonical area's page.
 */
import type { SourceAreaGroup } from "../../align/links.js";
import { html, query, type Html } from "./html.js";
import type { Viewer } from "./layout.js";

/** A framework's canonical areas, the choices of a link form (null: the authority has none). */
export type CanonicalChoices = (group: SourceAreaGroup) => readonly { key: string; label: string }[] | null;

/** What the store says after a decision: the area as printed and where it links now. */
export interface LinkedNotice {
  area: string;
  canonical_area: string | null;
  method: string | null;
}

export function linkedNotice(n: LinkedNotice | null): Html {
  if (!n) return html``;
  return html`<p class="notice" role="status">Recorded: “${n.area}” now links to ${n.canonical_area ?? "no canonical area (unaligned)"}${n.method ? ` (${n.method})` : ""}.</p>`;
}

/** Link one label (of its authority) to a canonical area, for a signed-in editor; the CSRF token rides along. */
export function linkForm(g: SourceAreaGroup, choices: readonly { key: string; label: string }[] | null, viewer: Viewer, back: string): Html {
  if (viewer.user?.role !== "editor" || !viewer.csrf || !choices || g.authority === null) return html``;
  const option = (value: string, label: string) => html`<option value="${value}"${value === (g.canonical_key ?? "none") ? html` selected` : ""}>${label}</option>`;
  return html`<form method="post" action="/areas/link" class="link">
<input type="hidden" name="_csrf" value="${viewer.csrf}"><input type="hidden" name="area_id" value="${g.area_id}"><input type="hidden" name="authority" value="${g.authority}"><input type="hidden" name="back" value="${back}">
<label for="canonical-${g.area_id}">Canonical area</label> <select id="canonical-${g.area_id}" name="canonical">${choices.map((c) => option(c.key, c.label))}${option("none", "none (leave unaligned)")}</select>
<label for="link-note-${g.area_id}">Note</label> <input id="link-note-${g.area_id}" name="note" maxlength="2000">
<button type="submit">Link</button></form>`;
}

export function sourceAreasTable(groups: readonly SourceAreaGroup[], choices: CanonicalChoices, viewer: Viewer, back: string, caption: string): Html {
  const editing = viewer.user?.role === "editor";
  const rows = groups.map(
    (g) => html`<tr><td>${g.area}</td><td>${g.authority ?? "(not stated)"}</td><td>${g.printed}</td>
<td>${g.canonical_key ? html`<a href="/areas/${encodeURIComponent(g.canonical_key)}">${g.canonical_area}</a>` : g.needs_review ? "unaligned (for review)" : "none"}</td>
<td>${g.method ?? ""}</td><td>${g.confidence ?? ""}</td>${editing ? html`<td>${linkForm(g, choices(g), viewer, back)}</td>` : ""}</tr>`,
  );
  return html`<div class="scroll" tabindex="0" role="region" aria-label="${caption}"><table><caption>${caption}</caption>
<thead><tr><th scope="col">Area as printed</th><th scope="col">Authority</th><th scope="col">Document areas</th><th scope="col">Canonical area</th><th scope="col">Method</th><th scope="col">Confidence</th>${editing ? html`<th scope="col">Link</th>` : ""}</tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

export interface AreasPage {
  groups: SourceAreaGroup[];
  total: number;
  review: boolean;
  offset: number;
  limit: number;
  notice: LinkedNotice | null;
}

export function areasView(p: AreasPage, choices: CanonicalChoices, viewer: Viewer): Html {
  const review = p.review ? 1 : undefined;
  const back = `/areas${query({ review })}`;
  const next = p.offset + p.limit < p.total ? html`<a href="/areas${query({ review, offset: p.offset + p.limit })}" rel="next">Next ${p.limit}</a>` : "";
  const prev = p.offset > 0 ? html`<a href="/areas${query({ review, offset: Math.max(0, p.offset - p.limit) })}" rel="prev">Previous ${p.limit}</a> ` : "";
  const pending = p.groups.filter((g) => g.needs_review).length;
  return html`<h1>Source areas</h1>${linkedNotice(p.notice)}
<p>Every area as reports printed it, per authority, and the canonical area it is compared under (<code>scorebook areas</code>). ${
    p.review ? html`Showing those waiting for review (<a href="/areas">all areas</a>).` : html`Unaligned ones first (<a href="/areas?review=1">only those</a>).`
  } A decision applies to every document printing the label, and later ingests keep it.</p>
<p>${p.total} source area${p.total === 1 ? "" : "s"}${p.total > p.groups.length ? `, showing ${p.offset + 1}–${p.offset + p.groups.length}` : ""}${pending ? `; ${pending} on this page unaligned` : ""} · <a href="/api/areas">As JSON</a></p>
${sourceAreasTable(p.groups, choices, viewer, back, "Source areas and their canonical links")}<p>${prev}${next}</p>`;
}
