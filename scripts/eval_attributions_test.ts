import { evaluate, formatResult, listEvalItems } from "./eval_attributions.ts";
import { assertEquals, assertMatch, assertRejects } from "../lib/testing.ts";

const FIXTURE = new URL("../lib/testdata/polnear_tiny", import.meta.url).pathname;

Deno.test("lists texts with the first annotator file in sorted order", async () => {
  const items = await listEvalItems(FIXTURE);
  assertEquals(items.map((i) => [i.article, i.annPath.split("/").pop()]), [["a", "a_aaaa.ann"], [
    "b",
    "b_aaaa.ann",
  ]]);
  await assertRejects(() => listEvalItems("/no/such"), /\/no\/such\/text: cannot read this folder/);
});

Deno.test("scores the tiny fixture as worked out by hand", async () => {
  const r = await evaluate(await listEvalItems(FIXTURE));
  // Gold: Smith (direct quote), Jones (indirect), and b's attribution with no source (missed).
  assertEquals([r.all.gold, r.all.predicted, r.all.paired], [3, 2, 2]);
  assertEquals([r.all.exact.source.precision, r.all.exact.source.recall], [1, 1]);
  assertEquals([r.all.exact.cue.matched, r.all.exact.cue.gold], [2, 3]);
  assertEquals([r.all.exact.content.matched, r.all.overlap.content.recall], [2, 2 / 3]);
  assertEquals([r.direct.gold, r.direct.predicted, r.direct.overlap.source.f1], [1, 1, 1]);
  assertMatch(formatResult(r), /direct quotations: 1 gold, 1 predicted, 1 paired/);
});

Deno.test("--limit takes the first texts only", async () => {
  const r = await evaluate(await listEvalItems(FIXTURE), 1);
  assertEquals([r.texts, r.all.gold], [1, 2]);
});
