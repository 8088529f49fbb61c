/**
 * `db copy`: every row of one store into another, ids kept, so that the copy answers every
 * question exactly as the original (its export is byte-identical). The destination must be
 * empty (just migrated); the whole copy is one transaction on it, so a failed copy leaves it
 * empty again. Tables go parents first, so foreign keys hold at every insert.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { exportAll } from "../query/export.js";
import { renderJson } from "../format/output.js";
import { dialectOf } from "./dialect.js";
import { StoreError, type Store } from "./migrate.js";

/** Every table, parents before children, with the columns that order its rows. */
export const COPY_ORDER: readonly { table: string; key: readonly string[] }[] = [
  { table: "documents", key: ["id"] },
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

/** The tables a store has besides kysely's own; a table the copy does not know stops it. */
async function userTables(db: AnyDb): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).filter((name) => !name.startsWith("kysely_"));
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Copy every row of `from` into the empty store `to`; returns each table's count on both sides. */
export async function copyStore(from: Store, to: Store, names: { from: string; to: string }): Promise<TableCount[]> {
  const known = new Set(COPY_ORDER.map((t) => t.table));
  const unknown = (await userTables(from)).filter((t) => !known.has(t));
  if (unknown.length) throw new StoreError(`${names.from}: db copy does not know table(s) ${unknown.join(", ")}`);
  for (const { table } of COPY_ORDER) {
    if ((await countRows(to, table)) > 0) throw new StoreError(`${names.to}: not empty (${table} has rows): db copy needs a new store`);
  }
  const a = from as AnyDb;
  await (to as AnyDb).transaction().execute(async (trx) => {
    for (const { table, key } of COPY_ORDER) {
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
  for (const { table } of COPY_ORDER) counts.push({ table, from: await countRows(from, table), to: await countRows(to, table) });
  return counts;
}

/** sha256 of `export --format json`: what two stores answer, compared in one line. */
export async function exportChecksum(db: Store): Promise<string> {
  return createHash("sha256").update(renderJson(await exportAll(db))).digest("hex");
}
