/**
 * natural's sentence tokenizer, imported by its own path: the package root pulls in every
 * natural module (and dotenv, which prints to stdout), so extractors load this file only.
 */
declare module "natural/lib/natural/tokenizers/sentence_tokenizer.js" {
  export default class SentenceTokenizer {
    constructor(abbreviations?: string[], trimSentences?: boolean);
    tokenize(text: string): string[];
  }
}
