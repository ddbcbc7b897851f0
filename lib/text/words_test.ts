import { countWords, tokenize, wordList } from "./words.ts";
import { assertEquals } from "../testing.ts";

const TRICKY = "Mr. Kim’s aide, he said. Kim Jong-un's 1.5-hour talk (U.S.-led) R&D AT&T &x " +
  "don't rock 'n' roll -x- .5 3.14 Ünal ÉCOLE Ǆ 𝐀.𝐁. 𝐀𝐁 x\u{1D7D8}y \uD835 lone \uDC00 " +
  "low\u00A0nbsp\u2003em\u200Bzw “quoted,” ‘single’ — dash … end. Sr. Jr Lt. Col.";

Deno.test("countWords counts the matches of the word expression", () => {
  const re = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;
  for (let s = 0; s < TRICKY.length; s += 7) {
    const t = TRICKY.slice(s);
    assertEquals(countWords(t), [...t.matchAll(re)].length, t);
  }
  assertEquals(countWords("Kim Jong-un’s 1.5-hour talk."), 4);
  assertEquals(countWords(""), 0);
});

Deno.test("wordList gives the words joined by apostrophes only", () => {
  const re = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
  assertEquals(wordList(TRICKY), TRICKY.match(re));
  assertEquals(wordList("Kim Jong-un's talk"), ["Kim", "Jong", "un's", "talk"]);
});

Deno.test("tokenize: titles only when given, with their stop", () => {
  const t = "Capt. Ortiz, Mr. Lee";
  assertEquals(tokenize(t, 0, t.length).map((x) => x.text), [
    "Capt",
    ".",
    "Ortiz",
    ",",
    "Mr",
    ".",
    "Lee",
  ]);
  assertEquals(tokenize(t, 0, t.length, new Set(["Capt", "Mr"])).map((x) => x.text), [
    "Capt.",
    "Ortiz",
    ",",
    "Mr.",
    "Lee",
  ]);
});
