/**
 * Reading the families files: db/report-families.json of this package (found by walking up
 * to the package root, as the canonical areas file is), then an analyst's own file named by
 * `--families FILE` or $SCOREBOOK_FAMILIES. The extractors never read files; the pipeline
 * loads families here and passes them in.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageFile, SEARCH_FROM } from "../package-files.js";
import { FamilyFileError, mergeFamilies, parseFamilies, type ReportFamily } from "./families.js";

export const FAMILIES_FILE = join("db", "report-families.json");
export const FAMILIES_ENV = "SCOREBOOK_FAMILIES";

export function shippedFamiliesPath(): string {
  const shipped = packageFile(FAMILIES_FILE);
  if (!shipped) throw new FamilyFileError(`cannot find ${FAMILIES_FILE} above ${SEARCH_FROM}`);
  return shipped;
}

export function readFamiliesFile(path: string): ReportFamily[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new FamilyFileError(`${path}: ${(error as Error).message}`);
  }
  return parseFamilies(json, path);
}

let shipped: ReportFamily[] | null = null;

/** The shipped families (read once per process). */
export function shippedFamilies(): ReportFamily[] {
  shipped ??= readFamiliesFile(shippedFamiliesPath());
  return shipped;
}

const added = new Map<string, ReportFamily[]>();

/**
 * The families in force: the shipped ones, then those of `extra` (a path), else of
 * $SCOREBOOK_FAMILIES. Each file is read once per process.
 */
export function loadFamilies(extra: string | null = null, env: NodeJS.ProcessEnv = process.env): ReportFamily[] {
  const path = extra ?? env[FAMILIES_ENV] ?? null;
  if (!path) return shippedFamilies();
  let list = added.get(path);
  if (!list) added.set(path, (list = readFamiliesFile(path)));
  return mergeFamilies(shippedFamilies(), list);
}
