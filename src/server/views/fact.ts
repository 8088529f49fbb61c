/**
 * `/facts/<kind>/<id>`: the fact as `scorebook show <kind> <id>` gives it (the same fields, in
 * the same order, and the same text around it), and its source: the PDF page as an image with
 * the fact's box highlighted when the original is kept, and the stored passage with the fact's
 * lines marked.
 */
import type { ShownFact } from "../../query/show.js";
import type { GapEvent } from "../../gaps/ledger.js";
import { html, type Html } from "./html.js";
import type { Viewer } from "./layout.js";
import { decisionForm, gapHistoryView } from "./gaps.js";

export interface FactPage {
  fact: ShownFact;
  /** Links from the fact: its document's page and its canonical area's page (null when unaligned). */
  document_id: number;
  canonical_key: string | null;
  /** Whether a page image can be drawn (PDF with its bytes kept and a page). */
  pageImage: boolean;
  events: GapEvent[] | null;
}

/** The stored context as lines, those marked "> " by show.ts highlighted. */
export function passageLines(text: string): Html {
  return html`<pre class="passage">${text.split("\n").map((l) => (l.startsWith(">") ? html`<mark>${l.slice(2)}</mark>\n` : html`${l.slice(2)}\n`))}</pre>`;
}

/** One of `show`'s fields; the document and the canonical area link to their pages. */
function fieldValue(p: FactPage, name: string, value: unknown): Html | string {
  const text = value === null || value === undefined ? "" : String(value);
  if (name === "document") return html`<a href="/documents/${p.document_id}">${text}</a> (${p.fact.detail.format})`;
  if (name === "canonical_area") return p.canonical_key ? html`<a href="/areas/${encodeURIComponent(p.canonical_key)}">${text}</a>` : "not aligned";
  return text;
}

export function factView(p: FactPage, viewer: Viewer): Html {
  const { kind, id, detail: f } = p.fact;
  const source = p.pageImage
    ? html`<figure class="page"><img src="/documents/${p.document_id}/pages/${f.page!}.png?highlight=${kind}:${id}" alt="${`Page ${f.page} of ${f.document}, with the ${kind}'s place outlined in a highlight box`}" width="612"><figcaption>Page ${f.page} of ${f.document}; the highlighted box is where this ${kind} was read.</figcaption></figure>`
    : html`<p>${noImageReason(f.format, f.page)} The stored text around it follows.</p>`;
  const where = f.page !== null ? `page ${f.page}` : f.line !== null ? `line ${f.line}` : "no recorded page";
  const column = f.context.column ? html`<p>The ${kind} is in the column headed “${f.context.column}”.</p>` : html``;
  const context = f.context.text
    ? html`<h2>Text around it</h2><p>From the stored text of ${f.document}, ${where} (the highlighted line is the ${kind}'s):</p>${passageLines(f.context.text)}${column}`
    : html`<p>${f.context.note ?? ""}</p>`;
  const status = p.fact.fields.find(([k]) => k === "status")?.[1];
  const gap = kind === "gap" && p.events
    ? html`<h2>Decisions</h2>${gapHistoryView(p.events)}${decisionForm(id, String(status ?? ""), viewer, `/facts/gap/${id}`)}`
    : html``;
  return html`<h1>${capital(kind)} ${id}</h1>
<dl class="fields">${p.fact.fields.map(([k, v]) => html`<dt>${fieldLabel(k)}</dt><dd>${v === null || v === undefined || v === "" ? html`<span aria-hidden="true">—</span><span class="sr">none</span>` : fieldValue(p, k, v)}</dd>`)}</dl>
<h2>Source</h2>${source}${context}${gap}`;
}

/** `show`'s field name for people: "value_max" → "Value max" (the names are the JSON's; the order is show's). */
export function fieldLabel(name: string): string {
  return capital(name.replace(/_/g, " "));
}

/** Why a fact's source is text, not a page image. */
function noImageReason(format: string, page: number | null): string {
  if (format !== "pdf") return `A ${format.toUpperCase()} document has no page images.`;
  if (page === null) return "No page was recorded for it.";
  return "The original PDF was not kept in the store (ingested with --no-keep-files, or before originals were kept; ingest --force keeps it).";
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
