/**
 * `/facts/<kind>/<id>`: the fact, its place, and its source: the PDF page as an image with the
 * fact's box highlighted when the original is kept, else the stored passage with the fact's
 * lines marked.
 */
import type { FactDetail } from "../../query/fact-detail.js";
import type { GapEvent } from "../../gaps/ledger.js";
import { html, type Html } from "./html.js";
import type { Viewer } from "./layout.js";
import { decisionForm, gapHistoryView } from "./gaps.js";

export interface FactPage {
  fact: FactDetail;
  /** Whether a page image can be drawn (PDF with its bytes kept and a page). */
  pageImage: boolean;
  events: GapEvent[] | null;
}

/** The stored context as lines, those marked "> " by show.ts highlighted. */
export function passageLines(text: string): Html {
  return html`<pre class="passage">${text.split("\n").map((l) => (l.startsWith(">") ? html`<mark>${l.slice(2)}</mark>\n` : html`${l.slice(2)}\n`))}</pre>`;
}

export function factView(p: FactPage, viewer: Viewer): Html {
  const f = p.fact;
  const where = f.page !== null ? `page ${f.page}` : f.line !== null ? `line ${f.line}` : "no recorded page";
  const source = p.pageImage
    ? html`<figure class="page"><img src="/documents/${f.document_id}/pages/${f.page!}.png?highlight=${f.kind}:${f.id}" alt="${`Page ${f.page} of ${f.document}, with the ${f.kind}'s place outlined in a highlight box`}" width="612"><figcaption>Page ${f.page} of ${f.document}; the highlighted box is where this ${f.kind} was read.</figcaption></figure>`
    : html``;
  const context = f.context.text
    ? html`<h2>Text around it</h2><p>From the stored text of ${f.document} (the highlighted line is the ${f.kind}'s):</p>${passageLines(f.context.text)}`
    : html`<p>${f.context.note ?? ""}</p>`;
  const gap = f.kind === "gap" && p.events
    ? html`<h2>Decisions</h2>${gapHistoryView(p.events)}${decisionForm(f.id, String(f.fields.find(([k]) => k === "status")?.[1] ?? ""), viewer, `/facts/gap/${f.id}`)}`
    : html``;
  return html`<h1>${capital(f.kind)} ${f.id}</h1>
<dl class="fields"><dt>Document</dt><dd><a href="/documents/${f.document_id}">${f.document}</a> (${f.format}), ${where}</dd>
<dt>Area as printed</dt><dd>${f.area ?? "none"}</dd><dt>Canonical area</dt><dd>${f.canonical_key ? html`<a href="/areas/${encodeURIComponent(f.canonical_key)}">${f.canonical_area}</a>` : "not aligned"}</dd>
<dt>Period</dt><dd>${f.period ? `${f.period.label} (${f.period.start}..${f.period.end})` : "none"}</dd>
${f.fields.map(([k, v]) => html`<dt>${capital(k)}</dt><dd>${v ?? ""}</dd>`)}</dl>
<h2>Source</h2>${source}${context}${gap}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
