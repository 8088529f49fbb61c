/**
 * `scorebook gaps` and the standalone flag-gaps job as a scheduler runs them: stdout carries
 * only data, exit codes 0 / 1 (open gaps under --fail-on-open) / 2 (error). The store is
 * seeded with synthetic reports; the built CLI (dist/, built by `pretest`) is run on it.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.js";
import { runCli, tempDir, type CliResult } from "../helpers/cli.js";
import { freshStoreLocation } from "../helpers/store.js";
import { firstReport, MEMBERS_GAP, PERIODS, storeReport, type ReportSpec } from "../helpers/gaps-builder.js";

const FILLED = "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17: 31 Members attended";
const GOVERNANCE_GAP = { area: "Good Governance", marker: "?????", text: "Annual assurance statement presented to Cabinet ?????", kind: "unresolved-query" as const, page: 2 };

async function seed(db: string, specs: ReportSpec[]): Promise<void> {
  const store = await openStore(db, { create: true });
  try {
    for (const spec of specs) await storeReport(store, spec);
  } finally {
    await store.destroy();
  }
}

function runJob(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [resolve("dist/pipelines/flag-gaps.js"), ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("scorebook gaps", () => {
  let db: string;
  beforeEach(async () => {
    db = await freshStoreLocation(tempDir("scorebook-gaps-"));
  });

  it("--check --open --fail-on-open --format json: open gaps as JSON on stdout, exit 1, summary on stderr", async () => {
    await seed(db, [firstReport({ gaps: [MEMBERS_GAP, GOVERNANCE_GAP] })]);
    const r = runCli(["--db", db, "gaps", "--check", "--open", "--fail-on-open", "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/flag-gaps: 2 gaps checked: 0 resolved now, 2 still open/);
    const gaps = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(gaps).toHaveLength(2);
    for (const key of ["id", "document", "page", "line", "area", "canonical_area", "period", "marker", "text", "kind", "status", "resolved_by", "resolved_page", "resolved_text", "confidence", "note", "aging"]) {
      expect(gaps[0]).toHaveProperty(key);
    }
    expect(gaps[0]).toMatchObject({ document: "riverford-2018-03.txt", page: 3, status: "open", aging: 1, period: { label: "Oct 17 - March 18", start: "2017-10", end: "2018-03" } });
  });

  it("exits 0 under --fail-on-open once a later report fills every open gap", async () => {
    await seed(db, [
      firstReport(),
      { name: "riverford-2018-09.txt", period: PERIODS.h1_2018, indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }] },
    ]);
    const r = runCli(["--db", db, "gaps", "--check", "--fail-on-open", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ status: "resolved", resolved_by: "riverford-2018-09.txt", resolved_page: 4, resolved_text: FILLED, decided_by: "flag-gaps" }),
    ]);
    // Without --fail-on-open, the listing alone exits 0 whatever the gaps' status.
    expect(runCli(["--db", db, "gaps", "--open"]).code).toBe(0);
  });

  it("--format csv and table carry the aging column; --since filters by period", async () => {
    await seed(db, [firstReport({ gaps: [MEMBERS_GAP, GOVERNANCE_GAP] })]);
    const csv = runCli(["--db", db, "gaps", "--format", "csv"]);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split("\n");
    expect(header).toContain("aging");
    expect(rows).toHaveLength(2);
    expect(runCli(["--db", db, "gaps"]).stdout.split("\n")[0]).toMatch(/^id\s+status\s+aging/);
    expect(JSON.parse(runCli(["--db", db, "gaps", "--since", "2018-04", "--format", "json"]).stdout)).toEqual([]);
    expect(JSON.parse(runCli(["--db", db, "gaps", "--source-area", "governance", "--format", "json"]).stdout)).toHaveLength(1);
  });

  it("gaps resolve / reopen record manual decisions that the job keeps; gaps history shows them", async () => {
    await seed(db, [firstReport()]);
    const resolved = runCli(["--db", db, "gaps", "resolve", "1", "--note", "attendance list from Democratic Services"]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toBe("");
    const afterJob = runCli(["--db", db, "gaps", "--check", "--fail-on-open", "--format", "json"]);
    expect(afterJob.code).toBe(0);
    expect(JSON.parse(afterJob.stdout)[0]).toMatchObject({ status: "resolved", decided_by: "manual", note: "attendance list from Democratic Services" });

    expect(runCli(["--db", db, "gaps", "reopen", "1", "--note", "list was for invitations"]).code).toBe(0);
    const history = JSON.parse(runCli(["--db", db, "gaps", "history", "1", "--format", "json"]).stdout) as { status: string; decided_by: string }[];
    expect(history.map((e) => [e.status, e.decided_by])).toEqual([["open", "ingest"], ["resolved", "manual"], ["open", "manual"]]);
  });

  it("exits 2 on errors: unknown gap, missing --note, bad --since, unreadable store", async () => {
    await seed(db, [firstReport()]);
    const unknown = runCli(["--db", db, "gaps", "resolve", "99", "--note", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no gap with id 99/);
    expect(runCli(["--db", db, "gaps", "reopen", "1"]).code).toBe(2);
    expect(runCli(["--db", db, "gaps", "--since", "2018"]).code).toBe(2);
    expect(runCli(["--db", tempDir(), "gaps", "--fail-on-open"]).code).toBe(2);
  });

  it("the job runs on its own for schedulers: open gaps as JSON, exit 1 with --fail-on-open", async () => {
    await seed(db, [firstReport()]);
    const r = runJob(["--db", db, "--fail-on-open"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/flag-gaps: 1 gaps checked/);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ status: "open", marker: MEMBERS_GAP.marker })]);
    expect(runJob(["--db", db]).code).toBe(0);
    expect(runJob(["--db", db, "--threshold", "7"]).code).toBe(2);
  });
});
