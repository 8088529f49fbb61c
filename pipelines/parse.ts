/**
 * One file's bytes → DocumentFacts: read + extract, the CPU-bound half of ingest. Runs inside
 * an ingest worker (pipelines/ingest-worker.ts); never touches the store. Never throws: a
 * failure is a result with a stable reason code and a one-line message.
 */
import { loadFamilies } from "../src/extract/family-file.js";
import { extractFacts, EXTRACTOR_VERSION } from "../src/extract/index.js";
import { readBytes, ReaderError } from "../src/readers/index.js";
import { stripName, type ParseProgress, type ParseResult, type ParseTask } from "./parse-types.js";

export type { ParseProgress, ParseResult, ParseTask } from "./parse-types.js";

export async function parseDocument(task: ParseTask, onProgress?: (p: ParseProgress) => void): Promise<ParseResult> {
  const { name, bytes, limits } = task;
  try {
    const layout = await readBytes(bytes, name, limits, undefined, {
      ocr: task.ocr,
      onOcrPage: onProgress ? (done, total, page) => onProgress({ ocrDone: done, ocrTotal: total, page }) : undefined,
    });
    const facts = extractFacts(layout, { families: loadFamilies(task.familiesFile ?? null), family: task.family });
    const pages = layout.format === "pdf" || layout.format === "docx" ? layout.meta.pageCount : null;
    return { ok: true, format: layout.format, pages, facts, extractorVersion: EXTRACTOR_VERSION };
  } catch (error) {
    if (error instanceof ReaderError) return { ok: false, reason: error.reason, message: stripName(error.message, name) };
    return { ok: false, reason: "internal", message: `could not extract (${firstLine(error)})` };
  }
}


function firstLine(error: unknown): string {
  // A zod error's message is its issues as multi-line JSON: name the first issue instead.
  const issues = (error as { name?: string; issues?: { path: PropertyKey[]; message: string }[] })?.issues;
  if ((error as { name?: string })?.name === "ZodError" && Array.isArray(issues) && issues[0]) {
    const first = issues[0];
    const more = issues.length > 1 ? `; ${issues.length - 1} more` : "";
    return `facts failed validation: ${first.path.map(String).join(".")}: ${first.message}${more}`.slice(0, 200);
  }
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
