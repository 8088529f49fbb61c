import type { Command } from "commander";
import { AuthorityResolver } from "../align/authority.js";
import { loadCanonicalFrameworks, type CanonicalFramework, type CanonicalFrameworks } from "../align/canonical.js";
import { decisionTarget } from "../align/decision.js";
import { AreaNotFoundError, authoritiesOfLabel, listAreaLinks, resolveAreaLabel, resolveCanonicalKey, type AreaLinkRow } from "../align/links.js";
import type { Store } from "../store/open.js";
import { realign, recordDecision, removeDecision, type LinkChange } from "../align/store.js";
import { documentColumn } from "../format/columns.js";
import { render, type Column, type Format } from "../format/output.js";
import { log, parseFormat, withStore, writeData, osUser } from "./context.js";

const COLUMNS: Column<AreaLinkRow>[] = [
  { header: "area_id", value: (r: AreaLinkRow) => r.area_id },
  documentColumn(),
  { header: "authority", value: (r: AreaLinkRow) => r.authority ?? "(not stated)", maxWidth: 32 },
  { header: "no", value: (r: AreaLinkRow) => r.area_number },
  { header: "area", value: (r: AreaLinkRow) => r.area, maxWidth: 48, minWidth: 24 },
  { header: "canonical_area", value: (r: AreaLinkRow) => r.canonical_area ?? (r.needs_review ? "(review)" : "(none)"), minWidth: 16 },
  { header: "method", value: (r: AreaLinkRow) => r.method },
  { header: "confidence", value: (r: AreaLinkRow) => r.confidence },
  { header: "note", value: (r: AreaLinkRow) => r.note, maxWidth: 70 },
];

function printLinks(rows: AreaLinkRow[], format: Format): void {
  writeData(render(format, rows, COLUMNS));
}

export function registerAreas(program: Command): void {
  const areas = program
    .command("areas")
    .description("every document area's link to the canonical framework, with method and confidence")
    .option("--review", "only areas left unaligned for a person to review")
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (opts: { review?: boolean; format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const rows = await withStore(db, (store) => listAreaLinks(store, { review: opts.review }));
      printLinks(rows, opts.format);
      const pending = rows.filter((r) => r.needs_review).length;
      if (pending > 0 && !opts.review) log(`${pending} area(s) unaligned, for review: scorebook areas --review; decide with scorebook areas link AREA CANONICAL`);
    });

  areas
    .command("link <area> <canonical>")
    .description("record a manual decision (kept by later ingests): AREA is an area id, label or unique part of one; CANONICAL a key, label, or 'none'")
    .option("--note <text>", "why (kept with the decision)")
    .option("--authority <name>", "the council whose areas of this label the decision is for (needed when several print it)")
    .action(async (area: string, canonical: string, opts: { note?: string; authority?: string }) => {
      const { db } = program.opts<{ db: string }>();
      const file = loadCanonicalFrameworks();
      const rows = await withStore(db, async (store) => {
        const label = await resolveAreaLabel(store, area);
        const { authority, framework } = await decisionTarget(store, label, opts.authority, file);
        const key = resolveCanonicalKey(canonical, framework.areas);
        await store.transaction().execute((trx) => recordDecision(trx, { areaLabel: label, authority, canonicalKey: key, note: opts.note ?? null, decidedBy: osUser() }, file));
        log(`linked "${label}" (${authority}) → ${key ?? "none (unaligned)"} (manual)`);
        return listAreaLinks(store);
      }, { writes: "areas link" });
      printLinks(rows.filter((r) => r.method === "manual"), areas.opts<{ format: Format }>().format);
    });

  areas
    .command("unlink <area>")
    .description("forget a manual decision: the area goes back to automatic alignment")
    .option("--authority <name>", "the council the decision was for (needed when several print the label)")
    .action(async (area: string, opts: { authority?: string }) => {
      const { db } = program.opts<{ db: string }>();
      const file = loadCanonicalFrameworks();
      await withStore(db, async (store) => {
        const label = await resolveAreaLabel(store, area);
        const { authority } = await decisionTarget(store, label, opts.authority, file);
        // A decision recorded before decisions named their authority is keyed by label alone.
        const removed =
          (await store.transaction().execute((trx) => removeDecision(trx, label, file, authority))) ||
          (await store.transaction().execute((trx) => removeDecision(trx, label, file, null)));
        log(removed ? `forgot the decision for "${label}"` : `no decision was recorded for "${label}"`);
      }, { writes: "areas unlink" });
    });

  areas
    .command("realign")
    .description("recompute every link against today's reports, decisions and db/canonical-areas.json, and print each that would change (before → after); --apply writes them")
    .option("--apply", "write the changed links (without it, nothing is changed)")
    .action(async (opts: { apply?: boolean }) => {
      const { db } = program.opts<{ db: string }>();
      const file = loadCanonicalFrameworks();
      const { changes, links } = await withStore(db, async (store) => {
        const changes = await store.transaction().execute(async (trx) => {
          const found = await realign(trx, file, { apply: opts.apply });
          // Without --apply nothing may change, not even the canonical areas' rows realign syncs.
          if (!opts.apply) throw new DryRun(found);
          return found;
        }).catch((error: unknown) => {
          if (error instanceof DryRun) return error.changes;
          throw error;
        });
        return { changes, links: new Map((await listAreaLinks(store)).map((r) => [r.area_id, r])) };
      }, opts.apply ? { writes: "areas realign --apply" } : {});
      writeData(render(areas.opts<{ format: Format }>().format, changes, CHANGE_COLUMNS(links)));
      log(
        changes.length === 0
          ? "no link would change"
          : opts.apply
            ? `${changes.length} link(s) changed`
            : `${changes.length} link(s) would change; nothing was written: run \`scorebook areas realign --apply\` to apply`,
      );
    });
}

/** Rolls the dry run's transaction back, carrying what it found. */
class DryRun extends Error {
  constructor(readonly changes: LinkChange[]) {
    super("dry run");
  }
}

const linkText = (l: LinkChange["before"]) => (l === null ? "(none)" : `${l.canonicalKey ?? "(unaligned)"} ${l.method} ${l.confidence}`);

function CHANGE_COLUMNS(links: Map<number, AreaLinkRow>) {
  return [
    { header: "area_id", value: (c: LinkChange) => c.areaId },
    { header: "document", value: (c: LinkChange) => links.get(c.areaId)?.document ?? null },
    { header: "area", value: (c: LinkChange) => links.get(c.areaId)?.area ?? null, maxWidth: 40 },
    { header: "before", value: (c: LinkChange) => linkText(c.before) },
    { header: "after", value: (c: LinkChange) => linkText(c.after) },
  ];
}
