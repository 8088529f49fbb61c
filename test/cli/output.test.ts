/**
 * What a person sees: default tables fit the width ($COLUMNS here, not a TTY), history's
 * matrix with its framework-change mark, gaps showing what is awaited, page and line in their
 * own columns, CSV cells a spreadsheet would run made safe, and quiet, one-line edges (a
 * closed pipe, a bad id, an output file in a missing folder).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, runCli, tempDir } from "../helpers/cli.js";
import { showAction, showGap, showIndicator, showScore } from "../../src/query/show.js";
import { openStore } from "../../src/store/open.js";

const REPORTS = "fixtures/reports";
const MD_2015 = "mcc-2015-09-strategic-overview.md";
const TXT_2018 = "mcc-2018-03-evaluative-progress-report.txt";
const PDF_2018 = "mcc-2018-03-evaluative-progress-report.pdf";

/** Run with a fixed $COLUMNS (the CLI's stdout is a pipe, so that is the width it fits). */
function run(args: string[], columns?: number) {
  const env = { ...process.env };
  delete env.COLUMNS;
  if (columns !== undefined) env.COLUMNS = String(columns);
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const widest = (text: string) => Math.max(0, ...text.split("\n").map((l) => [...l].length));

describe("output a person can read", () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = tempDir();
    db = join(dir, "store.sqlite");
    const ingest = runCli(["--db", db, "ingest", join(REPORTS, MD_2015), join(REPORTS, TXT_2018), join(REPORTS, PDF_2018)]);
    expect(ingest.code).toBe(0);
  });

  // Commands other engineers add (documents, periods) go through the same formatter: covered when present.
  const help = run(["--help"]).stdout;
  const commands = [["history"], ["history", "--detail"], ["compare", "2015-09", "2018-03"], ["gaps"], ["areas"], ["indicators"], ["actions"], ["export", "--format", "table"]];
  for (const extra of ["documents", "periods"]) if (new RegExp(`^\\s+${extra}\\b`, "m").test(help)) commands.push([extra]);

  it("tables FILE fits too: each table under its first row as the header", () => {
    const r = run(["tables", join(REPORTS, MD_2015)], 120);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/table 1 \(page/);
    expect(widest(r.stdout)).toBeLessThanOrEqual(120);
    expect(widest(run(["tables", join(REPORTS, MD_2015), "--wide"], 120).stdout)).toBeGreaterThan(120);
  });

  it.each(commands.map((c) => [c.join(" "), c] as const))("with COLUMNS=120, the default table of %s has no line over 120 characters (--wide: everything)", (name, args) => {
    const fitted = run(["--db", db, ...args], 120);
    expect(fitted.code, name).toBe(0);
    expect(fitted.stdout.split("\n").length, name).toBeGreaterThan(3);
    expect(widest(fitted.stdout), name).toBeLessThanOrEqual(120);
    // --wide shows everything, nothing shortened.
    const wide = run(["--db", db, ...args, "--wide"], 120);
    expect(widest(wide.stdout), name).toBeGreaterThan(120);
  });

  it("history's default table is a matrix of canonical areas × periods with a mark where the reports change framework", () => {
    const r = run(["--db", db, "history"], 200);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const header = lines[0]!;
    // Periods in time order across the header, and the mark between 2015's and 2017's columns.
    const order = ["April 2014", "Sept 2014", "April 2015", "Sept 2015", "┃", "April 17 - Sept 17", "Oct 17- March 18"].map((p) => header.indexOf(p));
    expect(order.every((x) => x >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // One row per canonical area, with the roll-up: Good Governance, Sept 2015 = mean of 3 sources.
    const governance = lines.filter((l) => l.startsWith("Good Governance"));
    expect(governance).toHaveLength(1);
    expect(governance[0]).toMatch(/4\.33 \(3\)/);
    expect(r.stdout).toMatch(/┃ the reports change framework here: key priority areas \(9 areas, April 2014 … Sept 2015\) → cornerstones \(5 areas, April 17 - Sept 17 …/);
    // --detail gives the per-source rows; json keeps the DESIGN.md contract.
    const detail = run(["--db", db, "history", "--detail", "--wide"]);
    expect(detail.stdout.split("\n")[0]).toMatch(/^authority\s+canonical_area\s+period\s+start\s+end\s+value/);
    expect(detail.stdout).toMatch(/roll-up \(mean of 3\)/);
    const json = JSON.parse(run(["--db", db, "history", "--format", "json"]).stdout) as { canonical_area: string | null; series: Record<string, unknown>[] }[];
    for (const s of json) for (const p of s.series) for (const k of ["period", "value", "value_max", "document", "area"]) expect(p).toHaveProperty(k);
  });

  it("show names the column header over a score's cell: for every summary-table score, its period", async () => {
    const store = await openStore(db);
    try {
      const scores = await store.selectFrom("scores").select("id").where("origin", "=", "summary-table").execute();
      expect(scores.length).toBeGreaterThan(40);
      const squash = (t: string) => t.replace(/\s+/g, " ").replace(/ -/g, "-").trim();
      for (const { id } of scores) {
        const d = await showScore(store, id);
        expect([id, squash(d.context.column ?? "(none)")]).toEqual([id, squash(d.period.label)]);
      }
    } finally {
      await store.destroy();
    }
    const table = run(["--db", db, "show", "score", "1"]);
    expect(table.stdout).toMatch(/the score is in the column headed "April 2014"/);
  });

  it("show works for an indicator, an action and a gap: the fact, its place and the text around it", async () => {
    const store = await openStore(db);
    try {
      const first = (table: "indicators" | "actions" | "gaps") => store.selectFrom(table).select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
      const indicator = await showIndicator(store, (await first("indicators")).id);
      const action = await showAction(store, (await first("actions")).id);
      const gap = await showGap(store, (await first("gaps")).id);
      for (const d of [indicator, action, gap]) {
        expect(d.document).toMatch(/\.(md|txt|pdf)$/);
        expect(d.page ?? d.line).not.toBeNull();
        expect(d.context.source).toBe("passages");
        // The fact's own words are in the text around it.
        expect(d.context.text!.replace(/\s+/g, " ")).toContain(d.text.replace(/\s+/g, " ").slice(0, 20));
      }
    } finally {
      await store.destroy();
    }
    for (const kind of ["indicator", "action", "gap"]) {
      const r = run(["--db", db, "show", kind, "1"]);
      expect(r.code, kind).toBe(0);
      expect(r.stdout, kind).toMatch(new RegExp(`^${kind}_id +1$`, "m"));
      expect(r.stdout, kind).toMatch(/text around it/);
      const missing = run(["--db", db, "show", kind, "999999"]);
      expect([missing.code, missing.stderr.trim()]).toEqual([2, expect.stringMatching(new RegExp(`^scorebook: no ${kind} with id 999999`))]);
      const bad = run(["--db", db, "show", kind, "x1"]);
      expect([bad.code, bad.stderr.trim()]).toEqual([2, `scorebook: "x1" is not a ${kind} id (ids are positive whole numbers)`]);
    }
  });

  it("gaps shows what is awaited", () => {
    const r = run(["--db", db, "gaps"], 120);
    const header = r.stdout.split("\n")[0]!;
    expect(header).toMatch(/\bawaited\b/);
    expect(r.stdout).toMatch(/Combined adult at risk/);
    const json = JSON.parse(run(["--db", db, "gaps", "--format", "json"]).stdout) as { text: string }[];
    expect(json.some((g) => g.text.startsWith("Combined adult at risk"))).toBe(true);
  });

  it("exports put a text file's line under line and a PDF's page under page", () => {
    for (const args of [["export", "--format", "csv"], ["indicators", "--format", "csv"], ["actions", "--format", "csv"], ["gaps", "--format", "csv"], ["history", "--format", "csv"]]) {
      const [head, ...rows] = run(["--db", db, ...args]).stdout.trim().split("\n");
      const cols = head!.split(",");
      const page = cols.indexOf("page");
      const line = cols.indexOf("line");
      const document = cols.indexOf("document");
      expect(page, args.join(" ")).toBeGreaterThanOrEqual(0);
      expect(line, args.join(" ")).toBe(page + 1);
      // Rows whose cells hold no commas or quotes can be split simply; enough of them to check.
      const simple = rows.filter((r) => !r.includes('"')).map((r) => r.split(","));
      const text = simple.filter((c) => c[document]?.endsWith(".txt"));
      const pdf = simple.filter((c) => c[document]?.endsWith(".pdf"));
      expect(text.length + pdf.length, args.join(" ")).toBeGreaterThan(0);
      for (const c of text) expect([c[page], /^\d+$/.test(c[line]!)], args.join(" ")).toEqual(["", true]);
      for (const c of pdf) expect([/^\d+$/.test(c[page]!), c[line]], args.join(" ")).toEqual([true, ""]);
    }
  });
});

describe("safe, quiet edges", () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = tempDir();
    db = join(dir, "store.sqlite");
    // A report whose action text starts as a spreadsheet formula would.
    const text = readFileSync(join(REPORTS, TXT_2018), "utf8");
    expect(text).toContain("Clear pathways of implementation in");
    writeFileSync(join(dir, "formula.txt"), text.replace("Clear pathways of implementation in", '=HYPERLINK("http://evil.example","Clear pathways") of implementation in'));
    copyFileSync(join(REPORTS, MD_2015), join(dir, MD_2015));
    expect(runCli(["--db", db, "ingest", join(dir, "formula.txt"), join(dir, MD_2015)]).code).toBe(0);
  });

  it("CSV cells starting with a formula character get a leading apostrophe; --csv-raw writes them as stored", () => {
    const json = JSON.parse(run(["--db", db, "actions", "--format", "json"]).stdout) as { text: string }[];
    expect(json.some((a) => a.text.startsWith("=HYPERLINK("))).toBe(true);
    const csv = run(["--db", db, "actions", "--format", "csv"]).stdout;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example""`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(run(["--db", db, "actions", "--format", "csv", "--csv-raw"]).stdout).toMatch(/,"=HYPERLINK\(/);
  });

  it("a closed pipe (export | a reader that stops at once) ends the command quietly with exit 0", () => {
    const out = run(["--db", db, "export", "--format", "json"]).stdout;
    // More than a pipe's buffer (64 KiB), so the writer really meets the closed pipe.
    expect(out.length).toBeGreaterThan(64 * 1024);
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${CLI}" --db "${db}" export --format json | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe("exit=0");
    expect(r.stderr).toBe("");
  });

  it("an invalid or unknown id gets a one-line message and exit 2", () => {
    for (const args of [["show", "score", "abc"], ["show", "score", "0"], ["show", "score", "999999"]]) {
      const r = run(["--db", db, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr, args.join(" ")).toMatch(/^scorebook: .*(abc|0|999999)/);
    }
  });

  it("report --out into a missing folder is one line naming the path and the reason", () => {
    const out = join(dir, "missing", "dir", "x.html");
    const r = run(["--db", db, "report", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(out);
    expect(r.stderr).toMatch(/does not exist/);
    expect(r.stderr).not.toMatch(/ENOENT|at .*\.js/);
  });
});
