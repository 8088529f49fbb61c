/** Search results and the sign-in form. */
import type { SearchResult } from "../../query/search.js";
import { html, type Html } from "./html.js";

export function searchView(q: string, result: SearchResult, limit: number): Html {
  const { hits, cut } = result;
  const rows = hits.map((h) => {
    const where = h.page !== null ? ` p. ${h.page}` : h.line !== null ? ` line ${h.line}` : "";
    const link = h.kind === "passage" ? html`<a href="/documents/${h.document_id}">passage in ${h.document}</a>` : html`<a href="/facts/${h.kind}/${h.id}">${h.kind} ${h.id}</a>`;
    return html`<li>${link} <span class="meta">${h.document}${where}</span><br>${h.text.length > 300 ? h.text.slice(0, 299) + "…" : h.text}</li>`;
  });
  return html`<h1>Search</h1><form method="get" action="/search"><p><label for="q2">Words</label> <input id="q2" name="q" type="search" value="${q}"> <button type="submit">Search</button></p></form>
${q ? html`<p role="status">${hits.length} result${hits.length === 1 ? "" : "s"}${cut.length > 0 ? html`: only the first ${limit} of each of ${cut.map((k) => `${k}s`).join(", ")} are shown (more match; add words to narrow)` : ""}. <a href="/search?q=${encodeURIComponent(q)}&amp;format=csv">CSV</a></p><ol class="hits">${rows}</ol>` : ""}`;
}

export function signinView(error: string | null, csrf: string): Html {
  return html`<h1>Sign in</h1>${error ? html`<p class="error" role="alert">${error}</p>` : ""}
<form method="post" action="/signin" class="signin"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="name">User name</label> <input id="name" name="name" autocomplete="username" required maxlength="100"></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"></p>
<p><button type="submit">Sign in</button></p></form>`;
}
