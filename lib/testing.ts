/**
 * Test assertions in the shape of `@std/assert` (which cannot be installed
 * here: JSR is unreachable), built on `node:assert`.
 *
 * @module
 */
import nodeAssert from "node:assert/strict";

/** The fixture copy of the bundled data that tests read instead of the researcher's `data/`. */
export const FIXTURE_DATA: string = decodeURIComponent(
  new URL("./testdata/bundled", import.meta.url).pathname,
);

// Tests never read the researcher's `data/`: unless the caller chose another folder, every
// default data path points at the fixture copy.
if (!Deno.env.get("FRAMING_LAB_DATA")) Deno.env.set("FRAMING_LAB_DATA", FIXTURE_DATA);

/**
 * Asserts deep equality.
 *
 * @example
 * ```ts
 * assertEquals([1, 2], [1, 2]);
 * ```
 */
export function assertEquals<T>(actual: unknown, expected: T, msg?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, msg);
}

/**
 * Asserts deep inequality.
 *
 * @example
 * ```ts
 * assertNotEquals(1, 2);
 * ```
 */
export function assertNotEquals(actual: unknown, expected: unknown, msg?: string): void {
  nodeAssert.notDeepStrictEqual(actual, expected, msg);
}

/**
 * Asserts that `cond` is truthy.
 *
 * @example
 * ```ts
 * assert(1 < 2, "ordering");
 * ```
 */
export function assert(cond: unknown, msg?: string): asserts cond {
  nodeAssert.ok(cond, msg);
}

/**
 * Asserts that `text` matches `re`.
 *
 * @example
 * ```ts
 * assertMatch("file.csv line 3", /line 3/);
 * ```
 */
export function assertMatch(text: string, re: RegExp, msg?: string): void {
  nodeAssert.match(text, re, msg);
}

/**
 * Asserts that `fn` throws an Error whose message matches `re`; returns it.
 *
 * @example
 * ```ts
 * assertThrows(() => { throw new Error("bad row 2"); }, /row 2/);
 * ```
 */
export function assertThrows(fn: () => unknown, re?: RegExp): Error {
  try {
    fn();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    if (re) nodeAssert.match(err.message, re);
    return err;
  }
  throw new nodeAssert.AssertionError({ message: "expected the function to throw" });
}

/**
 * Asserts that the promise from `fn` rejects with an Error matching `re`; returns it.
 *
 * @example
 * ```ts
 * await assertRejects(() => Promise.reject(new Error("missing file")), /missing/);
 * ```
 */
export async function assertRejects(fn: () => Promise<unknown>, re?: RegExp): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    if (re) nodeAssert.match(err.message, re);
    return err;
  }
  throw new nodeAssert.AssertionError({ message: "expected the promise to reject" });
}

/**
 * Runs `fn` with a new temporary folder and removes the folder afterwards, also when `fn` throws.
 *
 * @example
 * ```ts
 * await withTempDir(async (dir) => await Deno.writeTextFile(`${dir}/a.csv`, "id\n"));
 * ```
 */
export async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
