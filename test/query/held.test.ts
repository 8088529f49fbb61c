/**
 * The web app answers from a history and a gap ledger it holds per state of the store
 * (src/server/snapshot.ts). compare and listGaps take them in place of reading the store;
 * the answer must be the one the store gives, for every pair of periods and every filter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compare } from "../../src/query/compare.js";
import { listGaps, loadGapLedger, type GapFilter } from "../../src/query/gaps.js";
import { historySeries } from "../../src/query/history.js";
import { storedPeriods } from "../../src/query/periods.js";
import type { Store } from "../../src/store/open.js";
import { storeWithBothReports } from "../helpers/align-store.js";

let db: Store;
beforeAll(async () => {
  db = await storeWithBothReports();
});
afterAll(async () => {
  await db?.destroy();
});

describe("answers from held data equal the store's", () => {
  it("compare with the held history gives the store's comparison for every pair of periods and rule", async () => {
    const periods = await storedPeriods(db);
    expect(periods.length).toBeGreaterThan(3);
    for (const rollup of ["mean", "min"] as const) {
      const held = await historySeries(db, { rollup });
      for (const a of periods) {
        for (const b of periods) {
          const spec = [a.labels[0]!, b.labels[0]!] as const;
          expect(await compare(db, ...spec, { rollup, history: held }), `${spec.join(" vs ")} (${rollup})`).toEqual(await compare(db, ...spec, { rollup }));
        }
      }
    }
  });

  it("refuses a held history with a filter (the held one is unfiltered)", async () => {
    const held = await historySeries(db);
    await expect(compare(db, "Sept 2015", "Oct 17- March 18", { history: held, area: "safe workforce" })).rejects.toThrow(/unfiltered/);
  });

  it("listGaps with the held ledger gives the store's gaps for each filter", async () => {
    const ledger = await loadGapLedger(db);
    const all = await listGaps(db);
    expect(all.length).toBeGreaterThan(0);
    const filters: GapFilter[] = [{}, { open: true }, { area: "safe workforce" }, { since: "2018-01" }, { sourceArea: "governance" }, { authority: "Monmouthshire" }, { open: true, area: "good governance" }];
    for (const f of filters) expect(await listGaps(db, f, ledger), JSON.stringify(f)).toEqual(await listGaps(db, f));
    // Not all filters are vacuous: at least one keeps fewer gaps than the whole ledger, one keeps some.
    const sizes = await Promise.all(filters.map(async (f) => (await listGaps(db, f, ledger)).length));
    expect(sizes.some((n) => n > 0 && n < all.length)).toBe(true);
  });
});
