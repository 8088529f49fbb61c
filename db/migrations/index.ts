/**
 * The store's migrations, in order. Forward-only and numbered: a new migration is a new
 * file here and a new entry below, never an edit to an old one. Listed statically (not read
 * from a folder) so they work the same from source, from dist/ and inside worker threads.
 */
import type { Migration } from "kysely";
import * as m001 from "./001_initial.js";
import * as m002 from "./002_passages.js";
import * as m003 from "./003_foreign_key_indexes.js";
import * as m004 from "./004_history_indexes.js";
import * as m005 from "./005_authorities.js";
import * as m006 from "./006_reports.js";
import * as m007 from "./007_ocr_confidence.js";
import * as m008 from "./008_kept_files.js";

export const migrations: Record<string, Migration> = {
  "001_initial": m001,
  "002_passages": m002,
  "003_foreign_key_indexes": m003,
  "004_history_indexes": m004,
  "005_authorities": m005,
  "006_reports": m006,
  "007_ocr_confidence": m007,
  "008_kept_files": m008,
};
