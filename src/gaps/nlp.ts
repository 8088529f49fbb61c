/**
 * The few pieces of `natural` the gap matcher uses, loaded by their own module paths.
 * Never the package root: `natural`'s index pulls in every classifier and dotenv, which
 * writes to stdout and would break `--format json` pipes. Typed here because these deep
 * paths ship without declarations of their own (or with ones that drag in the root's).
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface PorterStemmer {
  stem(token: string): string;
}

/** natural's TF-IDF corpus: documents as token arrays (arrays skip its own tokenizer). */
export interface TfIdfCorpus {
  addDocument(tokens: string[], key?: unknown): void;
  idf(term: string): number;
  documents: Record<string, number>[];
}

const porter = require("natural/lib/natural/stemmers/porter_stemmer.js") as PorterStemmer;
const { TfIdf } = require("natural/lib/natural/tfidf/index.js") as { TfIdf: new () => TfIdfCorpus };
const { words: naturalStopwords } = require("natural/lib/natural/util/stopwords.js") as { words: string[] };

export function stem(word: string): string {
  return porter.stem(word);
}

export function newTfIdf(): TfIdfCorpus {
  return new TfIdf();
}

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(naturalStopwords);
