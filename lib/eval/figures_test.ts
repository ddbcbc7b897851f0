import { assertEquals, assertRejects, withTempDir } from "../testing.ts";
import { evaluationFigures } from "./figures.ts";

Deno.test("evaluationFigures: the eval commands' JSON as one table; nothing written gives no rows", async () => {
  await withTempDir(async (dir) => {
    assertEquals((await evaluationFigures(`${dir}/missing`)).height, 0);
    await Deno.writeTextFile(
      `${dir}/ptc_loaded.json`,
      JSON.stringify({
        loaded: { precision: 0.5, recall: 0.25, f1: 1 / 3, goldSpans: 40 },
        loadedNegative: { hits: 10, precision: 0.6 },
        byStyle: null,
        distancing: null,
        speakers: { accuracy: 0.9, hits: 20, correct: 18 },
        distancingChain: { precision: 0.75, recall: 0.5, goldSpans: 6 },
      }),
    );
    const o = (p: number, r: number) => ({ precision: p, recall: r, f1: (2 * p * r) / (p + r) });
    await Deno.writeTextFile(
      `${dir}/polnear_attributions.json`,
      JSON.stringify({
        all: {
          gold: 100,
          overlap: { source: o(0.8, 0.5), cue: o(0.8, 0.4), content: o(0.9, 0.5) },
        },
        direct: { gold: 20, overlap: { source: o(0.9, 0.85) } },
      }),
    );
    const all = await evaluationFigures(dir);
    assertEquals(all.height, 8);
    const ptc = (await evaluationFigures(dir, "loaded")).toRecords();
    assertEquals(ptc.map((r) => [r.measure, r.precision, r.recall, r.n]), [
      ["loaded language (any overlap)", 0.5, 0.25, 40],
      ["loaded_negative hits", 0.6, null, 10],
      ["distancing in the hits table (with attributions)", 0.75, 0.5, 6],
      ["speaker of quoted loaded words (accuracy)", 0.9, null, 20],
    ]);
    const speakers = (await evaluationFigures(dir, "speakers")).toRecords();
    assertEquals(speakers.map((r) => [r.measure, r.precision, r.n]), [
      ["speaker of quoted loaded words (accuracy)", 0.9, 20],
    ]);
    const attr = (await evaluationFigures(dir, "attributions")).toRecords();
    assertEquals(attr.map((r) => r.measure), [
      "all attributions: source",
      "all attributions: cue",
      "all attributions: content",
      "direct quotations: source",
    ]);
    assertEquals(attr[0].dataset, "PolNeAR training split (840 US political news articles)");
    await Deno.writeTextFile(`${dir}/devset_loaded.json`, "{ not json");
    await assertRejects(
      () => evaluationFigures(dir),
      /devset_loaded\.json: not the JSON an eval command writes/,
    );
  });
});
