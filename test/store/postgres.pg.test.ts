/**
 * What only a PostgreSQL store can show (run by vitest's "postgres" project, when
 * SCOREBOOK_TEST_PG names a server): several machines' ingests racing on one store, the
 * read-only auditor role, connection errors, and moving a store between SQLite and
 * PostgreSQL. The other suites run on PostgreSQL too, through test/helpers/store.ts.
 */
import { join } from "node:path";
import type { ExpressionBuilder, Kysely } from "kysely";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { dialectOf } from "../../src/store/dialect.js";
import { KNOWN_MIGRATIONS } from "../../src/store/migrate.js";
import { openStore, type Store } from "../../src/store/open.js";
import { runCli, runCliAsync, tempDir } from "../helpers/cli.js";
import { firstReport, PERIODS, storeReport } from "../helpers/gaps-builder.js";
import { freshPgDatabase, openTestStore, pgAdmin, TEST_PG } from "../helpers/store.js";

const REPORTS = "fixtures/reports";
// Text and DOCX renderings of both reports, and one PDF: every reader, at a CI-friendly cost.
const FILES = [
  "mcc-2015-09-strategic-overview.md",
  "mcc-2018-03-evaluative-progress-report.txt",
  "mcc-2015-09-strategic-overview.docx",
  "mcc-2018-03-evaluative-progress-report.docx",
  "mcc-2015-09-strategic-overview.pdf",
].map((f) => join(REPORTS, f));
const SLOW = 300_000;
const FILLED = "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17: 31 Members attended";

async function withStoreAt<T>(url: string, run: (db: Store) => Promise<T>): Promise<T> {
  const db = await openStore(url);
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

/** Per document (by source): how many of each fact it has; a document stored whole has all of them. */
async function factCounts(db: Store): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const table of ["scores", "indicators", "actions", "gaps", "messages", "passages", "areas", "document_periods"] as const) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows = (await (db as Kysely<any>)
      .selectFrom(`${table} as t`)
      .innerJoin("documents as d", "d.id", "t.document_id")
      .select((eb: ExpressionBuilder<any, any>) => ["d.source", eb.fn.countAll<number>().as("n")])
      .groupBy("d.source")
      .execute()) as { source: string; n: number }[];
    for (const r of rows) (out[r.source] ??= {})[table] = Number(r.n);
  }
  return out;
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe.skipIf(!TEST_PG)("PostgreSQL store", () => {
  it("the suites' stores are PostgreSQL in this project", async () => {
    const db = await openTestStore();
    try {
      expect(dialectOf(db).name).toBe("postgres");
    } finally {
      await db.destroy();
    }
  });

  it("db migrate from several machines at once on a new database: every one succeeds, the schema is built once", async () => {
    const name = `scorebook_test_empty_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await pgAdmin(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
    const url = new URL(TEST_PG!);
    url.pathname = `/${name}`;
    const runs = await Promise.all([0, 1, 2].map(() => runCliAsync(["--db", url.toString(), "db", "migrate"])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const status = JSON.parse(runCli(["--db", url.toString(), "db", "status", "--format", "json"]).stdout) as { migration_level: number; migrations_known: number };
    expect(status.migration_level).toBe(status.migrations_known);
    const recorded = await withStoreAt(url.toString(), (db) => db.selectFrom("kysely_migration" as never).selectAll().execute());
    expect(recorded).toHaveLength(status.migrations_known);
  });

  it("4 concurrent ingests over overlapping files store each document once and whole; concurrent gaps --check neither fails nor double-resolves", async () => {
    const url = await freshPgDatabase();
    const reference = await freshPgDatabase();
    // A gap a later report fills, so that every gaps --check has something to resolve.
    await withStoreAt(url, async (db) => {
      await storeReport(db, firstReport());
      await storeReport(db, { name: "riverford-2018-09.txt", period: PERIODS.h1_2018, indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }] });
    });
    // Overlapping sets in different orders: each file is in two or three of them.
    const sets = [[0, 1, 2], [2, 3, 4], [4, 0, 1], [3, 1, 0]].map((set) => set.map((i) => FILES[i]!));
    const runs = await Promise.all([
      ...sets.map((files) => runCliAsync(["--db", url, "ingest", "--jobs", "1", ...files])),
      ...[0, 1, 2].map(() => runCliAsync(["--db", url, "gaps", "--check", "--format", "json"])),
    ]);
    const ingests = runs.slice(0, 4);
    const checks = runs.slice(4);
    for (const r of ingests) expect(r.code, r.stderr).toBe(0);
    for (const r of checks) expect(r.code, r.stderr).toBe(0);
    // Across the four processes each file was stored by exactly one; the others say unchanged.
    const lines = ingests.flatMap((r) => r.stderr.split("\n"));
    for (const file of FILES) {
      const name = file.split("/").pop()!;
      expect(lines.filter((l) => l.startsWith(`${name}: stored`)), name).toHaveLength(1);
      const copies = sets.filter((set) => set.includes(file)).length;
      expect(lines.filter((l) => l.startsWith(`${name}: unchanged`)), name).toHaveLength(copies - 1);
    }
    expect(runCli(["--db", reference, "ingest", "--jobs", "1", ...FILES]).code).toBe(0);
    const [raced, sequential] = await Promise.all([withStoreAt(url, factCounts), withStoreAt(reference, factCounts)]);
    for (const file of FILES) {
      const name = file.split("/").pop()!;
      expect(raced[name], name).toEqual(sequential[name]);
    }
    await withStoreAt(url, async (db) => {
      const docs = await db.selectFrom("documents").select(["sha256"]).execute();
      expect(docs).toHaveLength(FILES.length + 2);
      expect(new Set(docs.map((d) => d.sha256)).size).toBe(docs.length);
      const resolved = await db.selectFrom("gap_events").select(["gap_id"]).where("status", "=", "resolved").execute();
      expect(resolved).toHaveLength(1); // the one fillable gap, resolved once however many checks ran
      const gap = await db.selectFrom("gaps").select(["status"]).where("id", "=", resolved[0]!.gap_id).executeTakeFirstOrThrow();
      expect(gap.status).toBe("resolved");
    });
  }, SLOW);

  describe("roles", () => {
    let url: string;
    let reader: string;
    let writer: string;
    beforeAll(async () => {
      url = await freshPgDatabase();
      expect(runCli(["--db", url, "ingest", FILES[0]!, FILES[1]!]).code).toBe(0);
      const roles = runCli(["--db", url, "db", "roles"]);
      expect(roles.code, roles.stderr).toBe(0);
      const suffix = Math.random().toString(36).slice(2, 8);
      reader = `auditor_${suffix}`;
      writer = `analyst_${suffix}`;
      await pgAdmin(`create role ${reader} login password 'reader-secret' in role scorebook_reader`);
      await pgAdmin(`create role ${writer} login password 'writer-secret' in role scorebook_writer`);
    });
    const as = (role: string, password: string) => {
      const u = new URL(url);
      u.username = role;
      u.password = password;
      return u.toString();
    };

    it("the read-only role runs history, compare, gaps, export (same answers as the owner) and is refused by ingest, gaps --check, areas link in one line, exit 2", () => {
      const ro = as(reader, "reader-secret");
      for (const args of [["history", "--format", "json"], ["compare", "2015-09", "2018-03", "--format", "json"], ["gaps", "--format", "json"], ["export", "--format", "json"]]) {
        const mine = runCli(["--db", ro, ...args]);
        expect(mine.code, mine.stderr).toBe(0);
        expect(mine.stdout).toBe(runCli(["--db", url, ...args]).stdout);
      }
      for (const args of [["ingest", FILES[2]!], ["gaps", "--check"], ["areas", "link", "Safe Workforce", "none"]]) {
        const r = runCli(["--db", ro, ...args]);
        expect(r.code).toBe(2);
        const line = oneLine(r.stderr);
        expect(line).toMatch(/read-only connection/);
        expect(line).not.toContain("reader-secret");
        expect(line).toContain("***");
      }
      const status = JSON.parse(runCli(["--db", ro, "db", "status", "--format", "json"]).stdout) as { writable: boolean; dialect: string };
      expect(status).toMatchObject({ writable: false, dialect: "postgres" });
    });

    it("the writer role ingests and runs gaps --check, but cannot change the schema", async () => {
      const rw = as(writer, "writer-secret");
      const r = runCli(["--db", rw, "ingest", FILES[2]!]);
      expect(r.code, r.stderr).toBe(0);
      expect(runCli(["--db", rw, "gaps", "--check"]).code).toBe(0);
      const client = new pg.Client({ connectionString: rw });
      await client.connect();
      try {
        await expect(client.query("create table intruder (x integer)")).rejects.toThrow(/permission denied/);
      } finally {
        await client.end();
      }
    });
  });

  describe("connection errors are one line naming the store, password redacted, exit 2", () => {
    const base = new URL(TEST_PG ?? "postgres://x@localhost/x");
    const variant = (change: (u: URL) => void) => {
      const u = new URL(base.toString());
      change(u);
      return u.toString();
    };
    const cases: [string, () => string, RegExp][] = [
      ["wrong password", () => variant((u) => (u.password = "not-the-password")), /authentication failed/],
      ["unknown host", () => variant((u) => (u.hostname = "no-such-host.invalid")), /unknown host no-such-host\.invalid/],
      ["server down", () => variant((u) => (u.port = "9")), /connection refused/],
      ["database missing", () => variant((u) => (u.pathname = "/no_such_database")), /database missing/],
    ];
    for (const [what, url, reason] of cases) {
      it(what, () => {
        const r = runCli(["--db", url(), "history"]);
        expect(r.code).toBe(2);
        const line = oneLine(r.stderr);
        expect(line).toMatch(reason);
        expect(line).toContain(`@${new URL(url()).host}`);
        if (base.password) expect(line).not.toContain(base.password);
        expect(line).not.toContain("not-the-password");
      });
    }

    it("migration level newer than this build", async () => {
      const url = await freshPgDatabase();
      await withStoreAt(url, (db) => db.insertInto("kysely_migration" as never).values({ name: "999_from_the_future", timestamp: new Date().toISOString() } as never).execute());
      const r = runCli(["--db", url, "history"]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(new RegExp(`migration level ${KNOWN_MIGRATIONS.length + 1} .*newer than this build`));
    });
  });

  it("db copy SQLite → PostgreSQL → SQLite keeps export --format json byte-identical, and the copy takes new documents", async () => {
    const dir = tempDir("scorebook-copy-");
    const original = join(dir, "original.sqlite");
    const back = join(dir, "back.sqlite");
    expect(runCli(["--db", original, "ingest", FILES[0]!, FILES[1]!, FILES[3]!]).code).toBe(0);
    expect(runCli(["--db", original, "gaps", "--check"]).code).toBe(0);
    const pgCopy = await freshPgDatabase();
    const there = runCli(["db", "copy", "--from", original, "--to", pgCopy]);
    expect(there.code, there.stderr).toBe(0);
    expect(there.stderr).toMatch(/^passages: (\d+) → \1$/m);
    const sums = there.stdout.trim().split("\n").map((l) => l.split("export sha256 ")[1]);
    expect(sums).toHaveLength(2);
    expect(sums[0]).toBe(sums[1]);
    expect(runCli(["db", "copy", "--from", pgCopy, "--to", back]).code).toBe(0);
    const exports = [original, pgCopy, back].map((db) => runCli(["--db", db, "export", "--format", "json"]).stdout);
    expect(exports[0]!.length).toBeGreaterThan(1000);
    expect(exports[1]).toBe(exports[0]);
    expect(exports[2]).toBe(exports[0]);
    // Ids were copied: the copy's own ids continue after them.
    expect(runCli(["--db", pgCopy, "ingest", FILES[2]!]).code).toBe(0);
    // A store that has rows is not a copy's destination.
    const again = runCli(["db", "copy", "--from", original, "--to", pgCopy]);
    expect(again.code).toBe(2);
    expect(oneLine(again.stderr)).toMatch(/not empty/);
  }, SLOW);

  it("export, history, compare and gaps --format json are identical on SQLite and PostgreSQL ingested from the same files", async () => {
    const sqlite = join(tempDir("scorebook-same-"), "store.sqlite");
    const pgStore = await freshPgDatabase();
    for (const db of [sqlite, pgStore]) {
      expect(runCli(["--db", db, "ingest", "--jobs", "1", ...FILES]).code).toBe(0);
      expect(runCli(["--db", db, "gaps", "--check"]).code).toBe(0);
    }
    // Times are when each store was written; everything else must match.
    const untimed = (json: string) => json.replace(/"(decided_at|at|ingested_at)": "[^"]*"/g, '"$1": "…"');
    for (const args of [["export"], ["history"], ["compare", "2015-09", "2018-03"], ["gaps"], ["areas"]]) {
      const [a, b] = [sqlite, pgStore].map((db) => runCli(["--db", db, ...args, "--format", "json"]));
      expect(a!.code, a!.stderr).toBe(0);
      expect(b!.code, b!.stderr).toBe(0);
      expect(untimed(b!.stdout), args.join(" ")).toBe(untimed(a!.stdout));
    }
  }, SLOW);
});
