import {
  bootstrapRatio,
  normalQuantile,
  poissonInterval,
  quantileSorted,
  regularizedGammaP,
  seededRandom,
  shareInterval,
  weightedLogOdds,
  wilsonInterval,
} from "./stats.ts";
import { assert, assertEquals, assertThrows } from "../testing.ts";

function close(actual: number, expected: number, tol = 1e-4): void {
  assert(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
}

Deno.test("seededRandom: same seed, same sequence; values in [0, 1)", () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const c = seededRandom(8);
  const xs = Array.from({ length: 5 }, a);
  assertEquals(Array.from({ length: 5 }, b), xs);
  assert(JSON.stringify(Array.from({ length: 5 }, c)) !== JSON.stringify(xs));
  const r = seededRandom(1);
  let sum = 0;
  for (let i = 0; i < 10000; i++) {
    const x = r();
    assert(x >= 0 && x < 1);
    sum += x;
  }
  close(sum / 10000, 0.5, 0.02);
});

Deno.test("quantileSorted: type 7 interpolation", () => {
  assertEquals(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assertEquals(quantileSorted([1, 2, 3, 4], 0), 1);
  assertEquals(quantileSorted([1, 2, 3, 4], 1), 4);
  assert(Number.isNaN(quantileSorted([], 0.5)));
});

Deno.test("bootstrapRatio: estimate is the ratio of sums, scaled", () => {
  const r = bootstrapRatio([2, 0, 5], [400, 300, 1000], { scale: 1000 });
  close(r.estimate, (7 / 1700) * 1000, 1e-9);
  assert(r.lower <= r.estimate && r.estimate <= r.upper);
  assert(r.lower >= 0 && r.upper <= 5.0001, "ratio can never exceed the largest article ratio");
  assert(r.upper > r.lower, "articles differ, so the interval has width");
  assertEquals(r.method, "article bootstrap, percentile, 2000 replicates, seed 42");
});

Deno.test("bootstrapRatio: identical article ratios give a zero-width interval", () => {
  const r = bootstrapRatio([1, 2, 3], [10, 20, 30]);
  close(r.estimate, 0.1, 1e-12);
  close(r.lower, 0.1, 1e-12);
  close(r.upper, 0.1, 1e-12);
  const one = bootstrapRatio([4], [100], { scale: 1000 });
  assertEquals([one.estimate, one.lower, one.upper], [40, 40, 40]);
});

Deno.test("bootstrapRatio: deterministic for a seed, different for another", () => {
  const num = [0, 3, 1, 7, 2, 0, 4];
  const den = [100, 250, 80, 300, 120, 90, 200];
  const a = bootstrapRatio(num, den, { seed: 1 });
  assertEquals(bootstrapRatio(num, den, { seed: 1 }), a);
  const b = bootstrapRatio(num, den, { seed: 2 });
  assert(a.lower !== b.lower || a.upper !== b.upper);
  const narrow = bootstrapRatio(num, den, { seed: 1, level: 0.5 });
  assert(narrow.lower >= a.lower && narrow.upper <= a.upper, "50% interval inside the 95% one");
});

Deno.test("bootstrapRatio: empty or zero denominators give NaN; bad input throws", () => {
  const e = bootstrapRatio([], []);
  assert(Number.isNaN(e.estimate) && Number.isNaN(e.lower) && Number.isNaN(e.upper));
  assert(Number.isNaN(bootstrapRatio([0, 0], [0, 0]).estimate));
  assertThrows(() => bootstrapRatio([1, 2], [3]), /num has 2 values but den has 1/);
  assertThrows(() => bootstrapRatio([1, -2], [3, 4]), /article 1 has num=-2/);
  assertThrows(() => bootstrapRatio([1], [3], { level: 1.5 }), /level must be between 0 and 1/);
});

Deno.test("normalQuantile: known values", () => {
  close(normalQuantile(0.975), 1.959964, 1e-6);
  close(normalQuantile(0.5), 0, 1e-9);
  close(normalQuantile(0.01), -2.326348, 1e-6);
  assertThrows(() => normalQuantile(1), /p must be in \(0, 1\)/);
});

Deno.test("wilsonInterval: textbook values", () => {
  const w = wilsonInterval(3, 10);
  close(w.estimate, 0.3, 1e-12);
  close(w.lower, 0.1078, 1e-4);
  close(w.upper, 0.6032, 1e-4);
  const zero = wilsonInterval(0, 10);
  assertEquals(zero.lower, 0);
  close(zero.upper, 0.2775, 1e-4);
  const all = wilsonInterval(10, 10);
  close(all.lower, 0.7225, 1e-4);
  assertEquals(all.upper, 1);
  const none = wilsonInterval(0, 0);
  assert(Number.isNaN(none.estimate));
  assertEquals([none.lower, none.upper], [0, 1]);
  assertThrows(() => wilsonInterval(4, 3), /successes \(4\) exceed trials \(3\)/);
  assertThrows(() => wilsonInterval(1.5, 3), /non-negative integers/);
});

Deno.test("weightedLogOdds: hand-computed informative-prior example", () => {
  // A = {x:2, y:2}, B = {x:0, y:4}; prior = pooled counts {x:2, y:6}, a0 = 8, nA = nB = 4.
  // x: delta = log(4/8) - log(2/10) = log 2.5; var = 1/4 + 1/2
  // y: delta = log(8/4) - log(10/2) = log 0.4; var = 1/8 + 1/10
  const rows = weightedLogOdds({ x: 2, y: 2 }, new Map([["x", 0], ["y", 4]]), { minCount: 1 });
  assertEquals(rows.map((r) => r.term), ["x", "y"]);
  close(rows[0].logOdds, Math.log(2.5), 1e-12);
  close(rows[0].variance, 0.75, 1e-12);
  close(rows[0].z, Math.log(2.5) / Math.sqrt(0.75), 1e-12);
  assertEquals([rows[0].countA, rows[0].countB, rows[0].prior], [2, 0, 2]);
  close(rows[1].logOdds, Math.log(0.4), 1e-12);
  close(rows[1].z, Math.log(0.4) / Math.sqrt(0.225), 1e-12);
});

Deno.test("weightedLogOdds: minimum-count guard and errors", () => {
  const rows = weightedLogOdds({ x: 2, y: 2 }, { x: 0, y: 4 });
  assertEquals(rows.map((r) => r.term), ["y"], "x has only 2 occurrences, below the default 3");
  assertThrows(
    () => weightedLogOdds({ x: 3 }, { x: 1 }, { background: { y: 5 }, minCount: 1 }),
    /term "x" has no prior mass/,
  );
  assertThrows(() => weightedLogOdds({ x: -1 }, {}), /countsA\["x"\] must be a non-negative count/);
});

Deno.test("poissonInterval: Garwood exact interval, textbook values", () => {
  const one = poissonInterval(1, 1);
  close(one.estimate, 1, 1e-12);
  close(one.lower, 0.0253, 1e-4);
  close(one.upper, 5.5716, 1e-4);
  const zero = poissonInterval(0, 1);
  assertEquals(zero.lower, 0);
  close(zero.upper, 3.6889, 1e-4);
  const ten = poissonInterval(10, 2000, { scale: 1000 });
  close(ten.estimate, 5, 1e-12);
  close(ten.lower, 4.7954 / 2, 1e-4);
  close(ten.upper, 18.3904 / 2, 1e-4);
  assert(Number.isNaN(poissonInterval(3, 0).estimate));
  assertThrows(() => poissonInterval(-1, 5), /count must be a non-negative integer/);
  close(regularizedGammaP(1, 1), 1 - Math.exp(-1), 1e-12);
  close(regularizedGammaP(3, 10), 0.9972306, 1e-6);
});

Deno.test("shareInterval: Wilson below five articles, article bootstrap from five", () => {
  const one = shareInterval([3], [10]);
  assertEquals(one, wilsonInterval(3, 10));
  assertEquals([one.lower.toFixed(4), one.upper.toFixed(4)], ["0.1078", "0.6032"]);
  // Articles with a zero denominator do not count towards the five.
  assertEquals(shareInterval([1, 2, 0, 3, 0], [4, 5, 3, 6, 0]).method, "Wilson score, level 0.95");
  const five = shareInterval([1, 2, 0, 3, 1], [4, 5, 3, 6, 2], { seed: 7 });
  assertEquals(five, bootstrapRatio([1, 2, 0, 3, 1], [4, 5, 3, 6, 2], { seed: 7 }));
  assertEquals(five.estimate, 7 / 20);
  assert(Number.isNaN(shareInterval([0], [0]).estimate));
});
