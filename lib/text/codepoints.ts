/**
 * Code-point offsets.
 *
 * JavaScript strings index UTF-16 code units; every offset this project exposes
 * (spans of hits, quotes, sources, paragraphs, sentences) is a Unicode code
 * point index instead, so that it lines up with Python, brat and other tools.
 * This module converts between the two.
 *
 * @module
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A converter from UTF-16 indices of one string to code-point indices.
 *
 * @example
 * ```ts
 * const cp = codePointIndex("a😀b");
 * cp(3); // 2: "b" is UTF-16 index 3 but code point 2
 * ```
 */
export function codePointIndex(text: string): (utf16: number) => number {
  // Fast path: no surrogate pairs, the two index systems agree.
  if (!SURROGATE.test(text)) return (i: number) => i;
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        map[i + 1] = cp; // inside a pair: same code point
        i++;
      }
    }
    cp++;
  }
  map[text.length] = cp;
  return (i: number) => map[i];
}

/**
 * A converter from code-point indices of one string to UTF-16 indices.
 *
 * @example
 * ```ts
 * const u = utf16Index("a😀b");
 * u(2); // 3
 * ```
 */
export function utf16Index(text: string): (codePoint: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i: number) => i;
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    out.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  out.push(text.length);
  return (cp: number) => out[cp];
}

/**
 * Number of Unicode code points in `text`.
 *
 * @example
 * ```ts
 * codePointLength("😀"); // 1
 * ```
 */
export function codePointLength(text: string): number {
  // Most texts hold no surrogate: the expression finds that quicker than the loop below.
  if (!SURROGATE.test(text)) return text.length;
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
