import pl from "nodejs-polars";
import { vegaLiteSvg } from "../render.ts";
import {
  actorLabelHeatmap,
  categoryRatesChart,
  distinguishingTermsChart,
  loadedShareByVoiceChart,
  loadedShareChart,
} from "./framing.ts";
import { legendEntries, markLabels, svgSize, svgTexts } from "./svg_facts.ts";
import { assert, assertEquals, assertThrows } from "../../testing.ts";

/** A loadedShareByOutlet-like table: outlet, target, loaded, neutral and a made-up interval. */
function shares(rows: Array<[string, string, number, number]>, voice?: string[]): pl.DataFrame {
  return pl.DataFrame({
    outlet: rows.map((r) => r[0]),
    ...(voice ? { voice_group: voice } : {}),
    target: rows.map((r) => r[1]),
    loaded: rows.map((r) => r[2]),
    neutral: rows.map((r) => r[3]),
    share: rows.map((r) => r[2] / (r[2] + r[3])),
    lower: rows.map((r) => r[2] / (r[2] + r[3]) / 2),
    upper: rows.map((r) => Math.min(1, (r[2] + 1) / (r[2] + r[3]))),
    method: rows.map(() => "Wilson score, level 0.95"),
  });
}

function noCutText(svg: string): void {
  const cut = svgTexts(svg).filter((t) => t.endsWith("…"));
  assertEquals(cut, [], "no text of the chart is cut");
  assert(svgSize(svg).width <= 960, `chart is ${svgSize(svg).width} px wide`);
}

Deno.test("loadedShareChart: 'k of n' beside every share, 'no references' rows, outlets in words", async () => {
  const share = shares([
    ["Korean Central News Agency (a long outlet name)", "person", 39, 7],
    ["unnamed (003)", "person", 1, 0],
    ["unnamed (003)", "state", 0, 2],
  ]);
  const svg = await vegaLiteSvg(loadedShareChart(share));
  const texts = svgTexts(svg);
  for (
    const t of ["39 of 46", "1 of 1", "0 of 2", "references to people", "references to states"]
  ) {
    assert(texts.includes(t), `chart shows ${JSON.stringify(t)}`);
  }
  // The KCNA-like outlet has no state references: its row in that panel says so.
  assertEquals(texts.filter((t) => t === "no references").length, 1);
  assert(texts.includes("Korean Central News Agency (a long outlet name)"));
  assert(texts.includes("outlet not given (003)"));
  assert(!texts.includes("unnamed (003)"));
  // Three estimates, each a point with a rule; 1 of 1 and 0 of 2 are drawn lighter.
  const points = markLabels(svg, "point");
  assertEquals(points.length, 3);
  const light = [...svg.matchAll(/aria-roledescription="point"[^>]*opacity="0.35"/g)].length;
  assertEquals(light, 2);
  noCutText(svg);
});

Deno.test("loadedShareChart: every outlet given gets a row, even one with no references at all", async () => {
  const share = shares([["A", "person", 2, 3]]);
  const svg = await vegaLiteSvg(loadedShareChart(share, { outlets: ["A", "B"] }));
  const texts = svgTexts(svg);
  assert(texts.includes("B"));
  assertEquals(texts.filter((t) => t === "no references").length, 1);
});

Deno.test("categoryRatesChart: a panel per category headed in words, coloured by category", async () => {
  const rates = pl.DataFrame({
    outlet: ["A", "B", "A", "B"],
    category: ["loaded_negative", "loaded_negative", "distancing", "distancing"],
    n_words: [1000, 500, 1000, 500],
    hits: [8, 1, 2, 0],
    rate_per_1000: [8, 2, 2, 0],
    lower: [3, 0.1, 0.2, 0],
    upper: [15, 11, 7, 7],
    method: ["exact Poisson", "exact Poisson", "exact Poisson", "exact Poisson"],
  });
  const svg = await vegaLiteSvg(categoryRatesChart(rates));
  const texts = svgTexts(svg);
  assert(texts.includes("loaded (negative)") && texts.includes("distancing"));
  assert(!texts.includes("loaded_negative"));
  const fills = [...svg.matchAll(/aria-roledescription="point"[^>]*fill="([^"]+)"/g)]
    .map((m) => m[1]);
  assertEquals(new Set(fills), new Set(["#c0392b", "#8e44ad"]));
  assert(
    markLabels(svg, "point").some((l) => l.includes("hits: 8 in 1000 words")),
    "the tooltip gives the hit count",
  );
  noCutText(svg);
});

Deno.test("loadedShareByVoiceChart: own voice and others' words in the shared colours, empty groups said", async () => {
  const byVoice = shares(
    [["A", "person", 3, 1], ["A", "person", 0, 4], ["A", "state", 1, 0], ["B", "person", 2, 0]],
    ["own voice", "others' words", "own voice", "others' words"],
  );
  const svg = await vegaLiteSvg(loadedShareByVoiceChart(byVoice, { target: "person" }));
  assertEquals(legendEntries(svg), [
    { label: "own voice", colour: "#e08214" },
    { label: "others' words", colour: "#1b9e77" },
  ]);
  const texts = svgTexts(svg);
  for (const t of ["3 of 4", "0 of 4", "2 of 2", "own voice: no references"]) {
    assert(texts.includes(t), `chart shows ${JSON.stringify(t)}`);
  }
  assertEquals(markLabels(svg, "point").length, 3); // the state row is not drawn
  noCutText(svg);
});

const labels = pl.DataFrame({
  outlet: ["A", "A", "A", "A", "unnamed (7)", "unnamed (7)"],
  actor: [
    "Vladimir Putin",
    "Vladimir Putin",
    "Russia",
    "Kim Jong Un",
    "Kim Jong Un",
    "Kim Jong Un",
  ],
  label: ["dictator", "(name only)", "regime", "leader", "dearest friend", "(name only)"],
  label_category: ["loaded_negative", null, "loaded_negative", "neutral", "loaded_positive", null],
  voice: ["narration", "narration", "narration", "quote", "quote", "narration"],
  mentions: [3, 5, 2, 1, 1, 4],
  n_articles: [1, 1, 1, 1, 1, 1],
});

Deno.test("actorLabelHeatmap: a cell per labelled mention with its count, category colours in words", async () => {
  const spec = actorLabelHeatmap(labels, { actors: ["Vladimir Putin", "Kim Jong Un"] });
  const svg = await vegaLiteSvg(spec);
  assertEquals(markLabels(svg, "rect").length, 3); // dictator, leader, dearest friend
  assertEquals(legendEntries(svg), [
    { label: "loaded (negative)", colour: "#c0392b" },
    { label: "loaded (positive)", colour: "#2e86c1" },
    { label: "neutral", colour: "#95a5a6" },
  ]);
  const texts = svgTexts(svg);
  for (
    const t of ["A · Vladimir Putin", "outlet not given (7) · Kim Jong Un", "narration", "quote"]
  ) {
    assert(texts.includes(t), `chart shows ${JSON.stringify(t)}`);
  }
  assert(texts.includes("3"), "the count is written in its cell");
  noCutText(svg);
});

Deno.test("distinguishingTermsChart: top positive-z terms per outlet, category colours, uses at the bar", async () => {
  const distinct = pl.DataFrame({
    outlet: ["A", "A", "A", "B", "B"],
    term: ["dictator", "regime", "treaty", "president", "ally"],
    category: ["loaded_negative", "loaded_negative", "neutral", "neutral", "neutral"],
    count_outlet: [9, 2, 4, 6, 1],
    count_rest: [0, 1, 5, 2, 3],
    z: [2.5, 0.4, 1.2, 1.1, -1],
  });
  const svg = await vegaLiteSvg(distinguishingTermsChart(distinct, { perOutlet: 2 }));
  assertEquals(markLabels(svg, "bar").length, 3); // dictator, treaty; president
  assertEquals(legendEntries(svg).map((e) => e.label), ["loaded (negative)", "neutral"]);
  assertEquals(legendEntries(svg)[0].colour, "#c0392b");
  const texts = svgTexts(svg);
  for (const t of ["9", "4", "6"]) assert(texts.includes(t), `uses ${t} at the bar`);
  noCutText(svg);
});

Deno.test("framing charts: a table without the needed columns is a clear error", () => {
  assertThrows(
    () => loadedShareChart(pl.DataFrame({ outlet: ["A"] })),
    /loadedShareChart: the table has no columns "target", "loaded", "neutral", "share", "lower", "upper"; it has outlet; pass the table from loadedShareByOutlet/,
  );
  const share = shares([["A", "person", 1, 1]]);
  assertThrows(
    () => loadedShareByVoiceChart(share),
    /has no column "voice_group"; .*byVoiceGroup: true/,
  );
  assertThrows(() => actorLabelHeatmap(share), /pass the table from actorLabels/);
  const byVoice = share.withColumns(pl.lit("own voice").alias("voice_group"));
  assertThrows(
    () => loadedShareByVoiceChart(byVoice, { target: "people" as "person" }),
    /target must be one of person, state, agreement, action, got "people"/,
  );
});
