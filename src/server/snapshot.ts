/**
 * What the overview, area, compare and gaps pages read, worked out once per state of the
 * store. The whole history and the whole gap ledger are the costliest reads (about 200 and
 * 300 ms at 10,000 documents), and pages ask for them on every visit; they only change when a
 * document, a gap decision or an area link changes, so they are kept until the store's
 * fingerprint (cheap counts and latest ids, plain SQL that any dialect runs) says otherwise.
 * Pages then filter them with the CLI's own functions (compare's and listGaps' held-data
 * paths), so a page says what the command says. Changes made by another process (an ingest
 * while the server runs) show on the next request, which pays for the rebuild.
 */
import { sql } from "kysely";
import type { RollupRule } from "../align/canonical.js";
import { loadGapLedger, type GapLedger } from "../query/gaps.js";
import { historySeries, type HistorySeriesWithNotes } from "../query/history.js";
import { documentFrameworks } from "../query/overview.js";
import type { Store } from "../store/open.js";

export interface Snapshot {
  /** The whole history at the server's roll-up rule, as `scorebook history` reads it. */
  series: HistorySeriesWithNotes[];
  /** Every gap with what the ledger's filters test (listGaps' held ledger). */
  ledger: GapLedger;
  frameworks: Map<string, string | null>;
  scaleMax: number;
}

export async function storeFingerprint(db: Store): Promise<string> {
  const r = await sql<Record<string, unknown>>`select
    (select count(*) from documents) as docs,
    (select max(id) from documents) as last_doc,
    (select max(id) from gap_events) as last_event,
    (select count(*) from area_link_decisions) as decisions,
    (select max(id) from area_link_decisions) as last_decision,
    (select max(decided_at) from area_links) as last_link`.execute(db);
  return JSON.stringify(r.rows[0] ?? {});
}

export class SnapshotCache {
  #key: string | null = null;
  #value: Promise<Snapshot> | null = null;

  constructor(
    private readonly db: Store,
    private readonly rollup: RollupRule,
  ) {}

  async get(): Promise<Snapshot> {
    const key = await storeFingerprint(this.db);
    if (key !== this.#key || !this.#value) {
      this.#key = key;
      this.#value = this.#compute().catch((error: unknown) => {
        this.#key = null;
        throw error;
      });
    }
    return this.#value;
  }

  async #compute(): Promise<Snapshot> {
    const series = await historySeries(this.db, { rollup: this.rollup });
    const ledger = await loadGapLedger(this.db);
    const frameworks = await documentFrameworks(this.db);
    const top = await this.db.selectFrom("scale_levels").select((eb) => eb.fn.max("level").as("max")).executeTakeFirst();
    return { series, ledger, frameworks, scaleMax: Math.max(6, Number(top?.max ?? 0) || 0) };
  }
}
