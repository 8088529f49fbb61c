/** The page shell every view shares: skip link, navigation, sign-in state, one <main>. */
import { html, type Html } from "./html.js";

export interface Viewer {
  /** Signed-in user, or null (anonymous reader). */
  user: { name: string; role: "reader" | "editor" } | null;
  /** Whether the server was started with --users (sign-in exists at all). */
  accounts: boolean;
  /** CSRF token for forms that change something (null when nobody is signed in). */
  csrf: string | null;
}

export interface PageInput {
  title: string;
  viewer: Viewer;
  /** Which top-level section is current (aria-current on its link). */
  section?: "overview" | "areas" | "compare" | "gaps" | "documents" | "search" | "signin" | null;
  body: Html;
}

const NAV: [NonNullable<PageInput["section"]>, string, string][] = [
  ["overview", "/", "Overview"],
  ["areas", "/areas", "Source areas"],
  ["compare", "/compare", "Compare periods"],
  ["gaps", "/gaps", "Gaps ledger"],
  ["documents", "/documents", "Documents"],
];

export function page(input: PageInput): Html {
  const { viewer } = input;
  const nav = NAV.map(([key, href, label]) =>
    key === input.section ? html`<li><a href="${href}" aria-current="page">${label}</a></li>` : html`<li><a href="${href}">${label}</a></li>`,
  );
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · scorebook</title><link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="top"><p class="brand"><a href="/">scorebook</a></p>
<nav aria-label="Main"><ul>${nav}</ul></nav>
<form class="search" role="search" method="get" action="/search"><label for="q">Search facts</label> <input id="q" name="q" type="search"> <button type="submit">Search</button></form>
${account(viewer)}</header>
<main id="main" tabindex="-1">${input.body}</main>
<footer><p>Every figure links to its source document and page. Data as JSON under <a href="/api/history">/api/</a>.</p></footer>
</body></html>
`;
}

function account(viewer: Viewer): Html {
  if (!viewer.accounts) return html`<p class="account">Read-only</p>`;
  if (!viewer.user) return html`<p class="account"><a href="/signin">Sign in</a></p>`;
  return html`<form class="account" method="post" action="/signout"><span>${viewer.user.name} (${viewer.user.role})</span>
<input type="hidden" name="_csrf" value="${viewer.csrf}"> <button type="submit">Sign out</button></form>`;
}

/** A "where is it" text: page N, or line N for text documents. */
export function placeText(r: { page: number | null; line?: number | null }): string {
  if (r.page !== null) return `p. ${r.page}`;
  if (r.line !== null && r.line !== undefined) return `line ${r.line}`;
  return "";
}

export function errorPage(viewer: Viewer, status: number, message: string): Html {
  const title = status === 404 ? "Not found" : status === 403 ? "Not allowed" : status === 400 ? "Bad request" : "Error";
  return page({ title, viewer, body: html`<h1>${title}</h1><p>${message}</p><p><a href="/">Back to the overview</a></p>` });
}
