/**
 * The web app in Debian's Chromium: an auditor's path through it (overview → area → compare
 * → a score's highlighted page → the gaps ledger), an editor resolving a gap, a reader who
 * cannot, and axe-core's WCAG 2.2 AA rules on every page. Needs /usr/bin/chromium (`.ci/run`
 * installs it); without it the suite fails rather than skips, so CI cannot pass silently.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { FastifyInstance } from "fastify";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/server/app.js";
import { chromiumInstalled, launchChromium } from "../helpers/browser.js";
import { buildServerStore, PASSWORD, type ServerStore } from "../helpers/server-store.js";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let store: ServerStore;
let app: FastifyInstance;
let base: string;
let context: BrowserContext;
let close: () => Promise<void>;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!chromiumInstalled()) throw new Error("Chromium is not installed at /usr/bin/chromium (apt-get install chromium; .ci/run does it)");
  store = await buildServerStore();
  app = await buildServer({ db: store.db, users: store.users, rollup: "mean" });
  base = (await app.listen({ host: "127.0.0.1", port: 0 })).replace(/\/$/, "");
  ({ context, close } = await launchChromium());
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
});

afterAll(async () => {
  await close?.();
  await app?.close();
  await store?.db.destroy();
});

/** axe-core's WCAG 2.2 AA rules on the current page; evaluated through the devtools protocol, so the page's CSP stays strict. */
async function axeViolations(): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: "tag", values: tags } });
  }, WCAG22_AA);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

const checked: string[] = [];
async function expectAccessible(): Promise<void> {
  expect(await axeViolations(), page.url()).toEqual([]);
  checked.push(new URL(page.url()).pathname);
}

describe("an auditor's path", () => {
  it("opens the overview and follows an area to its chart and sources", async () => {
    await page.goto(`${base}/`);
    await expect(page.locator("h1").textContent()).resolves.toMatch(/overview/i);
    expect(await page.locator("table.grid tbody tr").count()).toBeGreaterThanOrEqual(5);
    await expectAccessible();
    await page.getByRole("link", { name: "Safe Workforce", exact: true }).first().click();
    await page.waitForURL(/\/areas\/safe-workforce$/);
    await expect(page.locator("h1").textContent()).resolves.toBe("Safe Workforce");
    // The chart has a text alternative, and the same values are in a table.
    // A group, not an image: its points are links (each named by its <title>), so keyboard users can reach every source score.
    expect(await page.locator("svg.trend").getAttribute("role")).toBe("group");
    expect(await page.locator("svg.trend a").count()).toBeGreaterThan(5);
    expect(await page.locator("svg.trend").getAttribute("aria-label")).toMatch(/Trend of Safe Workforce/);
    expect(await page.locator("table tbody tr").count()).toBeGreaterThan(2);
    await expectAccessible();
  });

  it("picks two periods to compare", async () => {
    await page.goto(`${base}/compare`);
    await expectAccessible();
    await page.selectOption("#period-a", "Sept 2015");
    await page.selectOption("#period-b", "Oct 17- March 18");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/a=Sept\+2015/);
    await expect(page.locator("h1").textContent()).resolves.toMatch(/Compare Sept 2015 with Oct 17- March 18/);
    const rows = await page.locator("tbody tr").allTextContents();
    expect(rows.some((r) => /Safe Workforce/.test(r) && /(up|down|same)/.test(r))).toBe(true);
    await expectAccessible();
  });

  it("opens a score and shows its page with the score's box highlighted", async () => {
    const pdf = await store.db.selectFrom("documents").select("id").where("format", "=", "pdf").where("source", "like", "mcc-%").executeTakeFirstOrThrow();
    const score = await store.db.selectFrom("scores").select(["id", "page", "x0", "y0", "x1", "y1"]).where("document_id", "=", pdf.id).where("x0", "is not", null).orderBy("id").executeTakeFirstOrThrow();
    await page.goto(`${base}/facts/score/${score.id}`);
    const img = page.locator("figure.page img");
    await img.waitFor();
    expect(await img.getAttribute("src")).toBe(`/documents/${pdf.id}/pages/${score.page}.png?highlight=score:${score.id}`);
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await img.getAttribute("alt")).toMatch(/highlight/);
    // The highlight's outline colour is drawn around the score's box, and not far from it.
    const png = Buffer.from(await (await page.request.get(`${base}${await img.getAttribute("src")}`)).body());
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(image, 0, 0);
    const outline = (x: number, y: number, w: number, h: number) => {
      const data = ctx.getImageData(Math.max(0, Math.floor(x)), Math.max(0, Math.floor(y)), Math.ceil(w), Math.ceil(h)).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 170 && data[i + 1]! < 60 && data[i + 2]! > 60 && data[i + 2]! < 130) n++;
      return n;
    };
    const s = 1.5;
    const near = outline((score.x0! - 8) * s, (score.y0! - 8) * s, (score.x1! - score.x0! + 16) * s, (score.y1! - score.y0! + 16) * s);
    const elsewhere = outline(0, 0, image.width, Math.max(1, (score.y0! - 20) * s));
    expect(near).toBeGreaterThan(20);
    expect(elsewhere).toBe(0);
    // The script's enhancement: a toggle for the full-size page.
    await page.getByRole("button", { name: /full size/ }).click();
    expect(await page.getByRole("button", { name: /full size/ }).getAttribute("aria-pressed")).toBe("true");
    await expectAccessible();
  });

  it("filters the gaps ledger", async () => {
    await page.goto(`${base}/gaps`);
    await expectAccessible();
    await page.selectOption("#status", "resolved");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/status=resolved/);
    const statuses = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["resolved"]));
    await page.selectOption("#status", "all");
    await page.fill("#area", "workforce");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/area=workforce/);
    const areas = await page.locator("tbody tr td:nth-child(4)").allTextContents();
    expect(areas.length).toBeGreaterThan(0);
    expect(areas.every((a) => /workforce/i.test(a))).toBe(true);
    await expectAccessible();
    // An area that matches none: the form stays, with the reason in an alert tied to the field.
    await page.fill("#area", "no such area");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/area=no\+such\+area/);
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/matches no canonical area/);
    expect(await page.locator("#area").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible();
  });

  it("the remaining pages pass axe too: documents, a document, search, an indicator, sign-in, source areas", async () => {
    for (const url of ["/areas", "/documents", `/documents/${store.xssDocumentId}`, "/search?q=training", `/facts/gap/${store.xssGapId}`, "/signin"]) {
      await page.goto(`${base}${url}`);
      await expectAccessible();
    }
    const indicator = await store.db.selectFrom("indicators").select("id").orderBy("id").executeTakeFirstOrThrow();
    await page.goto(`${base}/facts/indicator/${indicator.id}`);
    await expectAccessible();
  });
});

async function signIn(name: string): Promise<void> {
  await context.clearCookies();
  await page.goto(`${base}/signin`);
  await page.fill("#name", name);
  await page.fill("#password", PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  await expect(page.locator(".account").textContent()).resolves.toContain(name);
}

async function openGap(): Promise<number> {
  const gap = await store.db.selectFrom("gaps").select("id").where("status", "=", "open").orderBy("id").executeTakeFirstOrThrow();
  return gap.id;
}

describe("editing", () => {
  it("an editor signs in and resolves a gap, recorded with their name", async () => {
    await signIn("edna");
    const id = await openGap();
    await page.goto(`${base}/facts/gap/${id}`);
    await expectAccessible();
    await page.fill(`#note-${id}`, "Figures arrived with the May return");
    await page.getByRole("button", { name: "Mark resolved" }).click();
    await page.waitForURL(`${base}/facts/gap/${id}`);
    const history = await page.locator("table").last().textContent();
    expect(history).toContain("web:edna");
    expect(history).toContain("Figures arrived with the May return");
    const row = await store.db.selectFrom("gaps").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("resolved");
    // The ledger shows the editor's forms (sign-out and decisions) with the CSRF token.
    await page.goto(`${base}/gaps?status=all`);
    expect(await page.locator("form.decide").count()).toBeGreaterThan(0);
    await expectAccessible();
  });

  it("an editor links an unaligned source area to a canonical area", async () => {
    await signIn("edna");
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "review them" }).first().click();
    await page.waitForURL(`${base}/areas?review=1`);
    await expectAccessible();
    const form = page.locator("form.link").first();
    const areaId = await form.locator('input[name="area_id"]').getAttribute("value");
    await form.getByLabel("Canonical area").selectOption({ label: "Good Governance" });
    await form.getByLabel("Note").fill("Engagement is part of governance here");
    await form.getByRole("button", { name: "Link" }).click();
    await page.waitForURL(`${base}/areas?review=1&linked=${areaId}`);
    await expect(page.getByRole("status").first().textContent()).resolves.toMatch(/now links to Good Governance \(manual\)/);
    await expectAccessible();
    const link = await store.db.selectFrom("area_links").select("method").where("area_id", "=", Number(areaId)).executeTakeFirstOrThrow();
    expect(link.method).toBe("manual");
  });

  it("a reader cannot: no decision forms, and a forged post is refused", async () => {
    await signIn("rita");
    const id = await openGap();
    await page.goto(`${base}/facts/gap/${id}`);
    expect(await page.locator("form.decide").count()).toBe(0);
    await page.goto(`${base}/areas`);
    expect(await page.locator("form.link").count()).toBe(0);
    await page.goto(`${base}/facts/gap/${id}`);
    const token = await page.locator('form.account input[name="_csrf"]').getAttribute("value");
    expect(token).toBeTruthy();
    const res = await page.request.post(`${base}/gaps/${id}/resolve`, { form: { note: "reader tries", _csrf: token! }, maxRedirects: 0 });
    expect(res.status()).toBe(403);
    const row = await store.db.selectFrom("gaps").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("open");
  });

  it("keyboard: the first Tab reaches the skip link, which moves focus to the content", async () => {
    await page.goto(`${base}/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("no page logged a script error or a CSP violation", () => {
    expect(checked.length).toBeGreaterThanOrEqual(12);
    // The ledger's answer to an unknown area is a 400 on purpose; Chromium logs every 4xx document.
    const expected = (e: string) => /favicon/.test(e) || /area=no\+such\+area: Failed to load resource: .*status of 400/.test(e);
    expect(consoleErrors.filter((e) => !expected(e))).toEqual([]);
  });
});
