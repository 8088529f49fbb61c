#!/usr/bin/env node
/**
 * scorebook: the command line. Each command is registered from its own module; this file
 * only sets up the shared options and turns failures into one line on stderr + exit code.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { configureOutput, terminalWidth } from "../format/output.js";
import { ReaderError } from "../readers/errors.js";
import { StoreError, DEFAULT_DB_PATH } from "../store/open.js";
import { EXIT, log, packageVersion } from "./context.js";
import { errorLine, quietOnClosedPipe } from "./errors.js";
import { addExamples } from "./help.js";
import { registerEvidence } from "./evidence.js";
import { registerAreas } from "./areas.js";
import { registerCompare } from "./compare.js";
import { registerDb } from "./db.js";
import { registerDocuments } from "./documents.js";
import { registerExport } from "./export.js";
import { registerFamilies } from "./families.js";
import { registerGaps } from "./gaps.js";
import { registerHistory } from "./history.js";
import { registerIngest } from "./ingest.js";
import { registerQueue, registerWorker } from "./queue.js";
import { registerReport } from "./report.js";
import { registerReextract } from "./reextract.js";
import { registerServe } from "./serve.js";
import { registerShow } from "./show.js";
import { registerTables } from "./tables.js";

export function buildProgram(): Command {
  const program = new Command()
    .name("scorebook")
    .description("Safeguarding report scores, indicators, actions and figures-awaited gaps, from PDF/DOCX/text into one store (SQLite, or a shared PostgreSQL).")
    .version(packageVersion())
    .option("--db <store>", "the store: a SQLite file (a relative path is relative to the current folder), or a postgres:// URL for a shared PostgreSQL store; $SCOREBOOK_DB sets the default", process.env.SCOREBOOK_DB ?? DEFAULT_DB_PATH)
    .option("--wide", "tables: show every cell whole (default: fit the terminal, or $COLUMNS, shortening long text with …)")
    .option("--csv-raw", "csv: write cells exactly as stored (default: a cell starting with = + - @ tab CR LF gets a leading ')")
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .exitOverride()
    .hook("preAction", (thisCommand) => {
      const opts = thisCommand.opts<{ wide?: boolean; csvRaw?: boolean }>();
      configureOutput({ width: terminalWidth(), wide: opts.wide === true, raw: opts.csvRaw === true });
    });
  registerIngest(program);
  registerWorker(program);
  registerQueue(program);
  registerExport(program);
  registerHistory(program);
  registerTables(program);
  registerAreas(program);
  registerCompare(program);
  registerShow(program);
  registerReport(program);
  registerGaps(program);
  registerEvidence(program);
  registerFamilies(program);
  registerDocuments(program);
  registerDb(program);
  registerServe(program);
  registerReextract(program);
  addExamples(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  quietOnClosedPipe(process.stdout);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof InvalidArgumentError) {
      // Thrown by a command's own check (e.g. an id), not by commander's parsing: not printed yet.
      log(`scorebook: ${error.message}`);
      return EXIT.error;
    }
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (error instanceof ReaderError || error instanceof StoreError) {
      log(`scorebook: ${errorLine(error)}`);
      return EXIT.error;
    }
    log(`scorebook: ${errorLine(error)}`);
    return EXIT.error;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
