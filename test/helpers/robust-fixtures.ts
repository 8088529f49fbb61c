/**
 * Bad (and good) input files made by the tests themselves, byte by byte, so that no fixture
 * tool (qpdf, LibreOffice, …) is needed: small PDFs (text pages, image-only "scanned" pages,
 * RC4 Standard-security encryption with or without a user password) and zip packages
 * (a DOCX-shaped zip, a zip bomb), plus the other kinds an archive holds.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateRawSync, createDeflateRaw } from "node:zlib";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "reports");
export const FIXTURE_PDF = join(FIXTURES, "mcc-2018-03-evaluative-progress-report.pdf");
export const FIXTURE_PDF_2 = join(FIXTURES, "mcc-2015-09-strategic-overview.pdf");
export const FIXTURE_DOCX = join(FIXTURES, "mcc-2018-03-evaluative-progress-report.docx");
export const FIXTURE_DOCX_2 = join(FIXTURES, "mcc-2015-09-strategic-overview.docx");
export const FIXTURE_TXT = join(FIXTURES, "mcc-2018-03-evaluative-progress-report.txt");
export const FIXTURE_MD = join(FIXTURES, "mcc-2015-09-strategic-overview.md");

export function fixture(path: string): Buffer {
  return readFileSync(path);
}

// ---------------------------------------------------------------------------------------
// PDF

export interface PdfPage {
  /** Lines of text drawn with Helvetica; none = a page with no text layer. */
  lines?: string[];
  /** Draw a grey image filling most of the page (a scanned page). */
  image?: boolean;
}

export interface PdfOptions {
  pages: PdfPage[];
  /** Standard security handler, RC4 (V1/R2, 40-bit). userPassword "" = opens without one. */
  encrypt?: { userPassword: string; ownerPassword: string };
  /** Bytes of comment padding (to make a file big without adding pages). */
  padBytes?: number;
}

const PAD = Buffer.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash("md5").update(Buffer.concat(parts)).digest();
const padPassword = (pw: string) => Buffer.concat([Buffer.from(pw, "latin1"), PAD]).subarray(0, 32);

interface Security {
  key: Buffer;
  O: Buffer;
  U: Buffer;
  P: number;
}

/** Algorithms 2, 3 and 4 of the PDF spec (revision 2, 40-bit key). */
function standardSecurity(userPassword: string, ownerPassword: string, id: Buffer): Security {
  const P = -44; // print/copy allowed bits, the rest denied
  const O = rc4(md5(padPassword(ownerPassword || userPassword)).subarray(0, 5), padPassword(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(P);
  const key = md5(padPassword(userPassword), O, p, id).subarray(0, 5);
  const U = rc4(key, PAD);
  return { key, O, U, P };
}

function objectKey(sec: Security, num: number): Buffer {
  const extra = Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0]);
  return md5(sec.key, extra).subarray(0, Math.min(sec.key.length + 5, 16));
}

function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A small, valid PDF built from scratch. */
export function buildPdf(options: PdfOptions): Buffer {
  const id = createHash("md5").update(JSON.stringify(options)).digest();
  const sec = options.encrypt ? standardSecurity(options.encrypt.userPassword, options.encrypt.ownerPassword, id) : null;
  const objects: (Buffer | null)[] = []; // index = object number - 1
  const reserve = () => {
    objects.push(null);
    return objects.length;
  };
  const setObject = (num: number, dict: string, stream?: Buffer) => {
    let body: Buffer;
    if (stream) {
      const data = sec ? rc4(objectKey(sec, num), stream) : stream;
      body = Buffer.concat([Buffer.from(`${dict.replace(/>>\s*$/, ` /Length ${data.length} >>`)}\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]);
    } else {
      body = Buffer.from(dict, "latin1");
    }
    objects[num - 1] = Buffer.concat([Buffer.from(`${num} 0 obj\n`, "latin1"), body, Buffer.from("\nendobj\n", "latin1")]);
  };

  const catalog = reserve();
  const pagesObj = reserve();
  const font = reserve();
  setObject(font, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  let image = 0;
  if (options.pages.some((p) => p.image)) {
    image = reserve();
    const w = 64;
    const h = 64;
    const pixels = Buffer.alloc(w * h);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 251;
    setObject(image, `<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 >>`, pixels);
  }
  const kids: number[] = [];
  for (const page of options.pages) {
    const pageNum = reserve();
    const contentNum = reserve();
    const ops: string[] = [];
    if (page.image) ops.push("q 500 0 0 700 50 50 cm /Im1 Do Q");
    if (page.lines?.length) {
      ops.push("BT /F1 11 Tf 14 TL 72 760 Td");
      for (const line of page.lines) ops.push(`(${escapePdfString(line)}) Tj T*`);
      ops.push("ET");
    }
    setObject(contentNum, "<< >>", Buffer.from(ops.join("\n"), "latin1"));
    const xobjects = page.image ? ` /XObject << /Im1 ${image} 0 R >>` : "";
    setObject(
      pageNum,
      `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >>${xobjects} >> /Contents ${contentNum} 0 R >>`,
    );
    kids.push(pageNum);
  }
  setObject(pagesObj, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`);
  setObject(catalog, `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`);
  let encryptRef = "";
  if (sec) {
    const enc = reserve();
    setObject(enc, `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${sec.O.toString("hex")}> /U <${sec.U.toString("hex")}> /P ${sec.P} >>`);
    encryptRef = ` /Encrypt ${enc} 0 R`;
  }

  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = chunks[0]!.length;
  if (options.padBytes) {
    const line = "% padding " + "x".repeat(100) + "\n";
    const pad = Buffer.from(line.repeat(Math.ceil(options.padBytes / line.length)), "latin1");
    chunks.push(pad);
    offset += pad.length;
  }
  const offsets: number[] = [];
  for (const obj of objects) {
    offsets.push(offset);
    chunks.push(obj!);
    offset += obj!.length;
  }
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  const hexId = id.toString("hex");
  chunks.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /ID [<${hexId}> <${hexId}>]${encryptRef} >>\nstartxref\n${offset}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(chunks);
}

/** A page of report-like text. */
export function textPage(n: number): PdfPage {
  return {
    lines: [
      `Safeguarding progress report - page ${n}`,
      "Area 1: Good Governance. Self-assessment score 4.",
      "87% of enquiries were completed within 7 days (80% previously).",
    ],
  };
}

// ---------------------------------------------------------------------------------------
// ZIP (just enough for DOCX-shaped packages)

export interface ZipEntry {
  name: string;
  /** Entry content, deflated. */
  data?: Buffer;
  /** Already-deflated content plus its true sizes (for a bomb built without the bytes). */
  deflated?: { bytes: Buffer; uncompressedSize: number; crc: number };
}

export function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const raw = entry.data ?? Buffer.alloc(0);
    const compressed = entry.deflated?.bytes ?? deflateRawSync(raw);
    const size = entry.deflated?.uncompressedSize ?? raw.length;
    const crc = entry.deflated?.crc ?? crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** Deflate `size` zero bytes without holding them: a zip bomb's payload. */
export async function deflatedZeros(size: number): Promise<{ bytes: Buffer; uncompressedSize: number; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return { bytes: Buffer.concat(out), uncompressedSize: size, crc };
}

/** A DOCX-shaped zip whose word/document.xml inflates to `size` bytes. */
export async function buildZipBomb(size: number): Promise<Buffer> {
  return buildZip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(RELS) },
    { name: "word/document.xml", deflated: await deflatedZeros(size) },
  ]);
}

/** A Word document saved as HTML ("Save as Web Page") and given a .docx name. */
export const WORD_HTML = Buffer.from(
  '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\n' +
    "<head><meta charset=utf-8><title>Safeguarding report</title></head>\n<body><h1>Safeguarding report</h1><p>Area 1 score 4</p></body></html>\n",
);

/** A download that failed and saved the server's error page under the file's name. */
export const ERROR_PAGE = Buffer.from("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n");

/** A legacy Word 97-2003 file (OLE compound document) renamed .docx. */
export const LEGACY_DOC = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024, 0xff)]);

/** Give a copy of a fixture distinct bytes (and so a distinct sha256) without changing its content. */
export function variant(bytes: Buffer, kind: "pdf" | "docx" | "text", tag: string): Buffer {
  if (kind === "pdf") return Buffer.concat([bytes, Buffer.from(`% variant ${tag}\n%%EOF\n`, "latin1")]);
  if (kind === "text") return Buffer.concat([bytes, Buffer.from(`\n\n<!-- variant ${tag} -->\n`)]);
  return withZipComment(bytes, `variant ${tag}`);
}

/** Set a zip's archive comment (the EOCD's trailing comment): same entries, different bytes. */
export function withZipComment(zip: Buffer, comment: string): Buffer {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip");
  const head = Buffer.from(zip.subarray(0, eocd + 22));
  const text = Buffer.from(comment, "latin1");
  head.writeUInt16LE(text.length, eocd + 20);
  return Buffer.concat([head, text]);
}
