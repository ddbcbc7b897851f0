import { firstAfter, firstAtOrAfter, lastAtOrBefore, partitionPoint } from "./search.ts";
import { assertEquals } from "../testing.ts";

/** The answers by a linear scan, to compare the binary search with. */
function linear(xs: readonly number[], x: number) {
  const first = xs.findIndex((k) => k >= x);
  const after = xs.findIndex((k) => k > x);
  let last = -1;
  xs.forEach((k, i) => {
    if (k <= x) last = i;
  });
  return {
    firstAtOrAfter: first < 0 ? xs.length : first,
    firstAfter: after < 0 ? xs.length : after,
    lastAtOrBefore: last < 0 ? null : last,
  };
}

Deno.test("search: sentence starts, an offset before, on, between and after them", () => {
  const starts = [0, 50, 120];
  assertEquals(lastAtOrBefore(starts, 0), 0);
  assertEquals(lastAtOrBefore(starts, 49), 0);
  assertEquals(lastAtOrBefore(starts, 50), 1);
  assertEquals(lastAtOrBefore(starts, 500), 2);
  assertEquals(lastAtOrBefore([10, 20], 5), null);
  assertEquals(lastAtOrBefore([], 5), null);
  assertEquals(firstAtOrAfter(starts, 50), 1);
  assertEquals(firstAtOrAfter(starts, 51), 2);
  assertEquals(firstAtOrAfter(starts, 121), 3);
  assertEquals(firstAfter(starts, 50), 2);
  assertEquals(firstAfter([], 0), 0);
});

Deno.test("search: keyed items and equal keys agree with a linear scan", () => {
  const lists = [[], [3], [3, 3, 3], [0, 2, 2, 5, 9, 9, 12], [1, 4, 4, 4, 8]];
  for (const xs of lists) {
    const spans = xs.map((s) => ({ s, e: s + 1 }));
    for (let x = -1; x <= 14; x++) {
      const want = linear(xs, x);
      assertEquals(
        {
          firstAtOrAfter: firstAtOrAfter(spans, x, (q) => q.s),
          firstAfter: firstAfter(spans, x, (q) => q.s),
          lastAtOrBefore: lastAtOrBefore(spans, x, (q) => q.s),
        },
        want,
        `${xs} at ${x}`,
      );
    }
  }
});

Deno.test("partitionPoint: the first index where the predicate turns false", () => {
  const xs = [1, 3, 3, 7];
  assertEquals(partitionPoint(xs.length, (i) => xs[i] < 3), 1);
  assertEquals(partitionPoint(xs.length, (i) => xs[i] <= 3), 3);
  assertEquals(partitionPoint(xs.length, () => true), 4);
  assertEquals(partitionPoint(0, () => true), 0);
});
