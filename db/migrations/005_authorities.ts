/**
 * 005 — frameworks belong to an authority (issue 18).
 *
 * frameworks.authority: the council a canonical framework applies to (its name as the
 * canonical file gives it); null for a report's own framework name.
 *
 * area_link_decisions.authority: the authority whose areas of that label a manual decision is
 * for. Null (every decision made before this migration) applies to the areas of that label of
 * any authority with a framework holding the decided key.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("frameworks").addColumn("authority", "text").execute();
  await db.schema.alterTable("area_link_decisions").addColumn("authority", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("area_link_decisions").dropColumn("authority").execute();
  await db.schema.alterTable("frameworks").dropColumn("authority").execute();
}
