/**
 * Files the package ships (package.json, db/canonical-areas.json, db/report-families.json),
 * found by walking up from this module to the package root: the same from src/ (tsx, tests)
 * and dist/src/ (the built CLI), wherever the package is installed.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the walk starts (for error messages). */
export const SEARCH_FROM = dirname(fileURLToPath(import.meta.url));

/** The path of `relative` in the nearest folder above this module holding a package.json and that file; null when there is none. */
export function packageFile(relative: string): string | null {
  let dir = SEARCH_FROM;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate) && existsSync(join(dir, "package.json"))) return candidate;
    dir = dirname(dir);
  }
  return null;
}
