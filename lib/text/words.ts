/**
 * Word counts: the one definition of a word used for every rate per 1,000 words.
 *
 * @module
 */

// countWords counts the matches of /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu with a
// character scan and a lookup table instead of a match object per word.
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** For each UTF-16 code unit outside the surrogates: 1 when a letter or digit (built on first use). */
let isWordUnit: Uint8Array | null = null;

function wordUnits(): Uint8Array {
  if (isWordUnit !== null) return isWordUnit;
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if ((c < 0xd800 || c > 0xdfff) && WORD_CHAR.test(String.fromCharCode(c))) t[c] = 1;
  }
  return (isWordUnit = t);
}

/** Width (1 or 2 code units) of the letter or digit at `i`, or 0 when there is none. */
function wordCharAt(text: string, i: number, units: Uint8Array): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return units[c];
  const cp = text.codePointAt(i)!;
  if (cp <= 0xffff) return 0; // a lone surrogate
  return WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/**
 * Number of words in `text` (runs of letters/digits, joined by inner
 * apostrophes, hyphens or periods: "Kim's", "Jong-un", "1.5", "U.S" count once).
 *
 * @example
 * ```ts
 * countWords("Kim Jong-un's 1.5-hour talk."); // 3
 * ```
 */
export function countWords(text: string): number {
  const units = wordUnits();
  const n = text.length;
  let words = 0;
  let inWord = false; // the previous character was a letter or digit of a word
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let w = c < 0xd800 || c > 0xdfff ? units[c] : wordCharAt(text, i, units);
    if (w !== 0) {
      if (!inWord) words++;
      inWord = true;
      if (w === 2) i++;
      continue;
    }
    // A connector (' ’ . -) between two letters or digits joins them into one word.
    if (inWord && (c === 39 || c === 0x2019 || c === 46 || c === 45) && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      w = d < 0xd800 || d > 0xdfff ? units[d] : wordCharAt(text, i + 1, units);
      if (w !== 0) continue; // inWord stays true
    }
    inWord = false;
  }
  return words;
}
