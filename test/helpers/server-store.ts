/**
 * A store for the web app's tests: two real reports ingested by the CLI (the 2018 PDF, so
 * page images have kept bytes, and the 2015 text rendering), plus one hand-built document
 * whose file name, area labels, texts, passages, messages and a gap note carry XSS payloads.
 * Accounts: an editor and a reader (password "correct horse").
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { realign } from "../../src/align/store.js";
import { resolveManually } from "../../src/gaps/ledger.js";
import { addUser, readUsers, type UserRecord } from "../../src/server/auth/users.js";
import { openStore, type Store } from "../../src/store/open.js";
import { storeDocument } from "../../src/store/write.js";
import { runCli, tempDir } from "./cli.js";
import { sampleFacts, sampleSource } from "./facts-builder.js";
import { freshStoreLocation } from "./store.js";

export const PAYLOAD = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
export const PASSWORD = "correct horse";
export const PDF = "mcc-2018-03-evaluative-progress-report.pdf";
export const MD = "mcc-2015-09-strategic-overview.md";

export interface ServerStore {
  dir: string;
  path: string;
  db: Store;
  users: UserRecord[];
  usersFile: string;
  xssDocumentId: number;
  xssGapId: number;
}

export async function buildServerStore(): Promise<ServerStore> {
  const dir = tempDir("scorebook-serve-");
  // A SQLite file, or a fresh PostgreSQL database when the suite runs in the "postgres" project.
  const path = await freshStoreLocation(dir);
  for (const f of [PDF, MD]) copyFileSync(join("fixtures/reports", f), join(dir, f));
  const ingest = runCli(["--db", path, "ingest", "--jobs", "1", join(dir, PDF), join(dir, MD)]);
  if (ingest.code !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  const db = await openStore(path);
  const base = sampleFacts();
  const place = { page: 2, bbox: null, lines: null };
  const facts = sampleFacts({
    title: `Title ${PAYLOAD}`,
    areas: base.areas.map((a, i) => ({ ...a, label: i === 0 ? `Good Governance ${PAYLOAD}` : a.label, description: `${a.description} ${PAYLOAD}` })),
    indicators: base.indicators.map((x) => ({ ...x, text: `${x.text} ${PAYLOAD}` })),
    actions: base.actions.map((x) => ({ ...x, text: `Review ${PAYLOAD}` })),
    gaps: base.gaps.map((g) => ({ ...g, text: `Training ${PAYLOAD}`, marker: `?????? ${PAYLOAD}` })),
    messages: [{ level: "warning", text: `warning ${PAYLOAD}`, place, source: "extract:scores" }],
    passages: [...base.passages, { text: `passage ${PAYLOAD}`, areaKey: null, place, kind: "paragraph", row: null, col: null }],
  });
  const stored = await storeDocument(db, sampleSource({ source: `report ${PAYLOAD}.pdf`, sha256: "e".repeat(64), path: null }), facts);
  await db.transaction().execute((trx) => realign(trx));
  const gap = await db.selectFrom("gaps").select("id").where("document_id", "=", stored.documentId).executeTakeFirstOrThrow();
  await resolveManually(db, gap.id, `note ${PAYLOAD}`, { actor: "test" });
  const usersFile = join(dir, "users.json");
  await addUser(usersFile, "edna", "editor", PASSWORD);
  await addUser(usersFile, "rita", "reader", PASSWORD);
  return { dir, path, db, users: readUsers(usersFile), usersFile, xssDocumentId: stored.documentId, xssGapId: gap.id };
}
