/**
 * Issue 8, durability: an ingest SIGKILLed at random moments (mid-parse, and right after a
 * document was committed, i.e. while the next one is being written) leaves a store that
 * passes integrity checks and holds only whole documents; re-running the same command
 * finishes the batch without duplicates, and the store then equals a clean run's, row for row.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpStore, ensureBuilt, finished, integrityCheck, query, removeDir, rng, runCli, spawnCli, tempDir } from "../helpers/robust-cli.js";
import { writeArchive } from "../helpers/robust-archive.js";

/** Columns that hold the wall-clock time of a run. */
const VOLATILE = ["ingested_at", "at", "timestamp", "decided_at"];
const FACT_TABLES = ["scores", "indicators", "actions", "gaps", "messages", "areas", "scale_levels", "document_periods"];
const KILL_RUNS = 6;
const SEED = Number(process.env.KILL_SEED ?? 20240801);

/** Per document (by sha256): how many rows of each fact table it owns. */
function factCounts(store: string): Map<string, string> {
  const out = new Map<string, string>();
  const docs = query<{ id: number; sha256: string }>(store, "select id, sha256 from documents");
  for (const d of docs) {
    const counts = FACT_TABLES.map((t) => query<{ n: number }>(store, `select count(*) as n from ${t} where document_id = ?`, d.id)[0]!.n);
    out.set(d.sha256, counts.join(","));
  }
  return out;
}

describe("SIGKILL mid-batch, then re-run", () => {
  let dir: string;
  let archive: string;
  let cleanStore: string;
  let cleanMs = 0;
  let cleanCounts: Map<string, string>;
  const args = (store: string) => ["--db", store, "ingest", "--jobs", "2", archive];

  beforeAll(async () => {
    ensureBuilt();
    dir = tempDir("kill");
    archive = join(dir, "archive");
    writeArchive(archive, { pdfs: 4, docx: 4, texts: 4, bad: true });
    cleanStore = join(dir, "clean.sqlite");
    const run = await runCli(args(cleanStore));
    expect(run.code, run.stderr).toBe(1); // the two bad files
    cleanMs = run.ms;
    cleanCounts = factCounts(cleanStore);
    expect(cleanCounts.size).toBe(12);
  }, 180_000);

  afterAll(() => removeDir(dir));

  it(`${KILL_RUNS} random kills (seed ${SEED}) leave only whole documents; the re-run equals a clean run`, async () => {
    const random = rng(SEED);
    const store = join(dir, "killed.sqlite");
    let kills = 0;
    for (let run = 0; run < KILL_RUNS; run++) {
      const storedBefore = run === 0 ? 0 : query<{ n: number }>(store, "select count(*) as n from documents")[0]!.n;
      const remaining = (cleanCounts.size - storedBefore) / cleanCounts.size;
      const child = spawnCli(args(store));
      const result = finished(child, 180_000);
      if (run % 2 === 0) {
        // at a random moment of what is left of the batch (start-up and migration included)
        const delay = 100 + random() * cleanMs * remaining * 0.9;
        setTimeout(() => child.kill("SIGKILL"), delay);
      } else {
        // just after a commit is reported: the writer is on to the next document
        const jitter = random() * 40;
        child.stderr!.on("data", (b: Buffer) => {
          if (/: stored as document/.test(b.toString())) setTimeout(() => child.kill("SIGKILL"), jitter);
        });
      }
      const r = await result;
      if (r.signal === "SIGKILL") kills++;
      expect(integrityCheck(store)).toBe("ok/0");
      // every document present is whole: exactly the rows a clean run gives it
      for (const [sha, counts] of factCounts(store)) expect(counts, sha).toBe(cleanCounts.get(sha));
      if (r.signal === null) break; // it finished the batch before the kill
    }
    expect(kills).toBeGreaterThanOrEqual(Math.min(4, KILL_RUNS));

    const last = await runCli(args(store));
    expect(last.code).toBe(1);
    expect(last.lines.at(-1)).toMatch(/^14 files: \d+ stored, \d+ unchanged, 2 failed$/);
    expect(query<{ n: number }>(store, "select count(*) as n from documents")[0]!.n).toBe(12);
    expect(dumpStore(store, { ignoreColumns: VOLATILE })).toBe(dumpStore(cleanStore, { ignoreColumns: VOLATILE }));

    const again = await runCli(args(store));
    expect(again.lines.at(-1)).toBe("14 files: 0 stored, 12 unchanged, 2 failed");
  }, 600_000);
});
