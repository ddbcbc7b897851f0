import pl from "nodejs-polars";
import { vegaLiteSvg } from "../render.ts";
import {
  actorLabelHeatmap,
  categoryRatesChart,
  distinguishingTermsChart,
  loadedShareByVoiceChart,
  loadedShareChart,
} from "./framing.ts";
import { assert, assertEquals, assertMatch, assertThrows } from "../../testing.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** The marks of one kind in a rendered SVG, by their aria role description. */
function marks(svg: string, role: string): string[] {
  return svg.match(
    new RegExp(
      `<[a-z]+ aria-label="[^"]*" role="graphics-symbol" ` +
        `aria-roledescription="${role}"`,
      "g",
    ),
  ) ?? [];
}

/** The aria labels of the marks of one kind in a rendered SVG. */
function markLabels(svg: string, role: string): string[] {
  return marks(svg, role).map((m) => m.match(/aria-label="([^"]*)"/)![1]).sort();
}

const share = pl.DataFrame({
  outlet: ["A", "A", "B"],
  target: ["person", "state", "person"],
  share: [0.5, 0.25, 0.1],
  lower: [0.2, 0.05, 0],
  upper: [0.8, 0.6, 0.3],
  method: ["Wilson", "Wilson", "Wilson"],
});

Deno.test("loadedShareChart: every row, rule from lower to upper, point at the share", async () => {
  const spec: Json = loadedShareChart(share);
  assertEquals(spec.data.values, share.toRecords());
  assertEquals(spec.facet.row.field, "target");
  const [rule, point] = spec.spec.layer;
  assertEquals(rule.mark, "rule");
  assertEquals([rule.encoding.x.field, rule.encoding.x2.field], ["lower", "upper"]);
  assertEquals(rule.encoding.x.scale, { domain: [0, 1] });
  assertEquals(rule.encoding.y.field, "outlet");
  assertEquals(point.mark, { type: "point", filled: true, size: 60 });
  assertEquals(point.encoding.x.field, "share");
  const svg = await vegaLiteSvg(spec);
  assertEquals(markLabels(svg, "rule mark"), [
    // Vega names the x value by the axis title: it is `lower`, the end is `upper`.
    "loaded share: 0.05; outlet: A; upper: 0.6",
    "loaded share: 0.2; outlet: A; upper: 0.8",
    "loaded share: 0; outlet: B; upper: 0.3",
  ]);
  assertEquals(markLabels(svg, "point"), [
    "share: 0.1; outlet: B",
    "share: 0.25; outlet: A",
    "share: 0.5; outlet: A",
  ]);
  assertMatch(svg, /Loaded share of references, by target and outlet/);
});

Deno.test("categoryRatesChart: one panel per category, independent x scales", async () => {
  const rates = pl.DataFrame({
    outlet: ["A", "B", "A", "B"],
    category: ["neutral", "neutral", "distancing", "distancing"],
    rate_per_1000: [4, 2, 1, 0],
    lower: [1, 0.5, 0.1, 0],
    upper: [9, 6, 5, 3],
  });
  const spec: Json = categoryRatesChart(rates);
  assertEquals(spec.data.values, rates.toRecords());
  assertEquals(spec.facet.column.field, "category");
  assertEquals(spec.resolve, { scale: { x: "independent" } });
  const [rule, point] = spec.spec.layer;
  assertEquals([rule.encoding.x.field, rule.encoding.x2.field], ["lower", "upper"]);
  assertEquals(point.encoding.x.field, "rate_per_1000");
  const svg = await vegaLiteSvg(spec);
  assertEquals(marks(svg, "rule mark").length, 4);
  assertEquals(markLabels(svg, "point"), [
    "rate_per_1000: 0; outlet: B",
    "rate_per_1000: 1; outlet: A",
    "rate_per_1000: 2; outlet: B",
    "rate_per_1000: 4; outlet: A",
  ]);
  // Two panels, each with its own x axis.
  assertEquals(svg.match(/aria-label="X-axis titled 'per 1,000 words'/g)?.length, 2);
});

Deno.test("loadedShareByVoiceChart: only the target's rows, coloured by voice group", async () => {
  const byVoice = pl.DataFrame({
    outlet: ["A", "A", "A", "B"],
    voice_group: ["own voice", "others' words", "own voice", "others' words"],
    target: ["person", "person", "state", "person"],
    share: [0.75, 0, 1, 1],
    lower: [0.3, 0, 0.2, 0.4],
    upper: [0.9, 0.5, 1, 1],
  });
  const spec: Json = loadedShareByVoiceChart(byVoice, { target: "person" });
  assertEquals(
    spec.data.values,
    byVoice.toRecords().filter((r) => r.target === "person"),
  );
  assertEquals(spec.data.values.length, 3);
  assertMatch(spec.title, /^Loaded share of references to people, own voice against others'/);
  const [rule, point] = spec.layer;
  assertEquals([rule.encoding.x.field, rule.encoding.x2.field], ["lower", "upper"]);
  assertEquals(rule.encoding.x.scale, { domain: [0, 1] });
  assertEquals(point.encoding.x.field, "share");
  for (const layer of [rule, point]) {
    assertEquals(layer.encoding.yOffset, { field: "voice_group" });
    assertEquals(layer.encoding.color.field, "voice_group");
  }
  assertEquals(rule.encoding.color.title, "voice");
  const svg = await vegaLiteSvg(spec);
  assertEquals(marks(svg, "rule mark").length, 3);
  assertEquals(markLabels(svg, "point"), [
    "share: 0.75; outlet: A; voice_group: own voice",
    "share: 0; outlet: A; voice_group: others' words",
    "share: 1; outlet: B; voice_group: others' words",
  ]);
  const states: Json = loadedShareByVoiceChart(byVoice, { target: "state" });
  assertEquals(states.data.values.map((r: Json) => r.share), [1]);
  assertMatch(states.title, /references to states/);
  assertEquals((loadedShareByVoiceChart(byVoice) as Json).data.values.length, 3, "default person");
});

const labels = pl.DataFrame({
  outlet: ["A", "A", "A", "A", "B", "B"],
  actor: [
    "Vladimir Putin",
    "Vladimir Putin",
    "Russia",
    "Kim Jong Un",
    "Kim Jong Un",
    "Kim Jong Un",
  ],
  label: ["dictator", "(name only)", "regime", "leader", "dearest friend", "(name only)"],
  label_category: [
    "loaded_negative",
    null,
    "loaded_negative",
    "neutral",
    "loaded_positive",
    null,
  ],
  voice: ["narration", "narration", "narration", "quote", "quote", "narration"],
  mentions: [3, 5, 2, 1, 1, 4],
  n_articles: [1, 1, 1, 1, 1, 1],
});

Deno.test("actorLabelHeatmap: the labelled mentions of the chosen actors, one cell each", async () => {
  const spec: Json = actorLabelHeatmap(labels, {
    actors: ["Vladimir Putin", "Kim Jong Un"],
    subject: "people",
  });
  assertEquals(
    spec.data.values.map((r: Json) => [r["outlet · actor"], r.label, r.voice, r.mentions]),
    [
      ["A · Vladimir Putin", "dictator", "narration", 3],
      ["A · Kim Jong Un", "leader", "quote", 1],
      ["B · Kim Jong Un", "dearest friend", "quote", 1],
    ],
  );
  assertEquals(spec.title, "Labels attached to people, by outlet and voice (count of mentions)");
  assertEquals(spec.facet.column.field, "voice");
  const [rect, text] = spec.spec.layer;
  assertEquals(rect.mark, "rect");
  assertEquals([rect.encoding.x.field, rect.encoding.y.field], ["label", "outlet · actor"]);
  assertEquals(rect.encoding.color.field, "label_category");
  assertEquals(rect.encoding.color.scale, {
    domain: ["loaded_negative", "loaded_positive", "neutral"],
    range: ["#c0392b", "#2e86c1", "#aab7b8"],
  });
  assertEquals(text.encoding.text.field, "mentions");
  const svg = await vegaLiteSvg(spec);
  assertEquals(markLabels(svg, "rect mark"), [
    "label: dearest friend; outlet · actor: B · Kim Jong Un; category: loaded_positive",
    "label: dictator; outlet · actor: A · Vladimir Putin; category: loaded_negative",
    "label: leader; outlet · actor: A · Kim Jong Un; category: neutral",
  ]);
  assertEquals(markLabels(svg, "text mark"), [
    "label: dearest friend; outlet · actor: B · Kim Jong Un; mentions: 1",
    "label: dictator; outlet · actor: A · Vladimir Putin; mentions: 3",
    "label: leader; outlet · actor: A · Kim Jong Un; mentions: 1",
  ]);
  // Each cell takes the colour of its category.
  assertMatch(svg, /aria-label="label: dictator;[^"]*" [^>]*fill="#c0392b"/);
  assertMatch(svg, /aria-label="label: dearest friend;[^"]*" [^>]*fill="#2e86c1"/);
  assertMatch(svg, /aria-label="label: leader;[^"]*" [^>]*fill="#aab7b8"/);

  const all: Json = actorLabelHeatmap(labels);
  assertEquals(all.data.values.length, 4, "every actor, still without (name only)");
  assertMatch(all.title, /^Labels attached to actors,/);
});

Deno.test("distinguishingTermsChart: the top positive-z terms per outlet, as bars", async () => {
  const distinct = pl.DataFrame({
    outlet: ["A", "A", "A", "A", "A", "B", "B", "B"],
    term: ["dictator", "regime", "treaty", "leader", "deal", "president", "ally", "war"],
    category: [
      "loaded_negative",
      "loaded_negative",
      "neutral",
      "neutral",
      "neutral",
      "neutral",
      "neutral",
      "neutral",
    ],
    z: [2.5, 0.4, 1.2, -0.3, 0.9, 1.1, -1, 0],
  });
  const spec: Json = distinguishingTermsChart(distinct, { perOutlet: 3 });
  assertEquals(
    spec.data.values.map((r: Json) => [r.outlet, r.term, r.z]),
    [["A", "dictator", 2.5], ["A", "treaty", 1.2], ["A", "deal", 0.9], ["B", "president", 1.1]],
  );
  assertEquals(spec.facet.row.field, "outlet");
  assertEquals(spec.spec.mark, "bar");
  assertEquals(spec.spec.encoding.y, { field: "term", type: "nominal", sort: "-x", title: null });
  assertEquals(spec.spec.encoding.x.field, "z");
  assertEquals(spec.spec.encoding.color.field, "category");
  assertEquals(spec.resolve, { scale: { y: "independent" } });
  const svg = await vegaLiteSvg(spec);
  assertEquals(markLabels(svg, "bar"), [
    "z (log-odds / s.e.): 0.9; term: deal; category: neutral",
    "z (log-odds / s.e.): 1.1; term: president; category: neutral",
    "z (log-odds / s.e.): 1.2; term: treaty; category: neutral",
    "z (log-odds / s.e.): 2.5; term: dictator; category: loaded_negative",
  ]);
  const six: Json = distinguishingTermsChart(distinct);
  assertEquals(six.data.values.length, 5, "default 6 per outlet: every positive z is kept");
});

Deno.test("framing charts: a table without the needed columns is a clear error", () => {
  assertThrows(
    () => loadedShareChart(pl.DataFrame({ outlet: ["A"] })),
    /loadedShareChart: the table lacks column\(s\) target, share, lower, upper/,
  );
  assertThrows(
    () => loadedShareByVoiceChart(share),
    /lacks column\(s\) voice_group .*byVoiceGroup: true/,
  );
  assertThrows(() => actorLabelHeatmap(share), /pass the table from actorLabels/);
  const byVoice = share.withColumns(pl.lit("own voice").alias("voice_group"));
  assertThrows(
    () => loadedShareByVoiceChart(byVoice, { target: "people" as "person" }),
    /target must be one of person, state, agreement, action, got "people"/,
  );
  assertThrows(() => distinguishingTermsChart(share), /lacks column\(s\) term, category, z/);
});

Deno.test("framing charts: hostile labels reach the SVG escaped", async () => {
  const hostile = `<script>alert(1)</script>`;
  const svg = await vegaLiteSvg(
    actorLabelHeatmap(labels.withColumns(pl.lit(hostile).alias("label"))),
  );
  assert(!svg.includes("<script"), "no live script tag");
  assert(svg.includes("&lt;script&gt;"), "the label is present, escaped");
});
