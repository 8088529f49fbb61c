/**
 * The web app through Fastify's inject (no socket): every page renders, escapes what reports
 * printed, refuses changes without a session or a CSRF token, 404s ids outside the store,
 * sends strict headers, and /api/ equals the CLI's --format json on the same store.
 */
import { spawn } from "node:child_process";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, BODY_LIMIT_BYTES, SIGNIN_ATTEMPTS_PER_MINUTE } from "../../src/server/app.js";
import { fieldLabel } from "../../src/server/views/fact.js";
import { checkBinding, isLoopback } from "../../src/server/listen.js";
import { join } from "node:path";
import { openStore } from "../../src/store/open.js";
import { listDocuments } from "../../src/query/documents.js";
import { listAreaLinks } from "../../src/align/links.js";
import { esc } from "../../src/report/escape.js";
import { CLI, runCli, tempDir } from "../helpers/cli.js";
import { freshStoreLocation } from "../helpers/store.js";
import { buildServerStore, MD, PASSWORD, PAYLOAD, type ServerStore } from "../helpers/server-store.js";

let store: ServerStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await buildServerStore();
  app = await buildServer({ db: store.db, users: store.users, rollup: "mean" });
});

afterAll(async () => {
  await app?.close();
  await store?.db.destroy();
});

/** Cookies from a response, as one Cookie header (name=value pairs). */
function cookiesOf(res: { headers: Record<string, unknown> }, previous = ""): string {
  const set = res.headers["set-cookie"];
  const list = Array.isArray(set) ? set : set ? [String(set)] : [];
  const jar = new Map(previous ? previous.split("; ").map((c) => c.split("=", 2) as [string, string]) : []);
  for (const c of list) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

function csrfIn(body: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!m) throw new Error("no CSRF token on the page");
  return m[1]!;
}

/** Sign in through the form, as a browser would: GET the form (token + secret cookie), POST it. */
async function signIn(name: string): Promise<{ cookie: string; csrf: string }> {
  const form = await app.inject({ method: "GET", url: "/signin", remoteAddress: `10.0.0.${name.length}` });
  let cookie = cookiesOf(form);
  const res = await app.inject({
    method: "POST",
    url: "/signin",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ name, password: PASSWORD, _csrf: csrfIn(form.body) }).toString(),
    remoteAddress: `10.0.0.${name.length}`,
  });
  expect(res.statusCode).toBe(303);
  cookie = cookiesOf(res, cookie);
  const page = await app.inject({ method: "GET", url: "/gaps?status=all", headers: { cookie } });
  return { cookie, csrf: csrfIn(page.body) };
}

async function firstId(table: "scores" | "indicators" | "actions" | "gaps", documentId?: number): Promise<number> {
  let q = store.db.selectFrom(table).select("id").orderBy("id");
  if (documentId !== undefined) q = q.where("document_id", "=", documentId);
  return (await q.executeTakeFirstOrThrow()).id;
}

describe("pages", () => {
  it("renders every page of the contract with 200 and one <main>", async () => {
    const score = await firstId("scores");
    const urls = [
      "/", "/areas", "/areas?review=1", "/areas/good-governance", "/compare", "/compare?a=April+17+-+Sept+17&b=Oct+17-+March+18", "/gaps", "/gaps?status=resolved", "/gaps?status=all&area=workforce",
      "/documents", "/documents/1", `/facts/score/${score}`, `/facts/indicator/${await firstId("indicators")}`, `/facts/action/${await firstId("actions")}`,
      `/facts/gap/${await firstId("gaps")}`, "/search?q=training",
    ];
    for (const url of urls) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/text\/html/);
      expect(res.body.match(/<main /g)?.length, url).toBe(1);
    }
  });

  it("shows the overview's areas × periods with links to each area", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    expect(res.body).toContain('href="/areas/good-governance"');
    expect(res.body).toMatch(/<th scope="col">Sept 2015<\/th>/);
    expect(res.body).toMatch(/framework changed/);
  });

  it("counts open gaps as `gaps --open` does (once per report, not per rendering) and documents beside reports", async () => {
    // Two renderings of one report: each prints the same gaps, the ledger lists each once.
    const dir = tempDir("scorebook-serve-renderings-");
    const path = await freshStoreLocation(dir);
    const files = ["mcc-2018-03-evaluative-progress-report.txt", "mcc-2018-03-evaluative-progress-report.docx"].map((f) => join("fixtures/reports", f));
    expect(runCli(["--db", path, "ingest", "--jobs", "1", ...files]).code).toBe(0);
    const cli = runCli(["--db", path, "gaps", "--open", "--format", "json"]);
    expect(cli.code).toBe(0);
    const open = (JSON.parse(cli.stdout) as unknown[]).length;
    expect(open).toBeGreaterThan(0);
    const db = await openStore(path);
    const server = await buildServer({ db, users: null });
    try {
      const raw = await db.selectFrom("gaps").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "open").executeTakeFirstOrThrow();
      expect(Number(raw.n)).toBe(2 * open);
      const res = await server.inject({ method: "GET", url: "/" });
      expect(res.body).toContain(`<strong>${open}</strong> open gap`);
      expect(res.body).toContain("<strong>2</strong> documents in <strong>1</strong> report");
    } finally {
      await server.close();
      await db.destroy();
    }
  });

  it("gives each council its own grid, never blended, and sends an area key two frameworks share to the council's area", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    // The hand-built document is of "Sample Council", which has no canonical framework: its own section.
    expect(res.body).toMatch(/<h2>Monmouthshire County Council<\/h2>/);
    expect(res.body).toMatch(/<h2>Sample Council<\/h2>[\s\S]*not aligned to a canonical area \(this council has no canonical framework\)/);
    // …and its scores are shown, as printed, not only counted.
    const sample = res.body.slice(res.body.indexOf("<h2>Sample Council</h2>"));
    expect(sample).toMatch(/<tr class="unaligned"><th scope="row">Safe Workforce<\/th><td><svg[^>]*aria-label="Trend: April 17 - Sept 17: 3.5"/);
    const { areaSeries } = await import("../../src/server/routes/pages.js");
    const series = [
      { canonical_key: "safe-workforce", authority: "Monmouthshire County Council" },
      { canonical_key: "safe-workforce", authority: "Riverford Borough Council" },
    ];
    expect(() => areaSeries(series, "safe-workforce")).toThrow(/Several councils.*Monmouthshire County Council; Riverford Borough Council/);
    expect(areaSeries(series, "safe-workforce", "riverford borough council")).toBe(series[1]);
    expect(() => areaSeries(series, "good-governance")).toThrow(/No canonical area/);
  });

  it("lists documents as `scorebook documents` does, a page at a time", async () => {
    const all = await listDocuments(store.db);
    expect(all.length).toBe(3);
    expect(await listDocuments(store.db, { offset: 1, limit: 1 })).toEqual(all.slice(1, 2));
    expect(await listDocuments(store.db, { ids: [all[2]!.id] })).toEqual([all[2]]);
    const res = await app.inject({ method: "GET", url: "/documents" });
    for (const d of all) expect(res.body).toContain(`<a href="/documents/${d.id}">`);
    expect(res.body).toContain("3 documents");
  });

  it("shows a fact with `scorebook show`'s fields, in its order, and its text around it with the fact's line marked", async () => {
    const md = await store.db.selectFrom("documents").select("id").where("source", "=", MD).executeTakeFirstOrThrow();
    for (const kind of ["score", "indicator", "gap"] as const) {
      const id = await firstId(`${kind}s`, md.id);
      const cli = runCli(["--db", store.path, "show", kind, String(id), "--format", "json"]);
      expect(cli.code).toBe(0);
      const shown = JSON.parse(cli.stdout) as { document: string; context: { text: string | null } };
      const csv = runCli(["--db", store.path, "show", kind, String(id), "--format", "csv"]).stdout.split("\n")[0]!.split(",");
      const res = await app.inject({ method: "GET", url: `/facts/${kind}/${id}` });
      const names = [...res.body.matchAll(/<dt>([^<]*)<\/dt>/g)].map((m) => m[1]);
      // show's fields in show's order, named for people ("value_max" → "Value max").
      expect(names, kind).toEqual(csv.filter((h) => h !== "column" && h !== "context").map(fieldLabel));
      expect(res.body).toContain(`>${shown.document}</a>`);
      expect(shown.context.text, kind).toBeTruthy();
      const marked = shown.context.text!.split("\n").find((l) => l.startsWith(">"))!.slice(2);
      expect(res.body, kind).toContain(`<mark>${esc(marked)}</mark>`);
    }
  });

  it("search says when a kind was cut at its limit, and offers its hits as CSV", async () => {
    const { search } = await import("../../src/query/search.js");
    const all = await search(store.db, "governance");
    const scores = all.hits.filter((h) => h.kind === "score").length;
    expect(scores).toBeGreaterThan(1);
    const one = await search(store.db, "governance", 1);
    expect(one.cut).toContain("score");
    expect(one.hits.filter((h) => h.kind === "score")).toHaveLength(1);
    expect(all.cut).toEqual([]);
    const res = await app.inject({ method: "GET", url: "/search?q=governance&format=csv" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    expect(res.body.split("\n")[0]).toBe("kind,id,document,page,line,text");
    expect(res.body.split("\n").filter((l) => l.startsWith("score,")).length).toBe(scores);
  });

  it("filters the gaps ledger by status", async () => {
    const open = await app.inject({ method: "GET", url: "/gaps?status=open" });
    const resolved = await app.inject({ method: "GET", url: "/gaps?status=resolved" });
    expect(open.body).not.toMatch(/<td>resolved<\/td>/);
    expect(resolved.body).toMatch(/<td>resolved<\/td>/);
    expect(resolved.body).not.toMatch(/<td>open<\/td>/);
  });

  it("draws a kept PDF page as a PNG with the fact highlighted, and 404s what is not in the store", async () => {
    const pdf = await store.db.selectFrom("documents").select("id").where("format", "=", "pdf").where("source", "like", "mcc-%").executeTakeFirstOrThrow();
    const score = await store.db.selectFrom("scores").select(["id", "page"]).where("document_id", "=", pdf.id).where("x0", "is not", null).executeTakeFirstOrThrow();
    const ok = await app.inject({ method: "GET", url: `/documents/${pdf.id}/pages/${score.page}.png?highlight=score:${score.id}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["content-type"]).toBe("image/png");
    expect(ok.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const plain = await app.inject({ method: "GET", url: `/documents/${pdf.id}/pages/${score.page}.png` });
    expect(plain.rawPayload.equals(ok.rawPayload)).toBe(false); // the highlight is drawn
    for (const url of [
      `/documents/${pdf.id}/pages/999.png`,
      `/documents/${pdf.id}/pages/0.png`,
      `/documents/999999/pages/1.png`,
      `/documents/${pdf.id}/pages/..%2F..%2Fetc%2Fpasswd`,
      `/documents/..%2F..%2Fetc%2Fpasswd/pages/1.png`,
      `/documents/${pdf.id}/pages/${score.page}.png?highlight=score:999999`,
      `/documents/${pdf.id}/pages/${score.page}.png?highlight=../../x:1`,
      `/documents/${store.xssDocumentId}/pages/1.png`, // no kept bytes
      "/documents/999999", "/documents/-1", "/documents/1e3", "/facts/score/999999", "/facts/nope/1", "/facts/score/abc", "/areas/no-such-area",
    ]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
    }
  });
});

describe("filters that match nothing", () => {
  it("answer 400 with the query's message: JSON {error} on /api/, the ledger's form with an alert on /gaps", async () => {
    for (const url of ["/api/gaps?area=no-such-area", "/api/history?area=no-such-area", "/api/export?area=no-such-area", "/api/compare?a=Sept+2015&b=Oct+17-+March+18&area=no-such-area", "/api/compare?a=1999-01&b=Sept+2015"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers["content-type"], url).toMatch(/application\/json/);
      expect(JSON.parse(res.body).error, url).toMatch(/no-such-area|1999-01/);
    }
    const page = await app.inject({ method: "GET", url: "/gaps?status=all&area=no-such-area" });
    expect(page.statusCode).toBe(400);
    expect(page.body).toMatch(/<div class="error" role="alert">[\s\S]*matches no canonical area/);
    expect(page.body).toContain('<input id="area" name="area" value="no-such-area" aria-invalid="true"');
    expect(page.body).toContain('<option value="all" selected>');
    const csv = await app.inject({ method: "GET", url: "/gaps?area=no-such-area&format=csv" });
    expect(csv.statusCode).toBe(400);
    expect(csv.body).toContain("matches no canonical area");
  });
});

describe("escaping", () => {
  it("prints every stored label, text, note and file name escaped on every page that shows it", async () => {
    const id = store.xssDocumentId;
    const pages = [
      "/", "/documents", `/documents/${id}`, "/gaps?status=all", `/facts/gap/${store.xssGapId}`, `/facts/indicator/${await firstId("indicators", id)}`,
      `/facts/action/${await firstId("actions", id)}`, `/facts/score/${await firstId("scores", id)}`, "/search?q=alert", "/areas/good-governance",
      "/compare?a=April+17+-+Sept+17&b=Oct+17-+March+18", `/search?q=${encodeURIComponent(PAYLOAD)}`, `/compare?a=${encodeURIComponent(PAYLOAD)}&b=x`,
      `/gaps?area=${encodeURIComponent(PAYLOAD)}`, "/areas",
    ];
    let shown = 0;
    for (const url of pages) {
      const res = await app.inject({ method: "GET", url });
      expect(res.body, url).not.toContain("<script>alert");
      expect(res.body, url).not.toContain("<img src=x");
      if (res.body.includes("&lt;script&gt;alert(")) shown++;
    }
    // Not vacuous: the payload is on the pages (escaped), not silently dropped.
    expect(shown).toBeGreaterThanOrEqual(10);
  });
});

describe("security", () => {
  it("sends a strict CSP without unsafe-inline, nosniff and frame-ancestors 'none'", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });

  it("refuses changes without a session, without a CSRF token, or from a reader; an editor's change is recorded with their name", async () => {
    const gap = await store.db.selectFrom("gaps").select("id").where("status", "=", "open").orderBy("id").executeTakeFirstOrThrow();
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const post = (url: string, payload: string, cookie = "") =>
      app.inject({ method: "POST", url, payload, headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) } });

    expect((await post(`/gaps/${gap.id}/resolve`, form({ note: "no session" }))).statusCode).toBe(403);
    const editor = await signIn("edna");
    expect((await post(`/gaps/${gap.id}/resolve`, form({ note: "no token" }), editor.cookie)).statusCode).toBe(403);
    expect((await post(`/gaps/${gap.id}/resolve`, form({ note: "bad token", _csrf: "x" + editor.csrf.slice(1) }), editor.cookie)).statusCode).toBe(403);
    const reader = await signIn("rita");
    expect((await post(`/gaps/${gap.id}/resolve`, form({ note: "reader", _csrf: reader.csrf }), reader.cookie)).statusCode).toBe(403);
    // A token from another session does not work in this one.
    expect((await post(`/gaps/${gap.id}/resolve`, form({ note: "crossed", _csrf: reader.csrf }), editor.cookie)).statusCode).toBe(403);
    expect((await store.db.selectFrom("gaps").select("status").where("id", "=", gap.id).executeTakeFirstOrThrow()).status).toBe("open");

    const ok = await post(`/gaps/${gap.id}/resolve`, form({ note: "figures arrived in the May report", _csrf: editor.csrf, back: "https://evil.example/" }), editor.cookie);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/facts/gap/${gap.id}`); // never another site
    expect((await store.db.selectFrom("gaps").select("status").where("id", "=", gap.id).executeTakeFirstOrThrow()).status).toBe("resolved");
    // The server holds the gap ledger per state of the store: the change shows at once.
    const open = JSON.parse((await app.inject({ method: "GET", url: "/api/gaps?status=open" })).body) as { id: number }[];
    expect(open.map((g) => g.id)).not.toContain(gap.id);
    const history = await app.inject({ method: "GET", url: `/facts/gap/${gap.id}` });
    expect(history.body).toContain("web:edna");
    expect(history.body).toContain("figures arrived in the May report");
  });

  it("links a source area: an editor's form on /areas records the decision (web:<name>), readers and forms without a token are refused", async () => {
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const post = (payload: string, cookie = "") =>
      app.inject({ method: "POST", url: "/areas/link", payload, headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) } });
    const unaligned = (await listAreaLinks(store.db, { review: true })).find((r) => r.authority === "Monmouthshire County Council");
    expect(unaligned, "the test store has an unaligned Monmouthshire area").toBeDefined();
    const id = String(unaligned!.area_id);
    const fields = { area_id: id, authority: unaligned!.authority!, canonical: "good-governance", note: "engagement is governance", back: "/areas" };

    // Nobody signed in, or a reader: the page has no form, and a post is refused.
    expect((await app.inject({ method: "GET", url: "/areas" })).body).not.toContain('action="/areas/link"');
    expect((await post(form(fields)))).toMatchObject({ statusCode: 403 });
    const reader = await signIn("rita");
    expect((await app.inject({ method: "GET", url: "/areas", headers: { cookie: reader.cookie } })).body).not.toContain('action="/areas/link"');
    expect((await post(form({ ...fields, _csrf: reader.csrf }), reader.cookie)).statusCode).toBe(403);

    const editor = await signIn("edna");
    const listing = await app.inject({ method: "GET", url: "/areas?review=1", headers: { cookie: editor.cookie } });
    expect(listing.body).toContain(`<input type="hidden" name="area_id" value="${id}">`);
    expect(listing.body).toContain('<option value="good-governance">Good Governance</option>');
    expect((await post(form(fields), editor.cookie)).statusCode).toBe(403); // no CSRF token
    expect((await listAreaLinks(store.db)).find((r) => r.area_id === unaligned!.area_id)!.method).not.toBe("manual");

    const ok = await post(form({ ...fields, _csrf: csrfIn(listing.body) }), editor.cookie);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/areas?linked=${id}`);
    const after = await app.inject({ method: "GET", url: String(ok.headers.location), headers: { cookie: editor.cookie } });
    expect(after.body).toMatch(/role="status">Recorded: .* now links to Good Governance \(manual\)/);

    // The CLI sees the decision and who made it; /api/areas is `areas --format json`.
    const cli = runCli(["--db", store.path, "areas", "--format", "json"]);
    const row = (JSON.parse(cli.stdout) as { area_id: number; canonical_key: string; method: string; note: string }[]).find((r) => r.area_id === unaligned!.area_id)!;
    expect(row).toMatchObject({ canonical_key: "good-governance", method: "manual" });
    expect((await app.inject({ method: "GET", url: "/api/areas" })).body).toBe(cli.stdout);
    const decision = await store.db.selectFrom("area_link_decisions").select(["decided_by", "note"]).where("area_label", "=", unaligned!.area).executeTakeFirstOrThrow();
    expect(decision).toEqual({ decided_by: "web:edna", note: "engagement is governance" });
    // The canonical area's page now lists it among its source areas, with the editor's form.
    const area = await app.inject({ method: "GET", url: "/areas/good-governance", headers: { cookie: editor.cookie } });
    expect(area.body).toContain(`<input type="hidden" name="area_id" value="${id}">`);
  });

  it("refuses oversized bodies and rate-limits sign-in per client", async () => {
    const big = await app.inject({ method: "POST", url: "/signin", payload: "note=" + "x".repeat(BODY_LIMIT_BYTES + 1), headers: { "content-type": "application/x-www-form-urlencoded" }, remoteAddress: "10.9.9.9" });
    expect(big.statusCode).toBe(413);
    const codes: number[] = [];
    for (let i = 0; i < SIGNIN_ATTEMPTS_PER_MINUTE + 2; i++) {
      const res = await app.inject({ method: "POST", url: "/signin", payload: "name=edna&password=wrong", headers: { "content-type": "application/x-www-form-urlencoded" }, remoteAddress: "10.7.7.7" });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, SIGNIN_ATTEMPTS_PER_MINUTE).every((c) => c !== 429)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });

  it("refuses to bind beyond loopback without --users", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("0.0.0.0")).toBe(false);
    expect(() => checkBinding("0.0.0.0", false)).toThrow(/--users/);
    expect(() => checkBinding("0.0.0.0", true)).not.toThrow();
    const cli = runCli(["--db", store.path, "serve", "--host", "0.0.0.0", "--port", "0"]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without --users/);
  });

  it("a read-only server has no sign-in and refuses every change", async () => {
    const readOnly = await buildServer({ db: store.db, users: null, rollup: "mean" });
    try {
      expect((await readOnly.inject({ method: "GET", url: "/signin" })).statusCode).toBe(404);
      const res = await readOnly.inject({ method: "POST", url: "/gaps/1/resolve", payload: "note=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(res.statusCode).toBe(403);
    } finally {
      await readOnly.close();
    }
  });
});

describe("/api/ equals the CLI's --format json", () => {
  const cases: [string, string[]][] = [
    ["/api/history", ["history", "--rollup", "mean", "--format", "json"]],
    ["/api/history?area=safe-workforce", ["history", "--area", "safe-workforce", "--rollup", "mean", "--format", "json"]],
    ["/api/compare?a=Sept+2015&b=Oct+17-+March+18", ["compare", "Sept 2015", "Oct 17- March 18", "--rollup", "mean", "--format", "json"]],
    ["/api/gaps", ["gaps", "--format", "json"]],
    ["/api/gaps?status=open", ["gaps", "--open", "--format", "json"]],
    ["/api/export", ["export", "--format", "json"]],
    ["/api/documents", ["documents", "--format", "json"]],
    ["/api/periods", ["periods", "--format", "json"]],
    ["/api/areas", ["areas", "--format", "json"]],
    ["/api/areas?review=1", ["areas", "--review", "--format", "json"]],
    ["/api/export?document=mcc-2015-09-strategic-overview.md", ["export", "--document", "mcc-2015-09-strategic-overview.md", "--format", "json"]],
    ["/api/export?area=safe-workforce", ["export", "--area", "safe-workforce", "--format", "json"]],
    // The list page's download is the command's CSV (same records, same columns, same guard).
    ["/documents?format=csv", ["documents", "--format", "csv"]],
  ];
  for (const [url, args] of cases) {
    it(url, async () => {
      const res = await app.inject({ method: "GET", url });
      const cli = runCli(["--db", store.path, ...args]);
      expect(cli.code).toBe(0);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(cli.stdout);
    });
  }
});

describe("scorebook serve", () => {
  it("prints its URL on stderr, serves, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [CLI, "--db", store.path, "serve", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(stderr);
        if (m) resolve(m[0]);
      });
      child.on("exit", () => reject(new Error(`serve exited: ${stderr}`)));
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr).toMatch(/SIGTERM, stopping/);
  });
});
