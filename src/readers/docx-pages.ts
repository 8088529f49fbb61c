/**
 * Page breaks in word/document.xml, made visible to mammoth.
 *
 * Mammoth has no page concept but does turn `<w:br w:type="page"/>` into a break element
 * that a style map can render. So we rewrite document.xml so that every place where a page
 * starts carries such a break, and the HTML walker counts them:
 *
 * - When Word (or LibreOffice) recorded where pages fell on the last render
 *   (`w:lastRenderedPageBreak`), those markers are the truth, soft breaks included. Word also
 *   writes one after every explicit break, so explicit breaks are dropped in that case to
 *   avoid counting a page twice.
 * - Otherwise only the structural breaks are known: explicit page breaks, paragraphs with
 *   "page break before", and section breaks that start a new page. Soft breaks (text
 *   flowing onto the next page) are invisible, so the count is a lower bound.
 */

export type PageBreakSource = "rendered" | "explicit" | "none";

export interface MarkedDocumentXml {
  xml: string;
  source: PageBreakSource;
  /** Number of page breaks now present as `w:br w:type="page"`. */
  breaks: number;
  /** True when the XML was changed (the package must be rewritten before mammoth reads it). */
  changed: boolean;
}

const PAGE_BREAK_RUN = '<w:r><w:br w:type="page"/></w:r>';
const EXPLICIT_BREAK = /<w:br\b[^>]*\bw:type\s*=\s*["']page["'][^>]*\/>/g;
const RENDERED_BREAK = /<w:lastRenderedPageBreak\s*\/>/g;

export function markPageBreaks(xml: string): MarkedDocumentXml {
  const rendered = countMatches(xml, RENDERED_BREAK);
  if (rendered > 0) {
    const withoutExplicit = xml.replace(EXPLICIT_BREAK, "");
    const marked = withoutExplicit.replace(RENDERED_BREAK, '<w:br w:type="page"/>');
    return { xml: marked, source: "rendered", breaks: rendered, changed: true };
  }
  let changed = false;
  let out = xml;
  const beforeBreaks = insertPageBreakBefore(out);
  if (beforeBreaks !== out) {
    out = beforeBreaks;
    changed = true;
  }
  const sectionBreaks = insertSectionBreaks(out);
  if (sectionBreaks !== out) {
    out = sectionBreaks;
    changed = true;
  }
  const breaks = countMatches(out, EXPLICIT_BREAK);
  return { xml: out, source: breaks > 0 ? "explicit" : "none", breaks, changed };
}

function countMatches(text: string, pattern: RegExp): number {
  return (text.match(new RegExp(pattern.source, "g")) ?? []).length;
}

/** `<w:pageBreakBefore/>` (not val=0/false) in a paragraph's properties → a break run at its start. */
function insertPageBreakBefore(xml: string): string {
  return xml.replace(/(<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*?<w:pageBreakBefore(?:\s+w:val\s*=\s*["'](?:1|true|on)["'])?\s*\/>(?:(?!<\/w:pPr>)[\s\S])*<\/w:pPr>)/g, `$1${PAGE_BREAK_RUN}`);
}

/**
 * A paragraph whose properties hold a `w:sectPr` ends a section. Whether the next section
 * starts on a new page is said by the *next* section's own `w:type` (OOXML puts the break
 * kind on the section that follows); "continuous" and "nextColumn" stay on the page, every
 * other kind (default nextPage) starts a new one. The break run goes at the end of the
 * paragraph. The body's final sectPr ends the document and adds no break.
 */
function insertSectionBreaks(xml: string): string {
  const types = [...xml.matchAll(/<w:sectPr\b(?:[^>]*\/>|[\s\S]*?<\/w:sectPr>)/g)].map(
    (m) => /<w:type\s+w:val\s*=\s*["'](\w+)["']/.exec(m[0])?.[1] ?? "nextPage",
  );
  let index = 0;
  return xml.replace(/<w:pPr>((?:(?!<\/w:pPr>)[\s\S])*?<w:sectPr\b(?:(?!<\/w:pPr>)[\s\S])*?)<\/w:pPr>((?:(?!<\/w:p>)[\s\S])*)<\/w:p>/g, (whole, props: string, rest: string) => {
    index++;
    const nextType = types[index] ?? "nextPage";
    if (nextType === "continuous" || nextType === "nextColumn") return whole;
    return `<w:pPr>${props}</w:pPr>${rest}${PAGE_BREAK_RUN}</w:p>`;
  });
}

/** dc:title from docProps/core.xml, entities decoded; null when absent or blank. */
export function coreTitle(coreXml: string | null): string | null {
  if (!coreXml) return null;
  const match = /<dc:title(?:\s[^>]*)?>([\s\S]*?)<\/dc:title>/.exec(coreXml);
  const raw = match?.[1]?.trim();
  if (!raw) return null;
  return decodeXmlEntities(raw).replace(/\s+/g, " ").trim() || null;
}

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, ent: string) => {
    const e = ent.toLowerCase();
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}
