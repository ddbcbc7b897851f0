/**
 * Where the data files are when no path is given: the repository's `data/` folder, or the folder
 * named by the environment variable `FRAMING_LAB_DATA` (read at each call), so that a researcher
 * can keep a corpus and its data files elsewhere, and the tests run on their own fixture copy.
 *
 * @module
 */

/** The repository's own `data/` folder. */
export const REPO_DATA_DIR: string = decodeURIComponent(
  new URL("../../data", import.meta.url).pathname,
);

/**
 * The default data folder: `$FRAMING_LAB_DATA` when set, else the repository's `data/`.
 *
 * @example
 * ```ts
 * defaultDataDir().endsWith("/data"); // true unless FRAMING_LAB_DATA is set
 * ```
 */
export function defaultDataDir(): string {
  const env = Deno.env.get("FRAMING_LAB_DATA");
  return (env && env.trim() !== "" ? env : REPO_DATA_DIR).replace(/\/+$/, "");
}

/**
 * Absolute path of a file in the default data folder.
 *
 * @example
 * ```ts
 * defaultDataPath("cues.csv").endsWith("/cues.csv"); // true
 * ```
 */
export function defaultDataPath(name: string): string {
  return `${defaultDataDir()}/${name}`;
}
