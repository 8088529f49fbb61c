/**
 * Renders the other councils' report families (fictional Welsh councils, written for the
 * tests) from their one source each in fixtures/councils/source/*.md into the three
 * renderings ingest reads, so every rendering carries the same words:
 *   - a text rendering in the family's own table style: markdown pipe tables (.md),
 *     tab-separated lines (.txt) or whitespace-aligned columns (.txt);
 *   - DOCX: the source as HTML, converted by LibreOffice;
 *   - PDF: that DOCX exported by LibreOffice (a Word-style "export to PDF").
 * The gold facts (fixtures/gold/<stem>.json) are written by hand; this script does not touch them.
 *
 *   npx tsx scripts/make-council-fixtures.ts        (needs soffice: apt-get install libreoffice-writer-nogui)
 *   npx tsx scripts/make-council-fixtures.ts DIR STEM:pipe|tab|aligned:ruled|borderless …
 *     renders other sources (DIR/source/STEM.md) into DIR, e.g. a variant written to check
 *     that extraction generalises beyond the bundled families' wording.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

type TableStyle = "pipe" | "tab" | "aligned";
interface Family {
  stem: string;
  text: TableStyle;
  /** Ruling lines around table cells in the DOCX/PDF. */
  ruled: boolean;
}

const FAMILIES: Family[] = [
  { stem: "btcc-2019-03-safeguarding-self-evaluation", text: "pipe", ruled: true },
  { stem: "gdcbc-2018-12-safeguarding-performance-q3", text: "tab", ruled: true },
  { stem: "ccc-2016-03-safeguarding-evaluation", text: "aligned", ruled: true },
];

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; rows: string[][] };

/** The source's few markdown forms: '#' headings, '- ' lists, pipe tables, paragraphs. */
function parse(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1]!.length, text: heading[2]! });
    } else if (line.startsWith("|")) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i]!.startsWith("|"); i++) {
        if (/^\|[-|\s]+\|$/.test(lines[i]!)) continue;
        rows.push(lines[i]!.slice(1, -1).split("|").map((c) => c.trim()));
      }
      i--;
      blocks.push({ kind: "table", rows });
    } else if (line.startsWith("- ")) {
      const items: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith("- "); i++) items.push(lines[i]!.slice(2));
      i--;
      blocks.push({ kind: "list", items });
    } else {
      blocks.push({ kind: "paragraph", text: line });
    }
  }
  return blocks;
}

const esc = (t: string): string => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function toHtml(blocks: Block[], ruled: boolean, title: string): string {
  const cellStyle = ruled ? ' style="border: 1px solid #000000"' : "";
  const body = blocks.map((b) => {
    switch (b.kind) {
      case "heading":
        return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
      case "paragraph":
        return `<p>${esc(b.text)}</p>`;
      case "list":
        return `<ul>${b.items.map((t) => `<li><p>${esc(t)}</p></li>`).join("")}</ul>`;
      case "table": {
        const [head, ...rest] = b.rows;
        const row = (cells: string[], tag: string) => `<tr valign="top">${cells.map((c) => `<${tag}${cellStyle}><p>${esc(c)}</p></${tag}>`).join("")}</tr>`;
        return `<table width="100%" border="${ruled ? 1 : 0}" cellpadding="4" cellspacing="0"><thead>${row(head!, "th")}</thead><tbody>${rest.map((r) => row(r, "td")).join("")}</tbody></table><p></p>`;
      }
    }
  });
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>@page { size: 21cm 29.7cm; margin: 2cm; } body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; }
p { margin: 0 0 6pt 0; } td p, th p { font-size: 10pt; margin: 0; } h1 { font-size: 16pt; } h2 { font-size: 13pt; }</style>
</head><body>${body.join("\n")}</body></html>`;
}

function toText(blocks: Block[], style: TableStyle): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === "heading") out.push(style === "pipe" ? `${"#".repeat(b.level)} ${b.text}` : b.text);
    else if (b.kind === "paragraph") out.push(b.text);
    else if (b.kind === "list") out.push(b.items.map((t) => (style === "aligned" ? `* ${t}` : `- ${t}`)).join("\n"));
    else out.push(tableText(b.rows, style));
  }
  return out.join("\n\n") + "\n";
}

function tableText(rows: string[][], style: TableStyle): string {
  if (style === "pipe") {
    const [head, ...rest] = rows;
    return [head!, head!.map(() => "---"), ...rest].map((r) => `| ${r.join(" | ")} |`).join("\n");
  }
  if (style === "tab") return rows.map((r) => r.join("\t")).join("\n");
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join("").trimEnd()).join("\n");
}

function main(args: string[]): void {
  const root = join(import.meta.dirname, "..");
  const dir = args[0] ?? join(root, "fixtures/councils");
  const families: Family[] = args.length
    ? args.slice(1).map((spec) => {
        const [stem, text, ruled] = spec.split(":");
        return { stem: stem!, text: text as TableStyle, ruled: ruled !== "borderless" };
      })
    : FAMILIES;
  const work = mkdtempSync(join(tmpdir(), "council-fixtures-"));
  const soffice = ["-env:UserInstallation=file://" + join(work, "profile"), "--headless", "--norestore"];
  try {
    for (const family of families) {
      const source = readFileSync(join(dir, "source", `${family.stem}.md`), "utf8");
      const blocks = parse(source);
      const title = blocks.find((b) => b.kind === "heading" && b.level === 1) as { text: string };
      const ext = family.text === "pipe" ? "md" : "txt";
      writeFileSync(join(dir, `${family.stem}.${ext}`), toText(blocks, family.text));
      const html = join(work, `${family.stem}.html`);
      writeFileSync(html, toHtml(blocks, family.ruled, title.text));
      execFileSync("soffice", [...soffice, "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, html], { stdio: "inherit" });
      copyFileSync(join(work, `${family.stem}.docx`), join(dir, `${family.stem}.docx`));
      execFileSync("soffice", [...soffice, "--convert-to", "pdf", "--outdir", work, join(work, `${family.stem}.docx`)], { stdio: "inherit" });
      copyFileSync(join(work, `${family.stem}.pdf`), join(dir, `${family.stem}.pdf`));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(`rendered: ${readdirSync(dir).filter((f) => !f.endsWith("source")).map((f) => basename(f)).join(", ")}\n`);
}

main(process.argv.slice(2));
