/**
 * `scorebook reextract [--outdated]`: extraction run again from the originals the store kept
 * (table `files`), for documents whose source file may have moved. The same parse as ingest
 * (pipelines/parse.ts) and the same store write with `force`, so the gap ledger carries over
 * exactly as `ingest --force` carries it (ids, statuses, people's decisions, first ingest
 * time); area links are recomputed once at the end, as ingest does for a batch. With
 * `outdated`, only documents an older extractor version made. Documents without kept bytes
 * (ingested with --no-keep-files, or before originals were kept) are listed as skipped.
 */
import { EXTRACTOR_VERSION } from "../src/extract/index.js";
import type { Store } from "../src/store/open.js";
import { storeDocument } from "../src/store/write.js";
import { withBusyRetry } from "../src/store/dialect.js";
import { afterBatchStored } from "./hooks.js";
import { DEFAULT_LIMITS } from "./ingest.js";
import { parseDocument } from "./parse.js";

export interface ReextractOutcome {
  document: string;
  documentId: number;
  status: "replaced" | "failed" | "skipped";
  message: string;
}

export interface ReextractSummary {
  considered: number;
  replaced: number;
  failed: number;
  skipped: number;
}

export async function reextract(db: Store, options: { outdated?: boolean; report?: (o: ReextractOutcome) => void } = {}): Promise<ReextractSummary> {
  let q = db
    .selectFrom("documents as d")
    .leftJoin("files as f", "f.sha256", "d.sha256")
    .select(["d.id", "d.source", "d.path", "d.sha256", "d.extractor_version", "f.sha256 as kept"])
    .orderBy("d.id");
  if (options.outdated) q = q.where("d.extractor_version", "<>", EXTRACTOR_VERSION);
  const docs = await q.execute();
  const summary: ReextractSummary = { considered: docs.length, replaced: 0, failed: 0, skipped: 0 };
  const report = (o: ReextractOutcome) => {
    summary[o.status]++;
    options.report?.(o);
  };
  for (const d of docs) {
    if (d.kept === null) {
      report({ document: d.source, documentId: d.id, status: "skipped", message: "no kept original (ingested with --no-keep-files or before originals were kept; ingest --force the file)" });
      continue;
    }
    // One document's bytes at a time: an archive's originals need not fit in memory together.
    const file = await db.selectFrom("files").select(["bytes", "size_bytes"]).where("sha256", "=", d.sha256).executeTakeFirstOrThrow();
    const bytes = new Uint8Array(file.bytes);
    const result = await parseDocument({ name: d.source, bytes, limits: { maxBytes: DEFAULT_LIMITS.maxBytes, maxPages: DEFAULT_LIMITS.maxPages } });
    if (!result.ok) {
      report({ document: d.source, documentId: d.id, status: "failed", message: result.message });
      continue;
    }
    const stored = await withBusyRetry(() =>
      storeDocument(
        db,
        { source: d.source, path: d.path, format: result.format, sha256: d.sha256, sizeBytes: file.size_bytes, pages: result.pages, extractorVersion: result.extractorVersion },
        result.facts,
        { force: true },
      ),
    );
    report({ document: d.source, documentId: stored.documentId, status: "replaced", message: `extracted again by ${result.extractorVersion} (was ${d.extractor_version})` });
  }
  if (summary.replaced > 0) await afterBatchStored(db);
  return summary;
}
