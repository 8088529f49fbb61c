/**
 * `db copy`: every row of one store into another, ids kept, so that the copy answers every
 * question exactly as the original (its export is byte-identical). The destination must be
 * empty (just migrated); the whole copy is one transaction on it, so a failed copy leaves it
 * empty again. Tables go parents first (COPY_ORDER), so foreign keys hold at every insert.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { exportAll } from "../query/export.js";
import { renderJson } from "../format/output.js";
import { dialectOf } from "./dialect.js";
import { StoreError, storeTables, type Store } from "./migrate.js";

/** Every table, parents before children, with the columns that order its rows. */
export const COPY_ORDER: readonly { table: string; key: readonly string[] }[] = [
  // reports before documents: documents.report_id references them.
  { table: "reports", key: ["id"] },
  { table: "documents", key: ["id"] },
  { table: "files", key: ["sha256"] },
  { table: "periods", key: ["id"] },
  { table: "document_periods", key: ["document_id", "period_id"] },
  { table: "frameworks", key: ["id"] },
  { table: "areas", key: ["id"] },
  { table: "area_links", key: ["area_id"] },
  { table: "area_link_decisions", key: ["id"] },
  { table: "scores", key: ["id"] },
  { table: "scale_levels", key: ["id"] },
  { table: "indicators", key: ["id"] },
  { table: "actions", key: ["id"] },
  { table: "gaps", key: ["id"] },
  { table: "gap_events", key: ["id"] },
  { table: "messages", key: ["id"] },
  { table: "passages", key: ["id"] },
];

/** Rows read per page, and the bound parameters one insert may carry (under SQLite's 32766 and pg's 65535). */
const PAGE_ROWS = 5_000;
const MAX_PARAMETERS = 30_000;

// Tables are walked by name: the copy is the same for every table.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export interface TableCount {
  table: string;
  from: number;
  to: number;
}

/**
 * The tables to copy, in order: COPY_ORDER's, then any table a later migration added that the
 * list does not name yet (after the tables it can reference; its rows ordered by id, or by
 * every column), so a new table is never silently left behind.
 */
async function tablesToCopy(db: AnyDb): Promise<{ table: string; key: readonly string[] }[]> {
  // The store's own schema only: the job queue's `pgboss` schema is not copied (see storeTables).
  const tables = (await storeTables(db)).filter((t) => !t.name.startsWith("kysely_"));
  const known = new Set(COPY_ORDER.map((t) => t.table));
  const added = tables
    .filter((t) => !known.has(t.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((t) => ({ table: t.name, key: t.columns.some((c) => c.name === "id") ? ["id"] : t.columns.map((c) => c.name) }));
  return [...COPY_ORDER.filter((t) => tables.some((x) => x.name === t.table)), ...added];
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Copy every row of `from` into the empty store `to`; returns each table's count on both sides. */
export async function copyStore(from: Store, to: Store, names: { from: string; to: string }): Promise<TableCount[]> {
  const tables = await tablesToCopy(from as AnyDb);
  for (const { table } of tables) {
    if ((await countRows(to, table)) > 0) throw new StoreError(`${names.to}: not empty (${table} has rows): db copy needs a new store`);
  }
  const a = from as AnyDb;
  await (to as AnyDb).transaction().execute(async (trx) => {
    for (const { table, key } of tables) {
      for (let offset = 0; ; offset += PAGE_ROWS) {
        let q = a.selectFrom(table).selectAll();
        for (const column of key) q = q.orderBy(column);
        const rows = await q.limit(PAGE_ROWS).offset(offset).execute();
        if (rows.length === 0) break;
        const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
        for (let i = 0; i < rows.length; i += perInsert) await trx.insertInto(table).values(rows.slice(i, i + perInsert)).execute();
        if (rows.length < PAGE_ROWS) break;
      }
      if (key.length === 1 && key[0] === "id") await dialectOf(trx).afterExplicitIds(trx, table);
    }
  });
  const counts: TableCount[] = [];
  for (const { table } of tables) counts.push({ table, from: await countRows(from, table), to: await countRows(to, table) });
  return counts;
}

/** sha256 of `export --format json`: what two stores answer, compared in one line. */
export async function exportChecksum(db: Store): Promise<string> {
  return createHash("sha256").update(renderJson(await exportAll(db))).digest("hex");
}
