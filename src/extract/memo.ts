/**
 * Per-object memoisation for extractors. A Layout (and everything in it) is never changed
 * once read, so what an extractor derives from one of its objects can be computed once and
 * shared by every extractor that asks; the WeakMap lets it go with the object.
 */

/** `compute(key)`, computed once per key object. Callers must not change what they get. */
export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
