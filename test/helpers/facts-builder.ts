/** Small DocumentFacts for store and query tests, built by hand (no reader involved). */
import type { DocumentFacts } from "../../src/facts/schema.js";
import type { DocumentSource } from "../../src/store/write.js";

export function sampleFacts(overrides: Partial<DocumentFacts> = {}): DocumentFacts {
  const place = { page: 2, bbox: null, lines: null };
  return {
    kind: "progress-report",
    title: "Sample progress report",
    authority: "Sample Council",
    framework: "cornerstones",
    periods: [
      { label: "April 17 - Sept 17", start: "2017-04", end: "2017-09" },
      { label: "Oct 17 - March 18", start: "2017-10", end: "2018-03" },
    ],
    areas: [
      { key: "1", number: 1, label: "Good Governance", description: "Safeguarding is everyone's responsibility.", place },
      { key: "2", number: 2, label: "Safe Workforce", description: "Safe recruitment practices.", place },
    ],
    scores: [
      { areaKey: "1", periodLabel: "April 17 - Sept 17", value: 4, valueMax: 4, raw: "4", origin: "summary-table", place },
      { areaKey: "1", periodLabel: "Oct 17 - March 18", value: 5, valueMax: 5, raw: "5", origin: "summary-table", place },
      { areaKey: "2", periodLabel: "April 17 - Sept 17", value: 3, valueMax: 4, raw: "3-4", origin: "summary-table", place },
      { areaKey: "2", periodLabel: "Oct 17 - March 18", value: null, valueMax: null, raw: "N/A", origin: "summary-table", place },
      { areaKey: "1", periodLabel: "Oct 17 - March 18", value: 5, valueMax: 5, raw: "5", origin: "section", place: { page: 4, bbox: null, lines: null } },
    ],
    scale: [{ level: 6, label: "Excellent", meaning: "Excellent or outstanding", place }],
    indicators: [
      { value: 87.31, unit: "percent", previous: 80, text: "87.31 % (80.0% ) of enquiries completed within 7 days", areaKey: "2", periodLabel: "Oct 17 - March 18", place },
    ],
    actions: [
      { text: "Review the policy", kind: "further-action", status: "in progress", rag: "", due: "2018-05", areaKey: "1", place },
    ],
    gaps: [
      { marker: "?????? (FIGURES STILL WAITING)", text: "Training for Members in Dec 17 ?????? (FIGURES STILL WAITING)", kind: "figures-awaited", areaKey: "2", periodLabel: "Oct 17 - March 18", place },
    ],
    messages: [{ level: "warning", text: "section score 5 disagrees with summary table", place, source: "extract:scores" }],
    passages: summaryPassages(place),
    ...overrides,
  };
}

/** The summary table of sampleFacts as passages: its heading, then one passage per cell line, row by row. */
function summaryPassages(place: DocumentFacts["passages"][number]["place"]): DocumentFacts["passages"] {
  const rows: [string | null, string[]][] = [
    [null, ["Area", "April 17 - Sept 17", "Oct 17 - March 18"]],
    ["1", ["Good Governance", "4", "5"]],
    ["2", ["Safe Workforce", "3-4", "N/A"]],
  ];
  return [
    { text: "Summary of self-assessment", areaKey: null, place, kind: "heading", row: null, col: null },
    ...rows.flatMap(([areaKey, cells], row) => cells.map((text, col) => ({ text, areaKey, place, kind: "table" as const, row, col }))),
  ];
}

export function sampleSource(overrides: Partial<DocumentSource> = {}): DocumentSource {
  return {
    source: "sample.pdf",
    path: "/tmp/sample.pdf",
    format: "pdf",
    sha256: "a".repeat(64),
    sizeBytes: 1234,
    pages: 10,
    extractorVersion: "test",
    ...overrides,
  };
}
