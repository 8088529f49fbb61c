/**
 * Report families as data (db/report-families.json, and any file an analyst adds): each
 * family's cues, anchors and labels as regular-expression sources, validated with zod and
 * compiled into the ReportProfile the extractors read. Pure: JSON in, profiles out (the file
 * itself is read by family-file.ts). A new council's family is a new entry in a file, not code.
 *
 * Patterns match the normalised text of text-utils' normForMatch (lower case, ASCII dashes
 * and quotes, single spaces), so they are compiled without flags.
 */
import { z } from "zod";
import type { ReportProfile } from "./profiles.js";

const Pattern = z.string().min(1);

export const FamilySchema = z.object({
  /** The family's name: stored as the document's kind ('progress-report'). */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "name: lower-case letters, digits and dashes"),
  /** What people call it, for `scorebook families`. */
  label: z.string().min(1),
  /** The council whose reports these are, when the family is one council's (informational). */
  authority: z.string().min(1).nullable().default(null),
  /** Name of the area framework its reports score ('cornerstones'); null when none. */
  framework: z.string().min(1).nullable().default(null),
  /** Wording that marks the family; classify sums the weights of the cues found. */
  cues: z.array(z.object({ pattern: Pattern, weight: z.number().positive() })).min(1),
  /** Minimum summed cue weight before a document is claimed for the family. */
  minScore: z.number().positive(),
  /** Text just before (or heading over) the summary score table. */
  summaryAnchors: z.array(Pattern).default([]),
  /** Header text of the summary table's area column; such a cell is header, not a row. */
  areaColumnHeader: Pattern.nullable().default(null),
  /** Label of a section's own score ('self-assessed score against measures:'). */
  sectionScoreLabel: Pattern.nullable().default(null),
  /** Header cell of the score column of a per-area evaluation table ('our score between 1-6'). */
  rowScoreHeader: Pattern.nullable().default(null),
  /** Lead-in of an area's "what good looks like" / priority statement. */
  descriptionCue: Pattern.nullable().default(null),
  /** Whether numbered area headings open the report's sections, or areas live only in tables. */
  areaSections: z.boolean().default(true),
  /** Headings that end the area sections (appendices, action plans). */
  nonAreaParts: z.array(Pattern).default(["^appendix\\b", "^annex\\b", "^appendices\\b"]),
});

export const FamiliesFileSchema = z.object({
  families: z.array(FamilySchema),
});

export type FamilyData = z.infer<typeof FamilySchema>;

/** A family as the extractors use it, with where it came from. */
export interface ReportFamily extends ReportProfile {
  label: string;
  authority: string | null;
  /** The file that defined it. */
  source: string;
}

export class FamilyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FamilyFileError";
  }
}

function compile(source: string, where: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new FamilyFileError(`${where}: not a regular expression (${(error as Error).message})`);
  }
}

export function compileFamily(data: FamilyData, source: string): ReportFamily {
  const at = (field: string) => `${source}: family "${data.name}": ${field}`;
  const opt = (p: string | null, field: string) => (p === null ? null : compile(p, at(field)));
  return {
    kind: data.name,
    framework: data.framework,
    label: data.label,
    authority: data.authority,
    source,
    cues: data.cues.map((c, i) => ({ pattern: compile(c.pattern, at(`cues.${i}`)), weight: c.weight })),
    minScore: data.minScore,
    summaryAnchors: data.summaryAnchors.map((p, i) => compile(p, at(`summaryAnchors.${i}`))),
    areaColumnHeader: opt(data.areaColumnHeader, "areaColumnHeader"),
    sectionScoreLabel: opt(data.sectionScoreLabel, "sectionScoreLabel"),
    rowScoreHeader: opt(data.rowScoreHeader, "rowScoreHeader"),
    descriptionCue: opt(data.descriptionCue, "descriptionCue"),
    areaSections: data.areaSections,
    nonAreaParts: data.nonAreaParts.map((p, i) => compile(p, at(`nonAreaParts.${i}`))),
  };
}

/** A families file's JSON → its families, compiled; names must be unique and not 'unknown'. */
export function parseFamilies(json: unknown, source: string): ReportFamily[] {
  const parsed = FamiliesFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new FamilyFileError(`${source}: ${first ? `${first.path.join(".")}: ${first.message}` : "invalid"}`);
  }
  const names = new Set<string>();
  for (const f of parsed.data.families) {
    if (f.name === "unknown") throw new FamilyFileError(`${source}: "unknown" is the built-in structural family; name yours otherwise`);
    if (names.has(f.name)) throw new FamilyFileError(`${source}: duplicate family "${f.name}"`);
    names.add(f.name);
  }
  return parsed.data.families.map((f) => compileFamily(f, source));
}

/**
 * The shipped families, then each added file's: a family of a name already listed replaces
 * it (an analyst can tune a shipped family without editing the shipped file).
 */
export function mergeFamilies(...lists: ReportFamily[][]): ReportFamily[] {
  const out = new Map<string, ReportFamily>();
  for (const list of lists) for (const f of list) out.set(f.kind, f);
  return [...out.values()];
}
