import { describe, expect, it } from "vitest";
import { FirstOccurrence } from "../../pipelines/first-occurrence.js";

describe("FirstOccurrence: the first of several files with the same bytes, in input order", () => {
  it("the file listed first is first even when the one listed second asks first", async () => {
    const occurrences = new FirstOccurrence();
    const a = occurrences.enter();
    const b = occurrences.enter();
    const order: string[] = [];
    const bAnswer = b.isFirst("same").then((first) => (order.push("b"), first));
    await Promise.resolve();
    const aAnswer = a.isFirst("same").then((first) => (order.push("a"), first));
    expect(await Promise.all([aAnswer, bAnswer])).toEqual([true, false]);
    expect(order).toEqual(["a", "b"]);
  });

  it("a file that passes (failed before hashing) does not let the next overtake an earlier one", async () => {
    const occurrences = new FirstOccurrence();
    const a = occurrences.enter();
    const failed = occurrences.enter();
    const c = occurrences.enter();
    failed.pass();
    const cAnswer = c.isFirst("same");
    let cSettled = false;
    void cAnswer.then(() => (cSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(cSettled).toBe(false); // still waiting for a, listed before it
    expect(await a.isFirst("same")).toBe(true);
    expect(await cAnswer).toBe(false);
  });

  it("different bytes are each first; a turn answers once", async () => {
    const occurrences = new FirstOccurrence();
    const a = occurrences.enter();
    const b = occurrences.enter();
    const y = b.isFirst("y");
    expect([await a.isFirst("x"), await y]).toEqual([true, true]);
    await expect(a.isFirst("x")).rejects.toThrow(/answered once/);
    b.pass(); // passing after answering changes nothing
    expect(await occurrences.enter().isFirst("x")).toBe(false);
  });
});
