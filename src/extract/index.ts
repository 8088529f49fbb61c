/**
 * Layout → DocumentFacts: classify the report family, then run the extractors in order.
 * Pure: no I/O. Every extractor's messages are collected into the facts.
 */
import { DocumentFactsSchema, type DocumentFacts } from "../facts/schema.js";
import type { Layout } from "../layout/types.js";

export const EXTRACTOR_VERSION = "0.1.0";

export function extractFacts(layout: Layout): DocumentFacts {
  void layout;
  throw new Error("not wired yet");
}

export { DocumentFactsSchema };
