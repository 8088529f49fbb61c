/**
 * `scorebook db migrate | status | copy | roles`: operating a store, SQLite or PostgreSQL.
 */
import type { Command } from "commander";
import { renderJson, type Format } from "../format/output.js";
import { createRoles, DEFAULT_ROLES, storeStatus, type StoreStatus } from "../store/admin.js";
import { copyStore, exportChecksum } from "../store/copy.js";
import { dialectOf } from "../store/dialect.js";
import { KNOWN_MIGRATIONS, recordedMigrations, StoreError } from "../store/migrate.js";
import { assertWritable, storeName, type Store } from "../store/open.js";
import { log, parseFormat, withStore, writeData } from "./context.js";

export function registerDb(program: Command): void {
  const db = program.command("db").description("operate the store: migrate, status, copy between SQLite and PostgreSQL, roles");

  db.command("migrate")
    .description("bring the store's schema to this build's migration level (creates a SQLite file; on PostgreSQL run it as the schema's owner)")
    .action(async () => {
      const { db: location } = program.opts<{ db: string }>();
      await withStore(location, async (store) => {
        const level = (await recordedMigrations(store)).length;
        log(`${storeName(location)}: scorebook store at migration level ${level} of ${KNOWN_MIGRATIONS.length} (${dialectOf(store).name})`);
      }, { create: true });
    });

  db.command("status")
    .description("dialect, migration level, whether this connection may write, and row counts")
    .option("--format <format>", "table or json", parseFormat, "table" as Format)
    .action(async (opts: { format: Format }) => {
      const { db: location } = program.opts<{ db: string }>();
      const status = await withStore(location, async (store) => storeStatus(store, storeName(location), await writable(store, location)));
      writeData(opts.format === "json" ? renderJson(status) : statusText(status));
    });

  db.command("copy")
    .description("copy every row of one store into a new, empty one (SQLite ↔ PostgreSQL), ids kept; prints counts and the export's sha256 on both sides")
    .requiredOption("--from <store>", "the store to read (file path or postgres:// URL)")
    .requiredOption("--to <store>", "the new store to write (created and migrated; must be empty)")
    .action(async (opts: { from: string; to: string }) => {
      const names = { from: storeName(opts.from), to: storeName(opts.to) };
      await withStore(opts.from, async (from) =>
        withStore(opts.to, async (to) => {
          const counts = await copyStore(from, to, names);
          for (const c of counts) log(`${c.table}: ${c.from} → ${c.to}`);
          const [a, b] = [await exportChecksum(from), await exportChecksum(to)];
          writeData(`${names.from}\texport sha256 ${a}\n${names.to}\texport sha256 ${b}\n`);
          if (a !== b || counts.some((c) => c.from !== c.to)) {
            throw new StoreError(`${names.to}: the copy differs from ${names.from} (see the counts and checksums above)`);
          }
        }, { writes: "db copy", create: true }),
      );
    });

  db.command("roles")
    .description("PostgreSQL: create the read-only auditor role and the writer role, and grant them this database (run as the schema's owner)")
    .option("--reader <name>", "the read-only group role", DEFAULT_ROLES.reader)
    .option("--writer <name>", "the writer group role (ingest, gaps --check, areas link; no schema changes)", DEFAULT_ROLES.writer)
    .action(async (opts: { reader: string; writer: string }) => {
      const { db: location } = program.opts<{ db: string }>();
      await withStore(location, async (store) => {
        if (dialectOf(store).name !== "postgres") throw new StoreError(`${storeName(location)}: roles are for a PostgreSQL store (a SQLite file's permissions are its file's)`);
        const statements = await createRoles(store, { reader: opts.reader, writer: opts.writer });
        writeData(statements.map((s) => s + ";\n").join(""));
        log(`created or updated roles ${opts.reader} (read-only) and ${opts.writer} (writer); log-in roles join one: create role NAME login password '…' in role ${opts.reader}`);
      });
    });
}

async function writable(store: Store, location: string): Promise<boolean> {
  try {
    await assertWritable(store, location, "status");
    return true;
  } catch {
    return false;
  }
}

function statusText(s: StoreStatus): string {
  const lines = [
    `store            ${s.store}`,
    `dialect          ${s.dialect}`,
    `migration level  ${s.migration_level} of ${s.migrations_known}${s.latest_migration ? ` (${s.latest_migration})` : ""}`,
    `writable         ${s.writable ? "yes" : "no (read-only connection)"}`,
    ...Object.entries(s.counts).map(([table, n]) => `${table.padEnd(17)}${n}`),
    `gaps open        ${s.gaps_open}`,
  ];
  return lines.join("\n") + "\n";
}

