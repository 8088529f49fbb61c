/**
 * TF-IDF vectors and cosine similarity over a small corpus of weighted texts (each area's
 * label and statement, each canonical area's label, statements and scope). Pure.
 *
 * The IDF is computed over the whole corpus (every document's areas and every canonical
 * area) so that words every report uses ("safeguarding", "children", "Monmouthshire") weigh
 * little and words that tell areas apart weigh much. Smoothed, and TF sub-linear, because the
 * texts are short and a word repeated in one statement should not dominate it.
 */
import { joinedPairs, terms } from "./text.js";

export interface WeightedText {
  text: string;
  weight: number;
}

export type Vector = Map<string, number>;

/** Raw (weighted) term counts of one corpus entry, with compounds resolved against `known`. */
export function termCounts(parts: WeightedText[], known: Set<string> | null = null): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, w: number) => counts.set(term, (counts.get(term) ?? 0) + w);
  for (const part of parts) {
    for (const t of terms(part.text)) add(t, part.weight);
    if (known) for (const t of joinedPairs(part.text)) if (known.has(t)) add(t, part.weight);
  }
  return counts;
}

/** Every single-word term of the corpus: what a joined pair must match to count. */
export function vocabulary(corpus: WeightedText[][]): Set<string> {
  const vocab = new Set<string>();
  for (const parts of corpus) for (const part of parts) for (const t of terms(part.text)) vocab.add(t);
  return vocab;
}

export function documentFrequencies(counts: Map<string, number>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const c of counts) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

export function idf(df: Map<string, number>, n: number, term: string): number {
  return Math.log((n + 1) / ((df.get(term) ?? 0) + 1));
}

export function tfidfVector(counts: Map<string, number>, df: Map<string, number>, n: number): Vector {
  const v: Vector = new Map();
  for (const [t, c] of counts) {
    const w = Math.log(1 + c) * idf(df, n, t);
    if (w > 0) v.set(t, w);
  }
  return v;
}

export function norm(v: Vector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

export function cosine(a: Vector, b: Vector): number {
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  let dot = 0;
  for (const [t, x] of a) {
    const y = b.get(t);
    if (y !== undefined) dot += x * y;
  }
  return dot / (na * nb);
}

/** Vectorise a whole corpus at once (IDF needs all of it). */
export function vectorise(corpus: WeightedText[][]): Vector[] {
  const known = vocabulary(corpus);
  const counts = corpus.map((parts) => termCounts(parts, known));
  const df = documentFrequencies(counts);
  return counts.map((c) => tfidfVector(c, df, counts.length));
}

/** The terms two vectors share, strongest first: why they are similar, for notes and review. */
export function sharedTerms(a: Vector, b: Vector, limit = 5): string[] {
  const shared: [string, number][] = [];
  for (const [t, x] of a) {
    const y = b.get(t);
    if (y !== undefined) shared.push([t, x * y]);
  }
  return shared.sort((p, q) => q[1] - p[1]).slice(0, limit).map(([t]) => t);
}
