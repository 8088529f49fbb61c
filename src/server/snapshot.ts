/**
 * What the overview and the area pages read, computed once per state of the store. `history`
 * over every area is the costliest question (about 150 ms at 10,000 documents), and pages ask
 * it on every visit; the answer only changes when a document, a gap decision or an area link
 * changes, so it is kept until the store's fingerprint (cheap counts and latest ids, plain SQL
 * that any dialect runs) says otherwise. Changes made by another process (an ingest while the
 * server runs) show on the next request.
 */
import { sql } from "kysely";
import type { RollupRule } from "../align/canonical.js";
import { history, type HistorySeries } from "../query/history.js";
import { documentFrameworks } from "../query/overview.js";
import type { Store } from "../store/open.js";

export interface Snapshot {
  series: HistorySeries[];
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
    const series = await history(this.db, { rollup: this.rollup });
    const frameworks = await documentFrameworks(this.db);
    const top = await this.db.selectFrom("scale_levels").select((eb) => eb.fn.max("level").as("max")).executeTakeFirst();
    return { series, frameworks, scaleMax: Math.max(6, Number(top?.max ?? 0) || 0) };
  }
}
