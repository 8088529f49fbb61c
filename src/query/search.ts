/**
 * Words across facts and stored passages (`/search?q=`): every word must appear (case-
 * insensitive) in the fact's text; a passage hit links to the facts on its page. Results are
 * capped per kind so a common word cannot make a page of ten thousand rows.
 */
import { sql } from "kysely";
import type { Store } from "../store/open.js";
import type { FactKind } from "./show.js";

export interface SearchHit {
  kind: FactKind | "passage";
  id: number;
  document_id: number;
  document: string;
  page: number | null;
  line: number | null;
  text: string;
}

export const SEARCH_LIMIT = 50;

/** The words of a query (at most 8, each at least 2 characters). */
export function searchWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter((w) => w.length >= 2).slice(0, 8);
}

/** A LIKE pattern that matches the word literally (%, _ and \ escaped). */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const SOURCES: { kind: SearchHit["kind"]; table: "scores" | "indicators" | "actions" | "gaps" | "passages"; text: string }[] = [
  { kind: "score", table: "scores", text: "raw" },
  { kind: "indicator", table: "indicators", text: "text" },
  { kind: "action", table: "actions", text: "text" },
  { kind: "gap", table: "gaps", text: "text" },
  { kind: "passage", table: "passages", text: "text" },
];

export interface SearchResult {
  hits: SearchHit[];
  /** Kinds with more hits than the limit: only the first `limit` of each (by id) are in hits. */
  cut: SearchHit["kind"][];
}

export async function search(db: Store, q: string, limit = SEARCH_LIMIT): Promise<SearchResult> {
  const words = searchWords(q);
  const out: SearchHit[] = [];
  const cut: SearchHit["kind"][] = [];
  if (words.length === 0) return { hits: out, cut };
  for (const source of SOURCES) {
    // Scores are matched on their area's label too ("governance" finds its scores).
    const haystack = source.kind === "score" ? sql`(f.raw || ' ' || coalesce(a.label, ''))` : sql.ref(`f.${source.text}`);
    let query = db
      .selectFrom(`${source.table} as f` as "gaps as f")
      .innerJoin("documents as d", "d.id", "f.document_id")
      .leftJoin("areas as a", "a.id", "f.area_id")
      .select(["f.id", "f.document_id", "d.source", "f.page", "f.line_start", sql<string>`${haystack}`.as("text")]);
    for (const w of words) query = query.where(sql<boolean>`lower(${haystack}) like ${likePattern(w)} escape '\\'`);
    // One more than shown: whether the kind was cut is said, never left for the reader to guess.
    const rows = await query.orderBy("f.id").limit(limit + 1).execute();
    if (rows.length > limit) cut.push(source.kind);
    for (const r of rows.slice(0, limit)) out.push({ kind: source.kind, id: r.id, document_id: r.document_id, document: r.source, page: r.page, line: r.line_start, text: r.text });
  }
  return { hits: out, cut };
}
