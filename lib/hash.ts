/**
 * Content hashes: the sha256 of bytes as lower-case hex, used to record which data files a
 * result came from.
 *
 * @module
 */

/**
 * Hex sha256 of `bytes`.
 *
 * @example
 * ```ts
 * await sha256Hex(new TextEncoder().encode("abc"));
 * // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
