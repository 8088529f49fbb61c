import { describe, expect, it } from "vitest";
import { ReaderError } from "../../src/readers/errors.js";
import { readPdf } from "../../src/readers/pdf/index.js";
import { joinLines } from "../../src/readers/pdf/blocks.js";
import { normaliseText } from "../../src/readers/pdf/text-items.js";
import { buildPdf } from "../helpers/pdf-builder.js";

async function failure(bytes: Uint8Array, name: string): Promise<ReaderError> {
  try {
    await readPdf(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ReaderError);
    return error as ReaderError;
  }
  throw new Error("expected a ReaderError");
}

describe("pdf reader: text", () => {
  it("groups lines into headings, paragraphs and list items, undoing hyphenation", async () => {
    const pdf = buildPdf(
      [
        {
          texts: [
            { text: "Safeguarding Report", x: 72, y: 760, size: 18, bold: true },
            { text: "This report evaluates the progress of the council against its safe-", x: 72, y: 720 },
            { text: "guarding priorities for the year.", x: 72, y: 708 },
            { text: "\u0095", x: 72, y: 680 },
            { text: "Recruitment is safe.", x: 90, y: 680 },
            { text: "\u0095", x: 72, y: 666 },
            { text: "Training is current.", x: 90, y: 666 },
          ],
        },
      ],
      { title: "Safeguarding Report 2018" },
    );
    const layout = await readPdf(pdf, "text.pdf");
    expect(layout.meta).toEqual({ title: "Safeguarding Report 2018", pageCount: 1 });
    const blocks = layout.pages[0]!.blocks.map((b) => ({ kind: b.kind, text: (b as { text: string }).text }));
    expect(blocks).toEqual([
      { kind: "heading", text: "Safeguarding Report" },
      { kind: "paragraph", text: "This report evaluates the progress of the council against its safeguarding priorities for the year." },
      { kind: "list-item", text: "• Recruitment is safe." },
      { kind: "list-item", text: "• Training is current." },
    ]);
    expect(layout.pages[0]!.blocks[0]!.place.bbox![1]).toBeGreaterThan(60);
    expect(layout.messages).toEqual([]);
  });

  it("rejoins words that pdf.js splits into separate items", async () => {
    // "Safe" (20.57 pt wide in 10 pt Helvetica) and "guarding" drawn as two touching runs.
    const pdf = buildPdf([{ texts: [{ text: "Safe", x: 72, y: 700 }, { text: "guarding matters", x: 72 + 20.57, y: 700 }] }]);
    const layout = await readPdf(pdf, "split.pdf");
    expect((layout.pages[0]!.blocks[0] as { text: string }).text).toBe("Safeguarding matters");
  });

  it("normalises ligatures and non-breaking spaces", () => {
    expect(normaliseText("e\uFB03cient \uFB01nal\u00A0ﬂow")).toBe("efficient final flow");
    expect(joinLines("self-", "assessment")).toBe("selfassessment");
    expect(joinLines("April 17 -", "Sept 17")).toBe("April 17 - Sept 17");
    expect(joinLines("Self-", "Assessed")).toBe("Self- Assessed");
  });

  it("does not detach the caller's bytes", async () => {
    const pdf = buildPdf([{ texts: [{ text: "Hello", x: 72, y: 700 }] }]);
    await readPdf(pdf, "keep.pdf");
    expect(pdf.byteLength).toBeGreaterThan(100);
  });
});

describe("pdf reader: failures", () => {
  it("reports an encrypted PDF that needs a user password", async () => {
    const e = await failure(buildPdf([{ texts: [{ text: "secret", x: 72, y: 700 }] }], { encryptWithUserPassword: true }), "locked.pdf");
    expect(e.reason).toBe("encrypted");
    expect(e.message).toMatch(/^locked\.pdf: .*user password is required/);
    expect(e.message).not.toContain("\n");
  });

  it("reports truncated bytes as corrupt", async () => {
    const whole = buildPdf([{ texts: [{ text: "Hello", x: 72, y: 700 }] }]);
    const e = await failure(whole.slice(0, 200), "cut.pdf");
    expect(e.reason).toBe("corrupt-pdf");
    expect(e.message).toMatch(/^cut\.pdf: corrupt or truncated PDF/);
  });

  it("reports a PDF with neither a text layer nor a page image to recognise", async () => {
    const e = await failure(buildPdf([{ rects: [{ x: 50, y: 50, w: 400, h: 600, grey: 0.4 }] }]), "scan.pdf");
    expect(e.reason).toBe("no-text-layer");
    expect(e.message).toBe("scan.pdf: no text layer on any page (no page image to recognise either)");
  });

  it("keeps reading when one page has no text, with a message", async () => {
    const layout = await readPdf(buildPdf([{ texts: [{ text: "Page one", x: 72, y: 700 }] }, { rects: [{ x: 50, y: 50, w: 100, h: 100 }] }]), "mixed.pdf");
    expect(layout.pages).toHaveLength(2);
    expect(layout.messages).toEqual([expect.objectContaining({ level: "warning", source: "reader:pdf", place: { page: 2 } })]);
  });
});
