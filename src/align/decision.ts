/** Where a person's area-link decision applies: shared by `scorebook areas link` and the web app. */
import { AuthorityResolver } from "./authority.js";
import type { CanonicalFramework, CanonicalFrameworks } from "./canonical.js";
import { AreaNotFoundError, authoritiesOfLabel } from "./links.js";
import type { Store } from "../store/open.js";

/**
 * The authority a decision about this label is for, and its framework: the one given, else the
 * only authority whose documents print the label. An authority without a framework cannot
 * take a decision (its areas are their own series; councils are compared only through a
 * crossAuthority mapping).
 */
export async function decisionTarget(store: Store, label: string, given: string | undefined, file: CanonicalFrameworks): Promise<{ authority: string; framework: CanonicalFramework }> {
  const resolver = new AuthorityResolver(file);
  let authority = given;
  if (!authority) {
    const stated = await authoritiesOfLabel(store, label);
    const keys = new Map(stated.map((a, i) => [a ? resolver.resolve(a, -1 - i).key : `none:${i}`, a]));
    if (keys.size !== 1) {
      const names = [...keys.values()].map((a) => a ?? "(no authority stated)").join(", ");
      throw new AreaNotFoundError(`"${label}" is printed by reports of ${keys.size} authorities (${names}): say which with --authority`);
    }
    authority = [...keys.values()][0] ?? undefined;
    if (!authority) throw new AreaNotFoundError(`"${label}" is printed only by reports that state no authority: they are aligned to no framework`);
  }
  const framework = resolver.frameworkOf(authority);
  if (!framework) {
    throw new AreaNotFoundError(`${authority} has no canonical framework in the canonical areas file: its areas are their own series (add a framework for it, or compare councils with a crossAuthority mapping)`);
  }
  return { authority: framework.authority.name, framework };
}
