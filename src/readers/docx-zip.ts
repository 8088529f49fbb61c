/**
 * Reads a zip's central directory without decompressing anything, so the DOCX reader can
 * refuse a package that is not a zip, lacks word/document.xml, or declares an uncompressed
 * size that would exhaust memory (a zip bomb) before mammoth/jszip inflate a single byte.
 */

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  /** Declared uncompressed size (from the central directory, zip64 extra field if present). */
  uncompressedSize: number;
}

export class ZipFormatError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_EOCD_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
/** EOCD is 22 bytes plus a comment of at most 65535 bytes. */
const MAX_EOCD_SEARCH = 22 + 0xffff;

/** List the entries of a zip from its central directory. Throws ZipFormatError when not a zip. */
export function listZipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(view);
  if (eocd < 0) throw new ZipFormatError("no end-of-central-directory record");
  let entryCount = view.getUint16(eocd + 10, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || dirOffset === 0xffffffff) {
    const zip64 = readZip64Eocd(view, eocd);
    entryCount = zip64.entryCount;
    dirOffset = zip64.dirOffset;
  }
  const entries: ZipEntryInfo[] = [];
  let pos = dirOffset;
  for (let i = 0; i < entryCount; i++) {
    if (pos + 46 > view.byteLength || view.getUint32(pos, true) !== CENTRAL_ENTRY_SIGNATURE) {
      throw new ZipFormatError("central directory is truncated or damaged");
    }
    let compressedSize = view.getUint32(pos + 20, true);
    let uncompressedSize = view.getUint32(pos + 24, true);
    const nameLength = view.getUint16(pos + 28, true);
    const extraLength = view.getUint16(pos + 30, true);
    const commentLength = view.getUint16(pos + 32, true);
    const nameStart = pos + 46;
    if (nameStart + nameLength + extraLength > view.byteLength) {
      throw new ZipFormatError("central directory is truncated or damaged");
    }
    const name = new TextDecoder().decode(bytes.subarray(nameStart, nameStart + nameLength));
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff) {
      const sizes = readZip64Sizes(view, nameStart + nameLength, extraLength, uncompressedSize, compressedSize);
      uncompressedSize = sizes.uncompressedSize;
      compressedSize = sizes.compressedSize;
    }
    entries.push({ name, compressedSize, uncompressedSize });
    pos = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEocd(view: DataView): number {
  const stop = Math.max(0, view.byteLength - MAX_EOCD_SEARCH);
  for (let pos = view.byteLength - 22; pos >= stop; pos--) {
    if (view.getUint32(pos, true) === EOCD_SIGNATURE) return pos;
  }
  return -1;
}

function readZip64Eocd(view: DataView, eocd: number): { entryCount: number; dirOffset: number } {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_EOCD_LOCATOR_SIGNATURE) {
    throw new ZipFormatError("zip64 locator missing");
  }
  const record = safeNumber(view.getBigUint64(locator + 8, true));
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE) {
    throw new ZipFormatError("zip64 end record missing");
  }
  return {
    entryCount: safeNumber(view.getBigUint64(record + 32, true)),
    dirOffset: safeNumber(view.getBigUint64(record + 48, true)),
  };
}

/** Zip64 extended information (header id 1): the 64-bit sizes, present only for 0xFFFFFFFF fields. */
function readZip64Sizes(
  view: DataView,
  start: number,
  length: number,
  uncompressed: number,
  compressed: number,
): { uncompressedSize: number; compressedSize: number } {
  let pos = start;
  while (pos + 4 <= start + length) {
    const id = view.getUint16(pos, true);
    const size = view.getUint16(pos + 2, true);
    if (id === 0x0001) {
      let field = pos + 4;
      let u = uncompressed;
      let c = compressed;
      if (u === 0xffffffff && field + 8 <= pos + 4 + size) {
        u = safeNumber(view.getBigUint64(field, true));
        field += 8;
      }
      if (c === 0xffffffff && field + 8 <= pos + 4 + size) {
        c = safeNumber(view.getBigUint64(field, true));
      }
      return { uncompressedSize: u, compressedSize: c };
    }
    pos += 4 + size;
  }
  // Sizes say "see zip64" but there is no zip64 field: treat as unknown and enormous.
  return { uncompressedSize: Number.MAX_SAFE_INTEGER, compressedSize: compressed };
}

function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}
