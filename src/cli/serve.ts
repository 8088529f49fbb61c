/**
 * `scorebook serve`: the auditors' web app over the store (src/server), and `scorebook users
 * add` to create the accounts file that enables signing in and editing.
 */
import { existsSync } from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import { defaultRollup } from "../align/canonical.js";
import { addUser, readUsers, ROLES, type Role } from "../server/auth/users.js";
import { StoreError } from "../store/open.js";
import { log, withStore } from "./context.js";

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port number (0-65535; 0 picks a free one)");
  return n;
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected ${ROLES.join(" or ")}`);
  return value as Role;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("the auditors' web app: overview, areas, compare, gaps ledger, documents, facts with their source pages, JSON under /api/")
    .option("--host <address>", "address to listen on (anything but loopback needs --users)", "127.0.0.1")
    .option("--port <n>", "port (0: any free port)", parsePort, 8080)
    .option("--users <file>", "accounts file (scorebook users add): enables sign-in and editing")
    .action(async (opts: { host: string; port: number; users?: string }) => {
      const { db } = program.opts<{ db: string }>();
      // The web app reads a store; it never creates one (only ingest and db migrate do).
      if (!/^postgres(ql)?:\/\//.test(db) && db !== ":memory:" && !existsSync(db)) throw new StoreError(`${db}: no store here (run scorebook ingest first)`);
      const users = opts.users ? readUsers(opts.users) : null;
      // Loaded here, not at the top: other commands need not load the web stack.
      const { checkBinding, serveUntilStopped } = await import("../server/listen.js");
      checkBinding(opts.host, users !== null);
      await withStore(db, (store) => serveUntilStopped({ db: store, host: opts.host, port: opts.port, users, rollup: defaultRollup(), log }));
    });

  const users = program.command("users").description("accounts for scorebook serve --users FILE");
  users
    .command("add <file> <name>")
    .description("add or replace an account; the password is read from standard input (one line)")
    .option("--role <role>", "reader or editor", parseRole, "reader" as Role)
    .action(async (file: string, name: string, opts: { role: Role }) => {
      const password = await readStdin();
      await addUser(file, name, opts.role, password);
      log(`${file}: ${name} (${opts.role}) saved`);
    });
}
