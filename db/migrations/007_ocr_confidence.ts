/**
 * 007 — facts read by OCR carry the confidence of the words behind them (0..100, tesseract's
 * word confidence; null for facts read from a text layer, DOCX or text). The export shows it
 * as `ocr` (true when set) and `ocr_confidence`.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const TABLES = ["scores", "indicators", "actions", "gaps"] as const;

export async function up(db: AnyDb): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn("ocr_confidence", "real").execute();
}
