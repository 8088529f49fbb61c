/**
 * Turning an area's words into terms that similarity can compare: lower-cased words, minus
 * stop words, Porter-stemmed (natural), so "recruited"/"recruitment" and
 * "responsibility"/"responsibilities" meet. Pure.
 */
import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import stopwords from "natural/lib/natural/util/stopwords.js";

/**
 * natural's list misses some function words that reports lean on; they carry no topic.
 * Deliberately generic English, never domain words: the corpus IDF takes care of those.
 */
const EXTRA_STOP_WORDS = ["within", "across", "will", "may", "including", "upon", "whether", "also", "ensure", "ensuring"];

const STOP_WORDS = new Set([...stopwords.words, ...EXTRA_STOP_WORDS]);

/** Words as printed, lower-cased, apostrophes dropped ("everyone's" → "everyones"). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) || word.length < 3;
}

/**
 * `fn` over strings, remembered: the same few thousand words and labels recur in every
 * document of a store. Bounded (cleared when full), so a long-lived process cannot grow it
 * without limit.
 */
export function memoisedText(fn: (text: string) => string, max = 100_000): (text: string) => string {
  const memo = new Map<string, string>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      value = fn(text);
      if (memo.size >= max) memo.clear();
      memo.set(text, value);
    }
    return value;
  };
}

/** Porter stem. Realigning recomputes every area's terms after each batch: each word is stemmed once. */
export const stem = memoisedText((word) => PorterStemmer.stem(word));

/** Content terms of a text: stems of the words that are not stop words. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !isStopWord(w))
    .map(stem);
}

/**
 * Stems of adjacent word pairs written together ("work force" → "workforc"). Only useful when
 * another text prints the compound as one word, so the caller keeps those that are known terms.
 */
export function joinedPairs(text: string): string[] {
  const ws = words(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < ws.length; i++) out.push(stem(ws[i]! + ws[i + 1]!));
  return out;
}

/** Label comparison key: case, punctuation and spacing ignored. */
export function labelKey(label: string): string {
  return words(label).join(" ");
}

/**
 * The heading part of a label printed with a subtitle ("Safe Services – delivered through …"
 * → "safe services"), or null when there is no such separator.
 */
export function labelHead(label: string): string | null {
  const m = /^(.+?)\s*(?::|\s[–—-]\s|\s[–—-]|[–—]\s)/.exec(label.trim());
  return m && m[1] ? labelKey(m[1]) : null;
}
