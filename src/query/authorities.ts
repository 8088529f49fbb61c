/**
 * The authorities a store holds, as queries group and filter by them: every document's stated
 * authority resolved to one identity (AuthorityResolver), and `--authority NAME` turned into
 * the identities it names, or an error that lists what exists (never a silent empty answer).
 */
import { AuthorityResolver, isUnknownAuthorityKey } from "../align/authority.js";
import { CanonicalFileError, loadCanonicalFrameworks, type CanonicalFrameworks } from "../align/canonical.js";
import type { Store } from "../store/open.js";

/** What `--authority` takes for the documents that state no authority. */
export const NO_AUTHORITY = /^(none|unknown|not stated|\(not stated\))$/i;

export class AuthorityNotFoundError extends Error {}

/**
 * The resolver over the canonical frameworks file. A file that cannot be read is an error
 * for alignment, but queries still answer: names are then matched by normalisation alone,
 * and a link's authority is the one stored with its framework.
 */
export function loadAuthorityResolver(file?: Pick<CanonicalFrameworks, "frameworks">): AuthorityResolver {
  if (file) return new AuthorityResolver(file);
  try {
    return new AuthorityResolver(loadCanonicalFrameworks());
  } catch (error) {
    if (error instanceof CanonicalFileError) return new AuthorityResolver({ frameworks: [] });
    throw error;
  }
}

export interface StoredAuthority {
  key: string;
  /** As shown (null: the document states none). */
  name: string | null;
  documents: string[];
}

/** Every authority of the store's documents (each document that states none is its own). */
export async function storedAuthorities(db: Store, resolver: AuthorityResolver): Promise<StoredAuthority[]> {
  const rows = await db.selectFrom("documents").select(["id", "source", "authority"]).orderBy("source").execute();
  const byKey = new Map<string, string[]>();
  for (const r of rows) {
    const key = resolver.resolve(r.authority, r.id).key;
    const list = byKey.get(key);
    if (list) list.push(r.source);
    else byKey.set(key, [r.source]);
  }
  return [...byKey].map(([key, documents]) => ({ key, name: resolver.nameOf(key), documents }));
}

/** The identities `--authority NAME` selects: the authority of that name, or (none) every document stating none. */
export async function authorityKeys(db: Store, resolver: AuthorityResolver, name: string): Promise<Set<string>> {
  const stored = await storedAuthorities(db, resolver);
  const wanted = NO_AUTHORITY.test(name.trim()) ? null : resolver.keyOfName(name);
  const hits = stored.filter((a) => (wanted === null ? isUnknownAuthorityKey(a.key) : a.key === wanted));
  if (hits.length === 0) {
    const names = stored.map((a) => a.name ?? `none (${a.documents.join(", ")})`);
    throw new AuthorityNotFoundError(`no stored document is of authority "${name}"; the store holds: ${[...new Set(names)].join("; ") || "no documents"}`);
  }
  return new Set(hits.map((a) => a.key));
}
