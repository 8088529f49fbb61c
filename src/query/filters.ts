/**
 * What the filters of every query mean, decided once for the CLI and the web app alike.
 *
 * - An area (`--area`) names a CANONICAL area: its label, key or an alias, in any case; a
 *   unique prefix ("prev") or whole words ("protection") will do. The selected area's
 *   figures are those of the unfiltered output: roll-ups over every source area linked to it.
 * - A source area (`--source-area`) is text matched against the labels reports printed; the
 *   roll-ups then cover only the matching sources, and the outputs say so.
 * - A document (`--document`) is a path, a file's base name or its stem (every rendering).
 *
 * A name that matches nothing, or several things where one is needed, is a FilterError
 * listing what exists or the candidates (the CLI exits 2): never an empty answer.
 */
import { basename, extname, resolve } from "node:path";
import { loadCanonicalFrameworks } from "../align/canonical.js";
import type { Store } from "../store/open.js";
import { textKey } from "../store/reports.js";

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FilterError";
  }
}

export interface CanonicalChoice {
  /** The canonical area's rows (areas.id, document_id null): one per framework that has the key. */
  ids: number[];
  key: string;
  label: string;
  aliases: string[];
}

/**
 * The canonical areas in the store, by key (frameworks of several authorities may share a
 * key: one choice, every row of it), with the framework file's aliases for that key.
 */
export async function canonicalChoices(db: Store): Promise<CanonicalChoice[]> {
  const rows = await db
    .selectFrom("areas as c")
    .leftJoin("frameworks as f", "f.id", "c.framework_id")
    .select(["c.id", "c.key", "c.label", "c.number"])
    // A canonical area is an area no document printed (SCHEMA.md), of the canonical framework;
    // offered only when some stored area links to it (else selecting it could only be empty).
    .where("c.document_id", "is", null)
    .where("c.id", "in", db.selectFrom("area_links").select("canonical_area_id").where("canonical_area_id", "is not", null))
    .where((eb) => eb.or([eb("f.is_canonical", "=", 1), eb("c.framework_id", "is", null)]))
    .orderBy("c.number")
    .orderBy("c.id")
    .execute();
  const aliases = new Map<string, string[]>();
  try {
    for (const f of loadCanonicalFrameworks().frameworks) for (const a of f.areas) aliases.set(a.key, [...(aliases.get(a.key) ?? []), ...a.aliases]);
  } catch {
    // No readable framework file: names and keys still resolve.
  }
  const byKey = new Map<string, CanonicalChoice>();
  for (const r of rows) {
    const held = byKey.get(r.key);
    if (held) held.ids.push(r.id);
    else byKey.set(r.key, { ids: [r.id], key: r.key, label: r.label, aliases: aliases.get(r.key) ?? [] });
  }
  return [...byKey.values()];
}

function namesOf(c: CanonicalChoice): string[] {
  return [c.key, c.label, ...c.aliases].map(textKey);
}

const describe = (c: CanonicalChoice) => `${c.label} (${c.key})`;

/**
 * The canonical area a name means: exact name, key or alias first; else the one whose name
 * starts with it or contains all its words as whole words. Pure.
 */
export function matchCanonical(spec: string, choices: readonly CanonicalChoice[]): CanonicalChoice {
  const wanted = textKey(spec);
  const all = choices.map(describe).join(", ") || "none stored (ingest a report first)";
  if (wanted === "") throw new FilterError(`--area needs a canonical area name; one of: ${all}`);
  const exact = choices.filter((c) => namesOf(c).includes(wanted));
  if (exact.length === 1) return exact[0]!;
  const words = wanted.split(" ");
  const partial = exact.length > 1 ? exact : choices.filter((c) =>
    namesOf(c).some((n) => n.startsWith(wanted) || words.every((w) => n.split(" ").includes(w))),
  );
  if (partial.length === 1) return partial[0]!;
  const hint = `; or --source-area "${spec}" to filter the area labels as reports printed them`;
  if (partial.length === 0) throw new FilterError(`--area "${spec}" matches no canonical area; canonical areas: ${all}${hint}`);
  throw new FilterError(`--area "${spec}" is ambiguous: it matches ${partial.map(describe).join(", ")}; name one of them${hint}`);
}

export async function resolveCanonicalArea(db: Store, spec: string): Promise<CanonicalChoice> {
  return matchCanonical(spec, await canonicalChoices(db));
}

export interface DocumentChoice {
  id: number;
  source: string;
  path: string | null;
}

const stem = (name: string) => basename(name, extname(name));

/**
 * The documents a name means: the stored path, else the base name (any case), else the stem
 * (every rendering of "report" for "report" or "some/dir/report"). Pure.
 */
export function matchDocuments(spec: string, docs: readonly DocumentChoice[]): DocumentChoice[] {
  const trimmed = spec.trim();
  const byPath = docs.filter((d) => d.path !== null && d.path === resolve(trimmed));
  if (byPath.length > 0) return byPath;
  const name = basename(trimmed);
  const exact = docs.filter((d) => d.source === name);
  if (exact.length > 0) return exact;
  const caseless = docs.filter((d) => d.source.toLowerCase() === name.toLowerCase());
  if (caseless.length > 0) return caseless;
  const byStem = docs.filter((d) => stem(d.source).toLowerCase() === name.toLowerCase());
  if (byStem.length > 0) return byStem;
  const listed = docs.slice(0, 20).map((d) => d.source).join(", ");
  const more = docs.length > 20 ? `, … and ${docs.length - 20} more (scorebook documents)` : "";
  throw new FilterError(`--document "${spec}" matches no stored document; documents: ${listed || "none stored"}${more}`);
}

export async function resolveDocuments(db: Store, spec: string): Promise<DocumentChoice[]> {
  const docs = await db.selectFrom("documents").select(["id", "source", "path"]).orderBy("id").execute();
  return matchDocuments(spec, docs);
}

/** The note every output filtered by --source-area carries. */
export function sourceAreaNote(text: string): string {
  return `only source areas printed as "${text}" (--source-area): roll-ups cover those sources alone, not every source of their canonical area`;
}
