/**
 * TF-IDF similarity between a gap's subject words and a candidate statement. The IDF comes
 * from natural's TfIdf over every statement the store holds (indicators, actions, gaps), so
 * words every report repeats ("safeguarding", "council") weigh little and the words that
 * single out what was awaited ("members", "DBS") weigh a lot. Pure.
 */
import { newTfIdf } from "./nlp.js";
import { contentTerms } from "./text.js";

export type Idf = (term: string) => number;

/** IDF over a corpus of texts; an unseen term gets the highest IDF natural gives. */
export function buildIdf(texts: readonly string[]): Idf {
  const corpus = newTfIdf();
  for (const text of texts) corpus.addDocument(contentTerms(text));
  // natural's TfIdf with no documents divides by zero; an empty store means "all words equal".
  if (texts.length === 0) return () => 1;
  const cache = new Map<string, number>();
  return (term) => {
    let v = cache.get(term);
    if (v === undefined) {
      v = corpus.idf(term);
      cache.set(term, v);
    }
    return v;
  };
}

export interface Similarity {
  /** Cosine between the TF-IDF vectors (gap subject weighted, candidate plain). 0..1 */
  cosine: number;
  /** Share of the gap's weighted subject words the candidate mentions. 0..1 */
  coverage: number;
  shared: string[];
  missing: string[];
}

/** Compare weighted subject terms with a candidate's text. */
export function similarity(subject: ReadonlyMap<string, number>, candidateText: string, idf: Idf): Similarity {
  const counts = new Map<string, number>();
  for (const t of contentTerms(candidateText)) counts.set(t, (counts.get(t) ?? 0) + 1);
  let dot = 0;
  let subjectNorm = 0;
  let candidateNorm = 0;
  let covered = 0;
  let total = 0;
  const shared: string[] = [];
  const missing: string[] = [];
  for (const [term, weight] of subject) {
    const w = weight * idf(term);
    subjectNorm += w * w;
    total += w;
    const tf = counts.get(term);
    if (tf !== undefined) {
      dot += w * tf * idf(term);
      covered += w;
      shared.push(term);
    } else {
      missing.push(term);
    }
  }
  for (const [term, tf] of counts) candidateNorm += (tf * idf(term)) ** 2;
  const cosine = subjectNorm > 0 && candidateNorm > 0 ? dot / Math.sqrt(subjectNorm * candidateNorm) : 0;
  const coverage = total > 0 ? covered / total : 0;
  return { cosine: clamp01(cosine), coverage: clamp01(coverage), shared: shared.sort(), missing: missing.sort() };
}

/** Plain symmetric text similarity (cosine of TF-IDF vectors), for "the same statement again". */
export function textSimilarity(a: string, b: string, idf: Idf): number {
  const subject = new Map<string, number>();
  for (const t of contentTerms(a)) subject.set(t, (subject.get(t) ?? 0) + 1);
  return similarity(subject, b, idf).cosine;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
