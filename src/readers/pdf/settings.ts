/**
 * The table reader's settings, validated in one place (as pdfplumber's TableSettings): which
 * pages to read, which finder to use, and the hints a person can give — regions to read as
 * one table each, and column boundaries. Coordinates are PDF points in the page as displayed
 * (after its /Rotate), origin at the top-left, y growing down: the frame of every `bbox` the
 * reader reports.
 */
import { z } from "zod";

export const FLAVORS = ["auto", "lattice", "stream"] as const;
export type Flavor = (typeof FLAVORS)[number];

const finite = z.number().finite();

/** LEFT, TOP, RIGHT, BOTTOM with LEFT < RIGHT and TOP < BOTTOM. */
export const AreaSchema = z
  .tuple([finite.min(0), finite.min(0), finite.min(0), finite.min(0)])
  .refine(([l, t, r, b]) => l < r && t < b, { message: "LEFT must be below RIGHT and TOP below BOTTOM" });
export type Area = z.infer<typeof AreaSchema>;

export const TableSettingsSchema = z.object({
  /** 1-based pages to read; every page when absent. */
  pages: z.array(z.number().int().positive()).optional(),
  /** auto: ruled grids (lattice) first, then whitespace-aligned tables (stream) in the rest. */
  flavor: z.enum(FLAVORS).default("auto"),
  /** Each region is read as exactly one table on every page read. */
  areas: z.array(AreaSchema).default([]),
  /**
   * Column boundaries, ascending: positions along the table's rows (x for an upright table; on
   * a page whose text runs sideways, the displayed coordinate the rows run along).
   */
  columns: z
    .array(finite)
    .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), { message: "column positions must increase" })
    .optional(),
});

export type TableSettings = z.infer<typeof TableSettingsSchema>;

export const DEFAULT_TABLE_SETTINGS: TableSettings = TableSettingsSchema.parse({});

/** Validated settings (throws a ZodError naming the field otherwise). */
export function tableSettings(input: unknown): TableSettings {
  return TableSettingsSchema.parse(input ?? {});
}

/** True when the settings change anything about what the default reader does. */
export function hasHints(s: TableSettings): boolean {
  return s.flavor !== "auto" || s.areas.length > 0 || s.columns !== undefined;
}
