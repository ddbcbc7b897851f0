import { buildMarkupSet, parseMarkup, sourceTypeRows, toBrat } from "./markup.ts";
import { parseBratAttributions } from "./brat.ts";
import { assertEquals, assertThrows, withTempDir } from "../testing.ts";

Deno.test("parseMarkup: spans in code points of the text without tags; types on sources", () => {
  const a = parseMarkup("😀 [S1:government Seoul] [C1 said] [Q1 it was “calm”].", "x.txt");
  assertEquals(a.text, "😀 Seoul said it was “calm”.");
  assertEquals(a.attributions, [{
    n: 1,
    source: [[2, 7]],
    cue: [[8, 12]],
    content: [[13, 26]],
    type: "government",
  }]);
});

Deno.test("parseMarkup: nested and discontinuous spans; coordinated sources share a content", () => {
  const a = parseMarkup(
    "[Q1 “A,”] [C1 said] [S1 Kim], [Q1 “B.”] [S2 X] and [S3 Y] [C2 [C3 said]] [Q2 [Q3 no]].",
    "x.txt",
  );
  assertEquals(a.attributions[0].content, [[0, 4], [15, 19]]);
  assertEquals(a.attributions[1].content, a.attributions[2].content);
  assertEquals(a.attributions[1].cue, a.attributions[2].cue);
});

Deno.test("parseMarkup: errors name the file, line and what to fix", () => {
  assertThrows(
    () => parseMarkup("a\n[S1 Kim [C1 said] no", "m.txt"),
    /m\.txt line 2: tag \[S1 is not closed; add "\]"/,
  );
  assertThrows(
    () => parseMarkup("[S1:officer Kim] [C1 said] no", "m.txt"),
    /m\.txt line 1: source type "officer" of \[S1 is unknown; use one of state_media/,
  );
  assertThrows(
    () => parseMarkup("[C1:official said] no", "m.txt"),
    /m\.txt line 1: a type is given on \[C1; give it on \[S1/,
  );
  assertThrows(() => parseMarkup("[S1 Kim] spoke", "m.txt"), /attribution 1 has neither cue/);
});

Deno.test("toBrat and sourceTypeRows round-trip through the brat reader", async () => {
  const a = parseMarkup("[S1:official Kim] [C1 said] [Q1 no]. [C2 Reportedly] [Q2 yes].", "x.txt");
  const back = parseBratAttributions(toBrat(a), "x.ann");
  assertEquals(back.map((b) => [b.type, b.source, b.cue, b.content]), [
    ["Attribution", [[0, 3]], [[4, 8]], [[9, 11]]],
    ["Attribution-no-source", null, [[13, 23]], [[24, 27]]],
  ]);
  assertEquals(sourceTypeRows("x", a), [["x", "0", "3", "Kim", "official"]]);
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/m`);
    await Deno.writeTextFile(`${dir}/m/a.txt`, "[S1:official Kim] [C1 said] [Q1 no].");
    assertEquals(await buildMarkupSet(`${dir}/m`, `${dir}/out`), 1);
    assertEquals(await Deno.readTextFile(`${dir}/out/text/a.txt`), "Kim said no.");
    assertEquals(
      await Deno.readTextFile(`${dir}/out/source_types.tsv`),
      "article\tsource_start\tsource_end\tsource_text\ttype\na\t0\t3\tKim\tofficial\n",
    );
    assertEquals(
      (await Deno.readTextFile(`${dir}/out/attributions/a_dev.ann`)).split("\n").length,
      6,
    );
  });
});
