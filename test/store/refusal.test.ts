/**
 * No silent empty store (issue 13): only `ingest` and `db migrate` create a store; every other
 * command refuses a missing one with one line naming it (exit 2), and a SQLite file that is not
 * a scorebook store is refused untouched, never migrated.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.js";
import { runCli, tempDir } from "../helpers/cli.js";

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Another application's database: its own tables and a row. */
function otherApp(path: string): void {
  const db = new SQLite(path);
  db.exec("create table customers (id integer primary key, name text); insert into customers (name) values ('Ada');");
  db.close();
}

describe("store refusal", () => {
  it("gaps --check --open --fail-on-open on a mistyped --db exits 2 with one line and creates nothing", () => {
    const dir = `/typo-${randomBytes(4).toString("hex")}`;
    const r = runCli(["gaps", "--check", "--open", "--fail-on-open", "--db", `${dir}/path.sqlite`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^scorebook: ${dir}/path.sqlite: no scorebook store here .*only \`scorebook ingest\` and \`scorebook db migrate\` create one`))]);
    expect(existsSync(dir)).toBe(false);
  }, 300_000);

  it("a query run from another folder refuses, and does not create ./db/scorebook.sqlite there", () => {
    const elsewhere = tempDir("scorebook-elsewhere-");
    for (const command of [["history"], ["compare", "2015-09", "2018-03"], ["gaps"], ["export"], ["areas"], ["indicators"], ["report", "--out", "x.html"]]) {
      const r = runCli(command, { cwd: elsewhere });
      expect(r.code, command[0]).toBe(2);
      expect(r.stderr, command[0]).toMatch(/db\/scorebook.sqlite: no scorebook store here \(relative paths are read from the current folder, /);
    }
    expect(readdirSync(elsewhere)).toEqual([]);
  }, 300_000);

  it("--db other-app.sqlite (another application's database) is refused by every command and left byte for byte as it was", async () => {
    const dir = tempDir("scorebook-otherapp-");
    const path = join(dir, "other-app.sqlite");
    otherApp(path);
    const before = sha(path);
    for (const command of [["history"], ["db", "migrate"], ["ingest", "fixtures/reports/mcc-2015-09-strategic-overview.md"]]) {
      const r = runCli(["--db", path, ...command]);
      expect(r.code, command.join(" ")).toBe(2);
      expect(r.stderr, command.join(" ")).toMatch(/other-app.sqlite: not a scorebook store \(it holds other tables: customers\); refusing to open or change it/);
    }
    expect(sha(path)).toBe(before);
    expect(readdirSync(dir)).toEqual(["other-app.sqlite"]);
    await expect(openStore(path, { create: true })).rejects.toThrow(/not a scorebook store/);
    expect(sha(path)).toBe(before);
  }, 300_000);

  it("db migrate creates a store (and makes an empty file one); queries then answer from it", () => {
    const dir = tempDir("scorebook-migrate-cli-");
    const path = join(dir, "new", "store.sqlite");
    const created = runCli(["--db", path, "db", "migrate"]);
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/store.sqlite: scorebook store at migration level \d+ of \d+/);
    expect(runCli(["--db", path, "gaps", "--open", "--fail-on-open", "--format", "json"])).toMatchObject({ code: 0, stdout: "[]\n" });

    const empty = join(dir, "empty.sqlite");
    writeFileSync(empty, "");
    const refused = runCli(["--db", empty, "history"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/empty.sqlite: no scorebook store here \(the file is an empty database\)/);
    expect(runCli(["--db", empty, "db", "migrate"]).code).toBe(0);
    expect(runCli(["--db", empty, "history", "--format", "json"])).toMatchObject({ code: 0, stdout: "[]\n" });
  }, 300_000);

  it("help says where the default store is: relative to the current folder", () => {
    const r = runCli(["--help"]);
    expect(r.stdout).toMatch(/--db <store>\s+the store: a SQLite file \(a relative path is relative to the current folder\)/);
    expect(r.stdout).toMatch(/default: "db\/scorebook.sqlite"/);
  }, 300_000);
});
