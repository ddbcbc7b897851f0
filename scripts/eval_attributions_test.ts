import {
  evaluate,
  formatResult,
  listEvalItems,
  readSourceTypes,
  writeJsonAtomic,
} from "./eval_attributions.ts";
import { assertEquals, assertMatch, assertRejects, withTempDir } from "../lib/testing.ts";

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

Deno.test("source-type accuracy against gold types, with confusions", async () => {
  // a.txt: “We will win,” Smith said. Jones said that taxes would rise. Neither name is known,
  // so both come out untyped ("none").
  const gold = new Map([["a:15:20", "official"], ["a:27:32", "other"]]);
  const r = await evaluate(await listEvalItems(FIXTURE), undefined, gold);
  assertEquals(r.sourceTypes, {
    gold: 2,
    paired: 2,
    correct: 0,
    accuracy: 0,
    accuracyOfAll: 0,
    confusions: { "official -> none": 1, "other -> none": 1 },
  });
  assertMatch(formatResult(r), /source types: {3}0\.0 % of 2 paired attributions/);
});

Deno.test("readSourceTypes: rows by article and span; a bad row names the file and line", async () => {
  await withTempDir(async (dir) => {
    const head = "article\tsource_start\tsource_end\tsource_text\ttype\n";
    await Deno.writeTextFile(`${dir}/ok.tsv`, head + "a\t15\t20\tSmith\tofficial\n");
    assertEquals([...await readSourceTypes(`${dir}/ok.tsv`)], [["a:15:20", "official"]]);
    await Deno.writeTextFile(`${dir}/bad.tsv`, head + "a\t15\tx\tSmith\tofficial\n");
    await assertRejects(
      () => readSourceTypes(`${dir}/bad.tsv`),
      /bad\.tsv line 2: expected article, start, end \(whole numbers\), text and type/,
    );
  });
});

Deno.test("--out writes the figures as JSON; writeJsonAtomic leaves no temporary file", async () => {
  await withTempDir(async (dir) => {
    const script = new URL("./eval_attributions.ts", import.meta.url).pathname;
    const out = `${dir}/figures.json`;
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", script, FIXTURE, "--out", out],
      stdout: "null",
      stderr: "piped",
    }).output();
    assertEquals(run.code, 0, new TextDecoder().decode(run.stderr));
    const figures = JSON.parse(await Deno.readTextFile(out));
    assertEquals([figures.dir, figures.texts, figures.all.gold], [FIXTURE, 2, 3]);
    await writeJsonAtomic(`${dir}/x.json`, { a: 1 });
    const names = [];
    for await (const e of Deno.readDir(dir)) names.push(e.name);
    assertEquals(names.sort(), ["figures.json", "x.json"]);
  });
});
