/**
 * What every command shares: the store path, the output format, writing data to stdout and
 * progress to stderr, and exit codes (0 ok, 1 some input failed or gaps open, 2 error).
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { packageFile } from "../package-files.js";
import { InvalidArgumentError } from "commander";
import { FORMATS, type Format } from "../format/output.js";
import { assertWritable, openStore, type Store } from "../store/open.js";

export const EXIT = { ok: 0, failed: 1, error: 2 } as const;

export class UsageError extends Error {}

export function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${FORMATS.join(", ")}`);
  }
  return value as Format;
}

export function parseMonth(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError("expected YYYY-MM");
  return value;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive whole number");
  return n;
}

/** A fact's id as typed by a person: a positive whole number, or a message naming what was typed. */
export function parseId(what: string, value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`"${value}" is not a ${what} id (ids are positive whole numbers)`);
  }
  return n;
}

export function writeData(text: string): void {
  process.stdout.write(text);
}

export function log(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : text + "\n");
}

/**
 * Open the store for one command and always close it, whatever happens. Only `ingest`,
 * `db migrate` and `db copy` (its new store) pass `create`: every other command refuses a
 * missing store. A command that writes names itself in `writes`: on a read-only connection
 * it is refused in one line.
 */
export async function withStore<T>(path: string, run: (db: Store) => Promise<T>, options: { writes?: string; create?: boolean } = {}): Promise<T> {
  const db = await openStore(path, { create: options.create });
  try {
    if (options.writes) await assertWritable(db, path, options.writes);
    return await run(db);
  } finally {
    await db.destroy();
  }
}

/** The package's version, from the package.json above this file (src/ or dist/src/). */
export function packageVersion(): string {
  const path = packageFile("package.json");
  const pkg = path ? (JSON.parse(readFileSync(path, "utf8")) as { name?: string; version?: string }) : {};
  return pkg.name === "scorebook" ? pkg.version ?? "0.0.0" : "0.0.0";
}

/** Who is running a command that records a person's decision (the OS user). */
export function osUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? null;
  }
}
