/**
 * 006 — originals kept, and who decided an area link.
 *
 * files: each ingested file's bytes, content-addressed by sha256 (documents.sha256 points
 * here; several renderings never share bytes, but a re-ingest with --force finds its bytes
 * already kept). In the store rather than a folder beside it: the bytes are written in the
 * same transaction as the document, so a document is never stored without its original (or
 * the reverse), `db copy` and a backup of the store carry them, and a PostgreSQL store (a
 * URL, with no "beside") works the same. `ingest --no-keep-files` leaves this table alone.
 * The column is `blob`; a PostgreSQL store writes it as bytea (src/store/postgres.ts).
 *
 * area_link_decisions.decided_by: the person (web app account, or the OS user from the CLI)
 * behind a manual link, so every change is recorded with who made it.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("files")
    .addColumn("sha256", "text", (c) => c.primaryKey())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("bytes", "blob", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("area_link_decisions").addColumn("decided_by", "text").execute();
}
