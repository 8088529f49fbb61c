/**
 * Which council a document belongs to, as one identity however its reports print the name
 * ("Monmouthshire County Council", "Monmouthshire CC", "Cyngor Sir Fynwy"). Pure.
 *
 * A framework's authority claims its name and aliases; any other name is normalised (case,
 * punctuation and the council-type words dropped) so that one council's reports meet without
 * any data. A document that states no authority belongs to no council: it is its own group,
 * never aligned to a framework and never blended with another document.
 */
import type { CanonicalFramework, CanonicalFrameworks } from "./canonical.js";
import { words } from "./text.js";

export interface Authority {
  /** Identity: 'monmouthshire'; `document:<id>` for a document that states no authority. */
  key: string;
  /** The authority's own canonical framework, or null (its areas are then its own series). */
  framework: CanonicalFramework | null;
}

/** Words that say what kind of council, not which: dropped before names are compared. */
const COUNCIL_WORDS = new Set(["the", "council", "county", "borough", "city", "district", "metropolitan", "of", "and", "cbc", "cc", "mbc"]);

/** 'Blaenau Gwent County Borough Council' and 'Blaenau Gwent CBC' → 'blaenau gwent'. */
export function authorityKey(name: string): string {
  const all = words(name);
  const kept = all.filter((w) => !COUNCIL_WORDS.has(w));
  return (kept.length > 0 ? kept : all).join(" ");
}

export const UNKNOWN_AUTHORITY_PREFIX = "document:";

/**
 * Resolves printed authority names against the frameworks' authorities, and remembers the
 * names it met so that each council is shown under one name (nameOf) whatever order its
 * documents came in.
 */
export class AuthorityResolver {
  private readonly byKey = new Map<string, CanonicalFramework>();
  private readonly printed = new Map<string, string>();

  constructor(readonly file: Pick<CanonicalFrameworks, "frameworks">) {
    for (const f of file.frameworks) {
      for (const n of [f.authority.name, ...f.authority.aliases]) {
        const k = authorityKey(n);
        if (k && !this.byKey.has(k)) this.byKey.set(k, f);
      }
    }
  }

  /** A document's authority; `documentId` keys a document that states none. */
  resolve(name: string | null, documentId: number): Authority {
    const trimmed = name?.trim() ?? "";
    const k = authorityKey(trimmed);
    if (k === "") return { key: `${UNKNOWN_AUTHORITY_PREFIX}${documentId}`, framework: null };
    const framework = this.byKey.get(k) ?? null;
    if (framework) return { key: authorityKey(framework.authority.name), framework };
    const shown = this.printed.get(k);
    if (shown === undefined || trimmed.length > shown.length || (trimmed.length === shown.length && trimmed < shown)) this.printed.set(k, trimmed);
    return { key: k, framework: null };
  }

  /**
   * How an authority is shown: its framework's name for it, else the longest name its
   * documents print (then the first alphabetically); null for a document that states none.
   */
  nameOf(key: string): string | null {
    if (isUnknownAuthorityKey(key)) return null;
    const framework = this.byKey.get(key);
    if (framework) return framework.authority.name;
    return this.printed.get(key) ?? key;
  }

  /** The framework of an authority named as a person types it ('Monmouthshire CC'), or null. */
  frameworkOf(name: string): CanonicalFramework | null {
    return this.byKey.get(authorityKey(name)) ?? null;
  }

  /** The identity key of a name as a person types it ('Monmouthshire CC', 'Cyngor Sir Fynwy'). */
  keyOfName(name: string): string {
    const k = authorityKey(name);
    const framework = this.byKey.get(k);
    return framework ? authorityKey(framework.authority.name) : k;
  }
}

/** A document that states no authority is a group of its own. */
export function isUnknownAuthorityKey(key: string): boolean {
  return key.startsWith(UNKNOWN_AUTHORITY_PREFIX);
}
