/**
 * The canonical framework: a user-editable JSON file (db/canonical-areas.json), not code, so
 * a council that renames or adds a cornerstone edits data. Found by walking up from this
 * module to the package root, so it is the same file from src/ (tsx, vitest) and dist/.
 * SCOREBOOK_CANONICAL_AREAS points elsewhere when a deployment keeps its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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

export const CanonicalFrameworkSchema = z.object({
  name: z.string().min(1),
  minConfidence: z.number().min(0).max(1).default(0.3),
  rollup: z.enum(ROLLUP_RULES).default("mean"),
  areas: z.array(CanonicalAreaSchema).min(1),
});

export type CanonicalArea = z.infer<typeof CanonicalAreaSchema>;
export type CanonicalFramework = z.infer<typeof CanonicalFrameworkSchema>;

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
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, CANONICAL_FILE);
    if (existsSync(candidate) && existsSync(join(dir, "package.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new CanonicalFileError(`cannot find ${CANONICAL_FILE} above ${dirname(fileURLToPath(import.meta.url))}`);
}

export function parseCanonicalFramework(json: unknown, where = "canonical areas"): CanonicalFramework {
  const parsed = CanonicalFrameworkSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CanonicalFileError(`${where}: ${first ? `${first.path.join(".")}: ${first.message}` : "invalid"}`);
  }
  const keys = new Set<string>();
  for (const a of parsed.data.areas) {
    if (keys.has(a.key)) throw new CanonicalFileError(`${where}: duplicate key "${a.key}"`);
    keys.add(a.key);
  }
  return parsed.data;
}

export function loadCanonicalFramework(path: string = canonicalFilePath()): CanonicalFramework {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CanonicalFileError(`${path}: ${(error as Error).message}`);
  }
  return parseCanonicalFramework(json, path);
}
