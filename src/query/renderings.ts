/**
 * The same fact printed by several renderings of one report (src/store/reports.ts) is one
 * item: listed once, with the other files under `also_in`. Pure.
 *
 * Within a report, items with the same key (what the fact says: kind, area, period, marker or
 * value…) are paired file by file in reading order: the first such item of each file is one
 * item, the second of each file another, and so on. An item only one rendering has (a text
 * extraction's extra line) stays an item of its own.
 */
import { textKey } from "../store/reports.js";

export interface RenderedAt {
  /** The report (documents.report_id); null for a document not yet given one: its own item. */
  report: number | null;
  document: number;
  /** What makes two renderings' items the same item. */
  key: string;
}

/**
 * Items grouped across renderings, in the order of each group's first item; within a group,
 * the first item in input order first (callers pass items in id order, so that is the one
 * stored first and its id stays the item's id).
 */
export function groupRenderings<T>(items: readonly T[], at: (item: T) => RenderedAt): T[][] {
  const slots = new Map<string, Map<number, number>>(); // report|key → document → items of it seen so far
  const groups: T[][] = [];
  const groupAt = new Map<string, number>(); // report|key|ordinal → index in groups
  for (const item of items) {
    const { report, document, key } = at(item);
    if (report === null) {
      groups.push([item]);
      continue;
    }
    const k = `${report}\u0000${key}`;
    let byDoc = slots.get(k);
    if (!byDoc) slots.set(k, (byDoc = new Map()));
    const ordinal = byDoc.get(document) ?? 0;
    byDoc.set(document, ordinal + 1);
    const g = `${k}\u0000${ordinal}`;
    const index = groupAt.get(g);
    if (index === undefined) {
      groupAt.set(g, groups.length);
      groups.push([item]);
    } else groups[index]!.push(item);
  }
  return groups;
}

/** A label, text or marker as a key part: case, punctuation and spacing ignored. */
export function keyPart(text: string | null | undefined): string {
  return text === null || text === undefined ? "" : textKey(text);
}

/** Where else an item is printed: the other renderings' copies. */
export interface AlsoIn {
  id: number;
  document: string;
  page: number | null;
  line: number | null;
}

export function alsoIn<T extends { id: number | null; document: string; page: number | null; line: number | null }>(group: readonly T[]): AlsoIn[] {
  return group.slice(1).map((o) => ({ id: o.id ?? 0, document: o.document, page: o.page, line: o.line }));
}
