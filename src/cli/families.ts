/**
 * `scorebook families`: the report families classify chooses among (shipped and added), with
 * what marks each, so an analyst can see what a new council's family file added.
 */
import type { Command } from "commander";
import { FAMILIES_ENV, loadFamilies } from "../extract/family-file.js";
import type { ReportFamily } from "../extract/families.js";
import { UNKNOWN_PROFILE } from "../extract/profiles.js";
import { render, type Format } from "../format/output.js";
import { parseFormat, writeData } from "./context.js";

export interface FamilyRow {
  name: string;
  label: string;
  authority: string | null;
  framework: string | null;
  cues: { pattern: string; weight: number }[];
  min_score: number | null;
  summary_anchors: string[];
  section_score_label: string | null;
  row_score_header: string | null;
  /** The file that defines it; null for the built-in structural family. */
  source: string | null;
}

export function familyRows(families: ReportFamily[]): FamilyRow[] {
  const rows: FamilyRow[] = families.map((f) => ({
    name: f.kind,
    label: f.label,
    authority: f.authority,
    framework: f.framework,
    cues: f.cues.map((c) => ({ pattern: c.pattern.source, weight: c.weight })),
    min_score: f.minScore,
    summary_anchors: f.summaryAnchors.map((r) => r.source),
    section_score_label: f.sectionScoreLabel?.source ?? null,
    row_score_header: f.rowScoreHeader?.source ?? null,
    source: f.source,
  }));
  rows.push({
    name: UNKNOWN_PROFILE.kind,
    label: "any other report: read by structure alone (period-headed score tables, numbered headings)",
    authority: null,
    framework: null,
    cues: [],
    min_score: null,
    summary_anchors: UNKNOWN_PROFILE.summaryAnchors.map((r) => r.source),
    section_score_label: UNKNOWN_PROFILE.sectionScoreLabel?.source ?? null,
    row_score_header: UNKNOWN_PROFILE.rowScoreHeader?.source ?? null,
    source: null,
  });
  return rows;
}

export function registerFamilies(program: Command): void {
  program
    .command("families")
    .description("the report families documents are classified into: shipped (db/report-families.json) and added")
    .option("--families <file>", `an added families file (default: $${FAMILIES_ENV})`)
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action((opts: { families?: string; format: Format }) => {
      const rows = familyRows(loadFamilies(opts.families ?? null));
      writeData(
        render<FamilyRow>(opts.format, rows, [
          { header: "name", value: (r) => r.name },
          { header: "label", value: (r) => r.label, maxWidth: 48 },
          { header: "authority", value: (r) => r.authority, maxWidth: 30 },
          { header: "framework", value: (r) => r.framework },
          { header: "cues", value: (r) => r.cues.map((c) => `${c.pattern} (${c.weight})`).join("; "), maxWidth: 60 },
          { header: "min_score", value: (r) => r.min_score },
          { header: "source", value: (r) => r.source ?? "(built in)", maxWidth: 40 },
        ]),
      );
    });
}
