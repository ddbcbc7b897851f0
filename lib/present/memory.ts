/**
 * Giving back the memory of polars frames a notebook no longer holds. A nodejs-polars frame's
 * data lives outside the JavaScript heap and is freed only when the garbage collector finalizes
 * the small JavaScript object that wraps it; with a small heap, V8 collects rarely, so the frames
 * of finished cells (and the intermediate frames of a measure) pile up: over 100,000 articles a
 * kernel held twice the memory its live frames needed. The display functions call
 * {@linkcode releaseMemory} before each output, when the kernel runs with `--expose-gc` (the
 * project's kernelspec sets `DENO_V8_FLAGS=--expose-gc`, see scripts/setup.ts).
 *
 * @module
 */

/** Growth of the resident set (bytes) since the last collection that triggers the next one. */
export const RELEASE_THRESHOLD_BYTES = 64 * 1024 * 1024;

let floor = -1;
let measureFloor = false;

/**
 * Runs a full garbage collection when the process's resident set has grown by `threshold` bytes
 * or more since the last one (the first call always collects), so that the native memory of
 * unreachable polars frames is freed (their finalizers run once the caller awaits). Returns
 * whether it collected: false too when `gc` is not exposed (run without `--expose-gc`), where
 * it does nothing.
 *
 * @example
 * ```ts
 * releaseMemory(); // then `await` something: the frames' memory goes back
 * ```
 */
export function releaseMemory(threshold: number = RELEASE_THRESHOLD_BYTES): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return false;
  const rss = Deno.memoryUsage().rss;
  // The resident set right after a collection still holds what the finalizers free later: the
  // floor is taken at the next call.
  if (measureFloor) {
    floor = rss;
    measureFloor = false;
  }
  if (floor >= 0 && rss - floor < threshold) {
    floor = Math.min(floor, rss);
    return false;
  }
  gc();
  floor = rss;
  measureFloor = true;
  return true;
}
