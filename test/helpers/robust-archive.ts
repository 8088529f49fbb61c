/** A small mixed archive (fixtures, variants of them, and a few bad files) written to a folder. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  fixture,
  FIXTURE_DOCX,
  FIXTURE_DOCX_2,
  FIXTURE_MD,
  FIXTURE_PDF,
  FIXTURE_PDF_2,
  FIXTURE_TXT,
  variant,
} from "./robust-fixtures.js";

export interface ArchiveOptions {
  pdfs?: number;
  docx?: number;
  texts?: number;
  /** Add an empty file and a truncated PDF (they fail on every run). */
  bad?: boolean;
}

/** Files are named so that their sorted order interleaves the formats. Returns the names. */
export function writeArchive(dir: string, options: ArchiveOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  const put = (name: string, bytes: Buffer) => {
    writeFileSync(join(dir, name), bytes);
    names.push(name);
  };
  const pdfs = [fixture(FIXTURE_PDF), fixture(FIXTURE_PDF_2)];
  const docxs = [fixture(FIXTURE_DOCX), fixture(FIXTURE_DOCX_2)];
  const texts: [Buffer, string][] = [
    [fixture(FIXTURE_TXT), "txt"],
    [fixture(FIXTURE_MD), "md"],
  ];
  const n = Math.max(options.pdfs ?? 3, options.docx ?? 4, options.texts ?? 4);
  for (let i = 0; i < n; i++) {
    const tag = String(i).padStart(3, "0");
    if (i < (options.pdfs ?? 3)) put(`r${tag}-a.pdf`, i < 2 ? pdfs[i]! : variant(pdfs[i % 2]!, "pdf", tag));
    if (i < (options.docx ?? 4)) put(`r${tag}-b.docx`, i < 2 ? docxs[i]! : variant(docxs[i % 2]!, "docx", tag));
    if (i < (options.texts ?? 4)) {
      const [bytes, ext] = texts[i % 2]!;
      put(`r${tag}-c.${ext}`, i < 2 ? bytes : variant(bytes, "text", tag));
    }
  }
  if (options.bad ?? true) {
    put("r001-d-empty.pdf", Buffer.alloc(0));
    const pdf = pdfs[0]!;
    put("r002-d-truncated.pdf", pdf.subarray(0, Math.floor(pdf.length / 2)));
  }
  return names.sort();
}
