/**
 * Binary search over items sorted by a numeric key (offsets, starts of spans): the one
 * implementation the text index and the analysis use to find the span holding an offset.
 *
 * Every function assumes `items` sorted ascending by `key`; equal keys are allowed.
 *
 * @example
 * ```ts
 * import { firstAtOrAfter, lastAtOrBefore } from "./search.ts";
 * lastAtOrBefore([0, 10, 20], 15); // 1
 * firstAtOrAfter([0, 10, 20], 15); // 2
 * ```
 *
 * @module
 */

/**
 * The first index in `[0, n)` where `before(i)` is false, for a `before` that is true on a
 * prefix and false after it; `n` when it is true everywhere.
 *
 * @example
 * ```ts
 * const xs = [1, 3, 3, 7];
 * partitionPoint(xs.length, (i) => xs[i] < 3); // 1
 * ```
 */
export function partitionPoint(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const self = (x: unknown): number => x as number;

/**
 * Index of the first item whose key is at or after `x` (`items.length` when none is).
 *
 * @example
 * ```ts
 * firstAtOrAfter([{ s: 0 }, { s: 5 }], 3, (q) => q.s); // 1
 * firstAtOrAfter([0, 5], 6); // 2
 * ```
 */
export function firstAtOrAfter(items: readonly number[], x: number): number;
export function firstAtOrAfter<T>(items: readonly T[], x: number, key: (item: T) => number): number;
export function firstAtOrAfter<T>(
  items: readonly T[],
  x: number,
  key: (item: T) => number = self,
): number {
  return partitionPoint(items.length, (i) => key(items[i]) < x);
}

/**
 * Index of the first item whose key is after `x` (`items.length` when none is).
 *
 * @example
 * ```ts
 * firstAfter([{ e: 4 }, { e: 9 }], 4, (t) => t.e); // 1
 * ```
 */
export function firstAfter(items: readonly number[], x: number): number;
export function firstAfter<T>(items: readonly T[], x: number, key: (item: T) => number): number;
export function firstAfter<T>(
  items: readonly T[],
  x: number,
  key: (item: T) => number = self,
): number {
  return partitionPoint(items.length, (i) => key(items[i]) <= x);
}

/**
 * Index of the last item whose key is at or before `x` (with sorted span starts: the span
 * holding offset `x`), or null when the first key is after `x`.
 *
 * @example
 * ```ts
 * lastAtOrBefore([0, 10, 20], 10); // 1
 * lastAtOrBefore([[5, 9], [12, 20]], 3, (r) => r[0]); // null
 * ```
 */
export function lastAtOrBefore(items: readonly number[], x: number): number | null;
export function lastAtOrBefore<T>(
  items: readonly T[],
  x: number,
  key: (item: T) => number,
): number | null;
export function lastAtOrBefore<T>(
  items: readonly T[],
  x: number,
  key: (item: T) => number = self,
): number | null {
  const i = firstAfter(items, x, key) - 1;
  return i < 0 ? null : i;
}
