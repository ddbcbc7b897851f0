/**
 * Decoding of raw article bytes to text.
 *
 * Scraped files come as UTF-8, sometimes with a byte-order mark, sometimes
 * with Windows line ends, and sometimes as Windows-1252. This module turns
 * bytes into one canonical text: BOM dropped, CRLF and lone CR turned into LF,
 * so that every offset into the text is the same whatever the file's origin.
 *
 * @module
 */

/** Result of {@linkcode decodeArticleBytes}. */
export interface DecodedText {
  /** The decoded text, BOM removed, line ends normalised to "\n". */
  text: string;
  /** Which encoding the bytes were read as. */
  encoding: "utf-8" | "windows-1252";
  /** Human-readable notes, e.g. that the file was not UTF-8. */
  warnings: string[];
}

/**
 * Byte offset of the first byte that breaks UTF-8, or -1 if `bytes` is valid
 * UTF-8 (overlong forms, surrogates and code points above U+10FFFF are invalid).
 *
 * @example
 * ```ts
 * firstInvalidUtf8Byte(new Uint8Array([0x41, 0x93, 0x42])); // 1
 * firstInvalidUtf8Byte(new TextEncoder().encode("ok")); // -1
 * ```
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

const UTF8_FATAL = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes the bytes of an article file. Valid UTF-8 is read as UTF-8 (a
 * leading byte-order mark is dropped silently); anything else is read as
 * Windows-1252 with a warning naming `file` and the byte offset of the first
 * byte that is not UTF-8. CRLF and lone CR become LF in both cases.
 *
 * @example
 * ```ts
 * const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62]);
 * decodeArticleBytes(bom, "a.txt"); // { text: "a\nb", encoding: "utf-8", warnings: [] }
 * ```
 */
export function decodeArticleBytes(bytes: Uint8Array, file: string): DecodedText {
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
    ? 3
    : 0;
  // The native decoder checks UTF-8 (nearly every file) far faster than a loop in JS; the loop
  // only finds the offset of the first bad byte of a file that is not UTF-8.
  let text: string;
  let encoding: DecodedText["encoding"];
  const warnings: string[] = [];
  try {
    text = UTF8_FATAL.decode(bytes.subarray(start));
    encoding = "utf-8";
  } catch {
    const bad = Math.max(0, firstInvalidUtf8Byte(bytes));
    text = new TextDecoder("windows-1252").decode(bytes);
    encoding = "windows-1252";
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, "0");
    warnings.push(
      `${file}: not valid UTF-8 (first bad byte 0x${hex} at byte offset ${bad}); ` +
        `decoded as Windows-1252 — check the text, or re-save the file as UTF-8`,
    );
  }
  return { text: text.replace(/\r\n?/g, "\n"), encoding, warnings };
}

const MAGIC: ReadonlyArray<[string, number[]]> = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["a ZIP archive (or .docx/.xlsx)", [0x50, 0x4b, 0x03, 0x04]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["UTF-16 text", [0xff, 0xfe]],
  ["UTF-16 text", [0xfe, 0xff]],
];

/**
 * Why `bytes` are not a text file, or null when they look like text: a known binary signature
 * (PNG, JPEG, GIF, PDF, ZIP, gzip, UTF-16), a NUL byte, or more than 1% control characters
 * (other than tab, line feed, carriage return, form feed, vertical tab) in the first 64 KiB.
 *
 * @example
 * ```ts
 * binaryReason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])); // "it is a PNG image"
 * binaryReason(new TextEncoder().encode("Plain text.\n")); // null
 * ```
 */
export function binaryReason(bytes: Uint8Array): string | null {
  for (const [what, sig] of MAGIC) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return `it is ${what}`;
  }
  const n = Math.min(bytes.length, 1 << 16);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return `it holds a NUL byte at byte offset ${i}`;
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13) || b === 0x7f) {
      control++;
    }
  }
  if (n > 0 && control > 2 && control / n > 0.01) {
    return `${control} of its first ${n} bytes are control characters`;
  }
  return null;
}
