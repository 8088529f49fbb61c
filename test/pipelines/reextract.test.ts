/**
 * Originals kept and `scorebook reextract`: ingest keeps each file's bytes in the store, so
 * extraction can run again after the archive folder has gone, keeping the gap ledger as
 * `ingest --force` does; `--no-keep-files` keeps none, and reextract says so.
 */
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

const PDF = "mcc-2018-03-evaluative-progress-report.pdf";
const TXT = "mcc-2018-03-evaluative-progress-report.txt";

function rows<T>(db: string, sql: string): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all() as T[];
  } finally {
    d.close();
  }
}

describe("originals kept and reextract", () => {
  it("re-runs extraction from the kept bytes after the files moved, keeping people's gap decisions", () => {
    const dir = tempDir();
    const db = join(dir, "store.sqlite");
    for (const f of [PDF, TXT]) copyFileSync(join("fixtures/reports", f), join(dir, f));
    expect(runCli(["--db", db, "ingest", "--jobs", "1", join(dir, PDF), join(dir, TXT)]).code).toBe(0);
    const kept = rows<{ sha256: string; size_bytes: number; n: number }>(db, "select f.sha256, f.size_bytes, length(f.bytes) as n from files f join documents d on d.sha256 = f.sha256");
    expect(kept).toHaveLength(2);
    for (const k of kept) expect(k.n).toBe(k.size_bytes);

    const gap = rows<{ id: number }>(db, "select g.id from gaps g join documents d on d.id = g.document_id where d.source = '" + PDF + "' and g.status = 'open' order by g.id limit 1")[0]!;
    expect(runCli(["--db", db, "gaps", "resolve", String(gap.id), "--note", "figures came by email"]).code).toBe(0);
    const before = runCli(["--db", db, "export", "--format", "json"]).stdout;
    const eventsBefore = rows<{ n: number }>(db, `select count(*) as n from gap_events where gap_id = ${gap.id}`)[0]!.n;
    rmSync(join(dir, PDF));
    rmSync(join(dir, TXT));
    // One document made by an "older" extractor: --outdated picks only it.
    const d = new Database(db);
    d.prepare("update documents set extractor_version = 'old' where source = ?").run(PDF);
    d.close();

    const run = runCli(["--db", db, "reextract", "--outdated"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`${PDF.replace(/\./g, "\\.")}: replaced`));
    expect(run.stderr).not.toContain(`${TXT}:`);
    expect(run.stderr).toMatch(/1 document\(s\): 1 extracted again, 0 skipped, 0 failed/);
    const after = runCli(["--db", db, "export", "--format", "json"]).stdout;
    // The same facts from the same bytes (the replaced document's row ids change, and with them the export's order).
    const strip = (json: string) => {
      const data = JSON.parse(json, (k, v) => (k === "id" || k === "ingested_at" ? undefined : v)) as Record<string, unknown[]>;
      return Object.fromEntries(Object.entries(data).map(([k, list]) => [k, list.map((x) => JSON.stringify(x)).sort()]));
    };
    expect(strip(after)).toEqual(strip(before));
    const decided = rows<{ status: string; note: string }>(db, `select status, note from gaps where id = ${gap.id}`)[0]!;
    expect(decided).toEqual({ status: "resolved", note: "figures came by email" });
    expect(rows<{ n: number }>(db, `select count(*) as n from gap_events where gap_id = ${gap.id}`)[0]!.n).toBe(eventsBefore);
    expect(rows<{ v: string }>(db, `select extractor_version as v from documents where source = '${PDF}'`)[0]!.v).not.toBe("old");
    expect(runCli(["--db", db, "reextract", "--outdated"]).stderr).toMatch(/0 document\(s\)/);
  });

  it("--no-keep-files keeps no bytes; reextract then skips the document and says why", () => {
    const dir = tempDir();
    const db = join(dir, "store.sqlite");
    copyFileSync(join("fixtures/reports", TXT), join(dir, TXT));
    expect(runCli(["--db", db, "ingest", "--no-keep-files", join(dir, TXT)]).code).toBe(0);
    expect(rows<{ n: number }>(db, "select count(*) as n from files")[0]!.n).toBe(0);
    const run = runCli(["--db", db, "reextract"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/skipped: no kept original/);
  });
});
