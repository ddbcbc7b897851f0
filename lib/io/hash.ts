/**
 * Content hashes: the sha256 of bytes as lower-case hex, used to record which data files a
 * result came from.
 *
 * @module
 */
import { createHash } from "node:crypto";
import pl from "nodejs-polars";

/**
 * Hex sha256 of `bytes`.
 *
 * @example
 * ```ts
 * await sha256Hex(new TextEncoder().encode("abc"));
 * // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * ```
 */
export function sha256Hex(bytes: Uint8Array): Promise<string> {
  // node:crypto hashes on this thread: about 10× faster per small file than crypto.subtle,
  // whose every call is a round trip to another thread (100,000 article files: ~60 s → ~6 s).
  return Promise.resolve(createHash("sha256").update(bytes).digest("hex"));
}

/**
 * Hex sha256 of the file at `path`, read 4 MiB at a time (a 264 MB corpus CSV read whole for its
 * hash took as much memory at the end of a cold build).
 *
 * @example
 * ```ts
 * await sha256OfFile("data/articles.csv"); // the same as sha256Hex(await Deno.readFile(…))
 * ```
 */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  const file = await Deno.open(path, { read: true });
  try {
    const chunk = new Uint8Array(4 << 20);
    for (;;) {
      const n = await file.read(chunk);
      if (n === null) break;
      hash.update(chunk.subarray(0, n));
    }
  } finally {
    file.close();
  }
  return hash.digest("hex");
}

/**
 * A short digest of a string (53 bits as base 36, about 11 characters; cyrb53): for cache keys
 * that tell whether one value changed between runs, where a sha256 would cost more than the
 * comparison it saves. Two different strings share a digest with odds of about 1 in 2^53.
 *
 * @example
 * ```ts
 * shortDigest('["Title","Outlet",null]') === shortDigest('["Title","Outlet",null]'); // true
 * ```
 */
export function shortDigest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The sha256 of each input file (path to hash, e.g. `lexicon.source` → `lexicon.sha256`, or a
 * loader's `hashes`) as a table with columns input and sha256, in the order given. A path is
 * shown from its last `data/` folder on ("/home/x/project/data/actors.csv" → "data/actors.csv").
 *
 * @example
 * ```ts
 * inputHashesTable({ "/p/data/actors.csv": "ab12" }).toRecords();
 * // [{ input: "data/actors.csv", sha256: "ab12" }]
 * ```
 */
export function inputHashesTable(files: Record<string, string>): pl.DataFrame {
  const paths = Object.keys(files);
  return pl.DataFrame({
    input: pl.Series("input", paths.map((p) => p.replace(/^.*\/(data\/)/, "$1")), pl.Utf8),
    sha256: pl.Series("sha256", paths.map((p) => files[p]), pl.Utf8),
  });
}
