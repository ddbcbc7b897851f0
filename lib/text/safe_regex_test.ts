import { assertEquals, assertMatch, assertThrows } from "../testing.ts";
import { checkSafeRegex, UnsafeRegexError } from "./safe_regex.ts";
import { patternSource } from "./patterns.ts";
import { cleaningRulesFromCsv } from "./clean.ts";
import { CorpusError } from "../io/csv.ts";

const refused = (src: string, re: RegExp, column?: number) => {
  const e = assertThrows(() => checkSafeRegex(src, "iu"), re);
  if (!(e instanceof UnsafeRegexError)) throw new Error(`not an UnsafeRegexError: ${e}`);
  if (column !== undefined) assertEquals(e.column, column);
};

Deno.test("checkSafeRegex refuses expressions that backtrack catastrophically, with the column", () => {
  refused(
    "(\\w+\\s?)+sanctions",
    /column 1: the repeated group "\(\\w\+\\s\?\)\+" holds a repetition that can run into/,
    1,
  );
  refused("(?:a|aa)?".repeat(25) + "b", /combine in .* ways \(more than 100,000\)/);
  refused("x(a*)*b", /column 2: the repeated part "\(a\*\)\*" can match empty text/, 2);
  refused(
    "(a|ab)+c",
    /the repeated alternatives in "\(a\|ab\)\+" can start with the same character/,
  );
  refused(
    "\\d*\\w*[0-9a-z]*x",
    /column 1: 3 repetitions in a row from "\\d\*" can take the same characters/,
    1,
  );
  refused("(x)\\1", /column 4: a backreference/, 4);
  refused("(?<w>x)\\k<w>", /a backreference/);
});

Deno.test("checkSafeRegex accepts delimited repetition as the data files write it", () => {
  for (
    const ok of [
      "sanctions?|sanctioning|export[ -]control|(non-?)?proliferation",
      "Jong[\\s-]*(Kyu|Il|Nam)|Yo[\\s-]*jong",
      "^[\\w.+\\-]+@[\\w\\-]+(?:\\.[\\w\\-]+)+$",
      "^(?![\\s•\\d])(?=(?:\\S+\\s+){7}\\S).*[.!?][\\u0022”’»)]?$",
      "^By (?<value>\\p{Lu}[\\p{L}'’.\\-]*(?: (?:and )?\\p{Lu}[\\p{L}'’.\\-]*){1,5})$",
      "^(?:Published|Updated)(?:\\s*:\\s*(?<value>.*))?$",
      "^(?=.{0,300}$)(?=.*\\bcookies?\\b).*$",
    ]
  ) checkSafeRegex(ok, "iu");
});

Deno.test("patternSource refuses * inside a word and too many optional parts, with the column", () => {
  assertThrows(
    () => patternSource("d*i*c*t*a*t*o*r*x"),
    /the pattern "d\*i\*c\*t\*a\*t\*o\*r\*x" has \* inside a word \(column 2\): \* may only end a word/,
  );
  assertThrows(
    () => patternSource("(a|aa)?".repeat(25) + "b"),
    /the pattern "\(a\|aa\)\?.*" has too many optional parts and alternatives \(column 76\)/,
  );
  // The documented forms still compile.
  for (
    const p of ["dictator*", "axis of *", "regimes?", "illegitima(te|cy)", "U.S.", "Kim Jong Un"]
  ) {
    patternSource(p);
  }
});

Deno.test("cleaning rules: a regex rule that could hang is refused with file, line and column", () => {
  const header = "id,category,match,pattern,action,ignore_case,note\n";
  const e = assertThrows(
    () =>
      cleaningRulesFromCsv(
        header +
          "ok,footer,regex,^Copyright\\b.*$,drop,true,\nslow,footer,regex,^(\\w+\\s?)+$,drop,true,\n",
        "rules.csv",
      ),
    /^rules\.csv line 3, column 'pattern': column 2: the repeated group "\(\\w\+\\s\?\)\+" .* — this expression could make cleaning take minutes/,
  );
  assertMatch(e.name, /CorpusError/);
  assertEquals((e as CorpusError).line, 3);
});

Deno.test("patternSource refuses a pattern that can match empty text (found by the fuzz test)", () => {
  assertThrows(
    () => patternSource("a?"),
    /the pattern "a\?" can match empty text \(every part of it is optional\), so it would match everywhere/,
  );
  assertThrows(() => patternSource("(a|b)?"), /can match empty text/);
  patternSource("ab?");
});
