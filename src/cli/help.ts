/**
 * Help a newcomer can act on: every command's `--help` ends with two or three examples and
 * shows the global options (`--db`, with `$SCOREBOOK_DB` and the default store path relative
 * to the current folder). Examples live here, in one table, so every command (also those
 * added later) is checked for them by the help test.
 */
import type { Command } from "commander";

/** Command path ("show score", "gaps resolve") → example lines, each "command  # what it does". */
export const EXAMPLES: Record<string, string[]> = {
  ingest: [
    "scorebook ingest archive/                         # every .pdf .docx .txt .md in the folder; other files are named as skipped",
    "scorebook ingest report.pdf --force               # read a stored file again (its gap decisions are kept)",
    "scorebook ingest --queue archive/ --db postgres://bob@db-host/scorebook   # for `scorebook worker` on several machines",
  ],
  worker: [
    "scorebook worker --db postgres://bob@db-host/scorebook          # run queued files until Ctrl-C (on as many machines as you like)",
    "scorebook worker --concurrency 4 --until-empty    # four at once; exit when the queue is empty (exit 1 if a file or the area linking failed)",
  ],
  queue: ["scorebook queue status                            # queued, active, done, failed, and why each failed", "scorebook queue status --format json"],
  "queue status": ["scorebook queue status                            # queued, active, done, failed, and why each failed", "scorebook queue status --format json"],
  export: [
    "scorebook export > everything.json                # the JSON contract (documents, scores, indicators, actions, gaps)",
    "scorebook export --format csv > scores.csv        # the scores as CSV, page and line in their own columns",
    "scorebook export --document report.pdf --area governance",
  ],
  history: [
    'scorebook history --area "safe workforce"         # one area: its roll-up per period, since 2014',
    "scorebook history --detail --from 2017-04         # every source score from April 2017, with document and page",
    "scorebook history --format json                   # per canonical area, its series (DESIGN.md contract)",
  ],
  tables: [
    "scorebook tables report.pdf                       # each table the reader found",
    "scorebook tables report.pdf --page 3 --format csv",
  ],
  areas: [
    "scorebook areas                                   # every document area → canonical area, method, confidence",
    "scorebook areas --review                          # only areas left for a person to align",
  ],
  "areas link": [
    'scorebook areas link "Engagement with children" none --note "not a cornerstone"',
    "scorebook areas link 12 safe-workforce            # area id 12 → the Safe Workforce cornerstone",
  ],
  "areas unlink": ['scorebook areas unlink "Engagement with children"', "scorebook areas unlink 12"],
  "areas realign": ["scorebook areas realign                           # after editing db/canonical-areas.json", "scorebook areas realign --format json"],
  compare: [
    'scorebook compare "Sept 2015" "Oct 17-March 18"   # periods as printed',
    "scorebook compare 2015-09 2018-03 --area governance",
    "scorebook compare 2015-09 2018-03 --rollup min --format csv",
  ],
  show: ["scorebook show score 17", "scorebook show gap 3 --format json"],
  "show score": ["scorebook show score 17                           # the score, its page and the row around it, under its column's header", "scorebook show score 17 --format json"],
  "show indicator": ["scorebook show indicator 5", "scorebook show indicator 5 --format json"],
  "show action": ["scorebook show action 12", "scorebook show action 12 --format csv"],
  "show gap": ["scorebook show gap 3                              # what is awaited, where, and its status", "scorebook show gap 3 --format json"],
  report: ["scorebook report --out scores.html                # one self-contained page: a chart per area, open gaps, actions", "scorebook report --out scores.html --rollup median"],
  gaps: [
    "scorebook gaps --open                             # what is still awaited, and for how many periods",
    "scorebook gaps --check --open --fail-on-open      # for cron: exit 1 while gaps stay open",
    "scorebook gaps --since 2017-04 --format csv > gaps.csv",
  ],
  "gaps resolve": ['scorebook gaps resolve 3 --note "figures in the June 2018 report, p.4"', 'scorebook gaps resolve 7 --note "IA report received 30 May 2018"'],
  "gaps reopen": ['scorebook gaps reopen 3 --note "the June figures cover adults only"', 'scorebook gaps reopen 7 --note "report not yet signed off"'],
  "gaps history": ["scorebook gaps history 3", "scorebook gaps --format json history 3"],
  indicators: ["scorebook indicators --area workforce             # percentages and counts for one area", "scorebook indicators --document report.pdf --format csv"],
  actions: ["scorebook actions --area governance", "scorebook actions --format csv > actions.csv"],
  families: ["scorebook families                                # the report families documents are classified into", "scorebook families --families my-families.json --format json"],
  documents: ["scorebook documents                               # every stored file: kind, title, periods, counts", "scorebook documents --format json"],
  periods: ["scorebook periods                                 # every period: label, months, documents", "scorebook periods --format csv"],
  db: ["scorebook db migrate --db new.sqlite", "scorebook db status"],
  "db migrate": ["scorebook db migrate                              # create or update db/scorebook.sqlite", "scorebook db migrate --db /srv/scorebook.sqlite"],
  "db status": ["scorebook db status", "scorebook db status --db /srv/scorebook.sqlite"],
  "db roles": ["scorebook db roles --db postgres://owner@localhost/scorebook", "scorebook db roles --db postgres://owner@localhost/scorebook --reader auditors --writer ingesters"],
  "db copy": ["scorebook db copy --from db/scorebook.sqlite --to postgres://localhost/scorebook", "scorebook db copy --from old.sqlite --to new.sqlite"],
  serve: ["scorebook serve                                   # read-only, on http://127.0.0.1:8080", "scorebook serve --host 0.0.0.0 --port 8080 --users /etc/scorebook/users.json"],
  users: ["echo 'a long passphrase' | scorebook users add users.json alice --role editor", "scorebook users add /etc/scorebook/users.json bob < bob-password.txt"],
  "users add": ["echo 'a long passphrase' | scorebook users add users.json alice --role editor", "scorebook users add users.json bob < bob-password.txt"],
  reextract: ["scorebook reextract --outdated                    # documents an older extractor version made", "scorebook reextract --db /srv/scorebook.sqlite"],
};

/** A command's path below the program: "show score". */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** Every command below the program, depth first. */
export function allCommands(program: Command): Command[] {
  return program.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Add the examples to each command's help (after its options). */
export function addExamples(program: Command): void {
  program.addHelpText("after", examplesText(["scorebook ingest fixtures/reports && scorebook history", "scorebook gaps --open", "scorebook <command> --help"]));
  for (const command of allCommands(program)) {
    const lines = EXAMPLES[commandPath(command)];
    if (lines) command.addHelpText("after", examplesText(lines));
  }
}

function examplesText(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}
