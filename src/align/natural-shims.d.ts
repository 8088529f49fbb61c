/**
 * Types for the two natural submodules alignment uses. natural's package root is never
 * imported: it loads every storage backend, and those call dotenv, which prints to stdout.
 */
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module "natural/lib/natural/util/stopwords.js" {
  export const words: string[];
  const stopwords: { words: string[] };
  export default stopwords;
}
