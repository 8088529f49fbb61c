/**
 * The canonical frameworks: a user-editable JSON file (db/canonical-areas.json), not code, so
 * a council that renames or adds a cornerstone edits data. Each framework belongs to one
 * authority (its name and the other names it is printed under): a report's areas are aligned
 * only to its own authority's framework, never to another council's. Comparing councils is
 * only ever explicit, through the file's `crossAuthority` mappings.
 *
 * Found by walking up from this module to the package root, so it is the same file from src/
 * (tsx, vitest) and dist/. SCOREBOOK_CANONICAL_AREAS points elsewhere when a deployment keeps
 * its own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageFile, SEARCH_FROM } from "../package-files.js";
import { z } from "zod";

export const ROLLUP_RULES = ["mean", "min", "max", "median"] as const;
export type RollupRule = (typeof ROLLUP_RULES)[number];

export const CanonicalAreaSchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "key: lower-case letters, digits and dashes"),
  label: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  /** Used only when no ingested document prints this area's own statement. */
  statement: z.string().nullable().default(null),
  /** What the area covers; always part of the text similarity compares against. */
  scope: z.string().nullable().default(null),
});

/** The council a framework applies to, and every other way its reports print its name. */
export const AuthoritySchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
});

export const CanonicalFrameworkSchema = z.object({
  name: z.string().min(1),
  authority: AuthoritySchema,
  minConfidence: z.number().min(0).max(1).default(0.3),
  rollup: z.enum(ROLLUP_RULES).default("mean"),
  areas: z.array(CanonicalAreaSchema).min(1),
});

/**
 * A comparison across councils that a person asked for: which area of which authority stands
 * for the same thing. `area` is a canonical key of the authority's framework, or (for an
 * authority without one) the label of one of its own series.
 */
export const CrossAuthorityMappingSchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "key: lower-case letters, digits and dashes"),
  label: z.string().min(1),
  members: z.array(z.object({ authority: z.string().min(1), area: z.string().min(1) })).min(2),
});

export const CanonicalFileSchema = z.object({
  frameworks: z.array(CanonicalFrameworkSchema),
  crossAuthority: z.array(CrossAuthorityMappingSchema).default([]),
});

export type CanonicalArea = z.infer<typeof CanonicalAreaSchema>;
export type CanonicalFramework = z.infer<typeof CanonicalFrameworkSchema>;
export type CrossAuthorityMapping = z.infer<typeof CrossAuthorityMappingSchema>;
export type CanonicalFrameworks = z.infer<typeof CanonicalFileSchema>;

export const CANONICAL_FILE = join("db", "canonical-areas.json");
export const CANONICAL_ENV = "SCOREBOOK_CANONICAL_AREAS";

export class CanonicalFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CanonicalFileError";
  }
}

/** The framework file: $SCOREBOOK_CANONICAL_AREAS, else db/canonical-areas.json of this package. */
export function canonicalFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[CANONICAL_ENV];
  if (override) return override;
  const shipped = packageFile(CANONICAL_FILE);
  if (!shipped) throw new CanonicalFileError(`cannot find ${CANONICAL_FILE} above ${SEARCH_FROM}`);
  return shipped;
}

function firstIssue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join(".")}: ${first.message}` : "invalid";
}

/** One framework (as it sits in the file's `frameworks` list). */
export function parseCanonicalFramework(json: unknown, where = "canonical areas"): CanonicalFramework {
  const parsed = CanonicalFrameworkSchema.safeParse(json);
  if (!parsed.success) throw new CanonicalFileError(`${where}: ${firstIssue(parsed.error)}`);
  checkUniqueKeys(parsed.data, where);
  return parsed.data;
}

function checkUniqueKeys(framework: CanonicalFramework, where: string): void {
  const keys = new Set<string>();
  for (const a of framework.areas) {
    if (keys.has(a.key)) throw new CanonicalFileError(`${where}: framework "${framework.name}": duplicate key "${a.key}"`);
    keys.add(a.key);
  }
}

/** The whole file: frameworks (unique names, one per authority) and cross-authority mappings. */
export function parseCanonicalFrameworks(json: unknown, where = "canonical areas"): CanonicalFrameworks {
  if (json && typeof json === "object" && !Array.isArray(json) && "areas" in json && !("frameworks" in json)) {
    throw new CanonicalFileError(`${where}: one framework without an authority (the old format): put it in "frameworks": [{ "name", "authority": { "name", "aliases" }, "areas" }]`);
  }
  const parsed = CanonicalFileSchema.safeParse(json);
  if (!parsed.success) throw new CanonicalFileError(`${where}: ${firstIssue(parsed.error)}`);
  const names = new Set<string>();
  for (const f of parsed.data.frameworks) {
    if (names.has(f.name)) throw new CanonicalFileError(`${where}: duplicate framework name "${f.name}"`);
    names.add(f.name);
    checkUniqueKeys(f, where);
  }
  const mappingKeys = new Set<string>();
  for (const m of parsed.data.crossAuthority) {
    if (mappingKeys.has(m.key)) throw new CanonicalFileError(`${where}: duplicate cross-authority mapping "${m.key}"`);
    mappingKeys.add(m.key);
  }
  return parsed.data;
}

export function loadCanonicalFrameworks(path: string = canonicalFilePath()): CanonicalFrameworks {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CanonicalFileError(`${path}: ${(error as Error).message}`);
  }
  return parseCanonicalFrameworks(json, path);
}

/**
 * The frameworks' default rule (when every framework of the file names the same one); mean
 * when they differ or the file cannot be read (history still works). Every front end (CLI,
 * web app) takes its default from here, so their answers agree.
 */
export function defaultRollup(): RollupRule {
  try {
    const rules = new Set(loadCanonicalFrameworks().frameworks.map((f) => f.rollup));
    return rules.size === 1 ? [...rules][0]! : "mean";
  } catch {
    return "mean";
  }
}
