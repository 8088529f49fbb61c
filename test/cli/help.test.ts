/**
 * Findability: every command's --help has examples and shows --db with $SCOREBOOK_DB and its
 * default; ingest of a folder names each file it skips and why.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli, tempDir } from "../helpers/cli.js";

function help(path: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...path, "--help"], { encoding: "utf8", timeout: 60_000 });
  expect(r.status, path.join(" ")).toBe(0);
  return r.stdout;
}

/** The subcommands a help text lists under "Commands:" (not "help [command]"). */
function subcommands(text: string): string[] {
  const section = text.split(/^Commands:\n/m)[1];
  if (!section) return [];
  return section
    .split(/\n(?=\S)/)[0]!
    .split("\n")
    .map((l) => /^ {2}([a-z][\w-]*)/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined && n !== "help");
}

describe("--help", () => {
  const top = help([]);
  it("the program's help has examples", () => {
    expect(top).toMatch(/\nExamples:\n(  \$ scorebook .+\n){2,}/);
  });

  it.each(subcommands(top))("%s --help (and its subcommands') has two or three examples and shows --db, $SCOREBOOK_DB and the default", (name) => {
    const paths = [[name], ...subcommands(help([name])).map((sub) => [name, sub])];
    for (const path of paths) {
      const text = help(path);
      const examples = text.split(/\nExamples:\n/)[1];
      expect(examples, path.join(" ")).toBeDefined();
      const lines = examples!.trimEnd().split("\n").filter((l) => l.startsWith("  $ "));
      expect(lines.length, path.join(" ")).toBeGreaterThanOrEqual(2);
      expect(lines.length, path.join(" ")).toBeLessThanOrEqual(3);
      for (const l of lines) expect(l, path.join(" ")).toMatch(new RegExp(`scorebook ${path[0]}\\b`));
      expect(text, path.join(" ")).toMatch(/--db <store>[\s\S]*SCOREBOOK_DB[\s\S]*default:\s+"db\/scorebook\.sqlite"/);
    }
  });

  it("shows human-readable defaults", () => {
    const text = help(["ingest"]).replace(/\s+/g, " ");
    expect(text).toMatch(/--max-bytes <size> .*\(default: 200(\.0)? ?MB\)/);
    expect(text).toMatch(/--timeout <seconds> .*\(default: 120 seconds\)/);
    expect(text).toMatch(/--jobs <n> .*\(default: one per core: \d+\)/);
  });
});

describe("ingest of a folder", () => {
  it("names each file it skips and why, on stderr, and still reads the reports", () => {
    const dir = tempDir();
    const db = join(dir, "store.sqlite");
    const folder = join(dir, "archive");
    spawnSync("mkdir", ["-p", join(folder, "2016")]);
    copyFileSync("fixtures/reports/mcc-2015-09-strategic-overview.md", join(folder, "report.md"));
    writeFileSync(join(folder, "2016", "minutes.doc"), "\xd0\xcf\x11\xe0 legacy word");
    writeFileSync(join(folder, "figures.xlsx"), "PK not really");
    writeFileSync(join(folder, "~$report.docx"), "lock");
    writeFileSync(join(folder, "scan.png"), "png");
    const r = runCli(["--db", db, "ingest", folder]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    const about = (name: string) => lines.filter((l) => l.includes(name));
    expect(about("minutes.doc")).toEqual([`${join(folder, "2016", "minutes.doc")}: skipped: legacy .doc (Word 97-2003): save as .docx`]);
    expect(about("figures.xlsx")).toEqual([`${join(folder, "figures.xlsx")}: skipped: spreadsheets are not read`]);
    expect(about("~$report.docx")[0]).toMatch(/skipped: an editor's lock file/);
    expect(about("scan.png")[0]).toMatch(/skipped: images are not read/);
    expect(about("report.md")[0]).toMatch(/^report\.md: stored as document 1/);
    expect(r.stderr).toMatch(/4 other file\(s\) in the folders skipped/);
  });
});
