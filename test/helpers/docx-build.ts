/**
 * Build small DOCX packages in tests (with jszip, which mammoth already depends on).
 */
import JSZip from "jszip";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

/** A word/document.xml around body XML. */
export function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

export const p = (text: string, props = ""): string =>
  `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
export const pageBreakParagraph = (): string => `<w:p><w:r><w:br w:type="page"/></w:r></w:p>`;

/** A table cell: gridSpan / vMerge ("restart" | "continue") as Word writes spans. */
export function tc(text: string, opts: { span?: number; vMerge?: "restart" | "continue" } = {}): string {
  const props = [
    opts.span ? `<w:gridSpan w:val="${opts.span}"/>` : "",
    opts.vMerge === "restart" ? `<w:vMerge w:val="restart"/>` : opts.vMerge === "continue" ? `<w:vMerge/>` : "",
  ].join("");
  return `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ""}${p(text)}</w:tc>`;
}
export const tr = (...cells: string[]): string => `<w:tr>${cells.join("")}</w:tr>`;
export const tbl = (...rows: string[]): string => `<w:tbl>${rows.join("")}</w:tbl>`;

export async function buildDocx(body: string, extra: Record<string, string> = {}, withDocument = true): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", ROOT_RELS);
  if (withDocument) zip.file("word/document.xml", documentXml(body));
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

export function coreXml(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title></cp:coreProperties>`;
}

/**
 * Rewrite the declared uncompressed size of one entry in the zip's central directory (the
 * bytes stay small): what a zip bomb looks like to a reader that checks before inflating.
 */
export function withDeclaredSize(zip: Uint8Array, entryName: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const name = new TextEncoder().encode(entryName);
  for (let pos = 0; pos + 46 < out.length; pos++) {
    if (view.getUint32(pos, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(pos + 28, true);
    const candidate = out.subarray(pos + 46, pos + 46 + nameLength);
    if (nameLength === name.length && candidate.every((b, i) => b === name[i])) {
      view.setUint32(pos + 24, size, true);
      return out;
    }
  }
  throw new Error(`entry ${entryName} not found`);
}
