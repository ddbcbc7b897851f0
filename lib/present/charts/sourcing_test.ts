import pl from "nodejs-polars";
import { vegaLiteSvg } from "../render.ts";
import {
  citedMostChart,
  directIndirectChart,
  KIND_ORDER,
  outletSourceHeatmap,
  sourceTypeBars,
} from "./sourcing.ts";
import { legendEntries, markLabels, svgSize, svgTexts } from "./svg_facts.ts";
import { assert, assertEquals, assertThrows } from "../../testing.ts";

/** A per-outlet share table shaped like shareByOutlet's, with the group column `group`. */
function shares(group: string, rows: Array<[string, string, number, number]>): pl.DataFrame {
  return pl.DataFrame({
    outlet: rows.map((r) => r[0]),
    [group]: rows.map((r) => r[1]),
    articles: rows.map(() => 1),
    n: rows.map((r) => r[2]),
    total: rows.map((r) => r[3]),
    share: rows.map((r) => r[3] === 0 ? NaN : r[2] / r[3]),
    lower: rows.map((r) => r[3] === 0 ? NaN : r[2] / r[3] / 2),
    upper: rows.map((r) => r[3] === 0 ? NaN : Math.min(1, (2 * r[2]) / r[3])),
    method: rows.map(() => "Wilson score, level 0.95"),
  });
}

function noCutText(svg: string): void {
  assertEquals(svgTexts(svg).filter((t) => t.endsWith("…")), [], "no text is cut");
  assert(svgSize(svg).width <= 960, `chart is ${svgSize(svg).width} px wide`);
}

/** The x of the left edge of each bar, by its aria label. */
function barLefts(svg: string): Array<{ label: string; x: number }> {
  return [
    ...svg.matchAll(
      /<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar" d="M([\d.]+),/g,
    ),
  ]
    .map((m) => ({ label: m[1], x: Number(m[2]) }));
}

Deno.test("sourceTypeBars: source types in words and fixed colours, n beside each bar", async () => {
  const byType = shares("source_type", [
    ["A", "official", 3, 4],
    ["A", "state_media", 1, 4],
    ["A", "unnamed", 0, 4],
    ["B", "expert_or_think_tank", 2, 2],
    ["C", "official", 0, 0],
  ]);
  const svg = await vegaLiteSvg(sourceTypeBars(byType));
  assertEquals(legendEntries(svg), [
    { label: "state media", colour: "#d62728" },
    { label: "official", colour: "#2ca02c" },
    { label: "expert or think tank", colour: "#9467bd" },
  ]);
  assertEquals(markLabels(svg, "bar").length, 3); // rows with n = 0 draw nothing
  const texts = svgTexts(svg);
  for (const t of ["n = 4", "n = 2", "no attributions"]) assert(texts.includes(t), t);
  const tip = markLabels(svg, "bar").find((l) => l.includes("official"))!;
  assert(tip.includes("attributions: 3 of 4") && tip.includes("95% interval: 38–100%"), tip);
  // Fewer than five attributions: lighter fill, full-colour outline.
  assert(/aria-roledescription="bar"[^>]*fill-opacity="0.35"[^>]*stroke="#2ca02c"/.test(svg));
  noCutText(svg);
});

Deno.test("sourceTypeBars: a type the scale lacks (e.g. a new 'government' type) keeps one colour", async () => {
  const a = await vegaLiteSvg(
    sourceTypeBars(shares("source_type", [["A", "regional_body", 1, 1]])),
  );
  const b = await vegaLiteSvg(
    sourceTypeBars(shares("source_type", [["B", "official", 1, 2], ["B", "regional_body", 1, 2]])),
  );
  const colourIn = (svg: string) => legendEntries(svg).find((e) => e.label === "regional body");
  assertEquals(colourIn(a)?.colour, colourIn(b)?.colour);
  const gov = await vegaLiteSvg(sourceTypeBars(shares("source_type", [["A", "government", 2, 2]])));
  assertEquals(legendEntries(gov), [{ label: "government", colour: "#98df8a" }]);
});

Deno.test("directIndirectChart: stacked left to right in legend order direct, mixed, indirect", async () => {
  const byKind = shares("kind", [
    ["A", "indirect", 2, 6],
    ["A", "mixed", 1, 6],
    ["A", "direct", 3, 6],
  ]);
  const svg = await vegaLiteSvg(directIndirectChart(byKind));
  const legend = legendEntries(svg).map((e) => e.label);
  assertEquals(legend, ["direct (quoted)", "mixed", "indirect (paraphrase)"]);
  const order = barLefts(svg).sort((p, q) => p.x - q.x).map((b) =>
    legend.find((l) => b.label.includes(`kind: ${l}`))
  );
  assertEquals(order, legend);
  assertEquals(KIND_ORDER, ["direct", "mixed", "indirect"]);
  noCutText(svg);
});

Deno.test("citedMostChart: names whole, longest bar first, count at each bar, colours by type", async () => {
  const cited = pl.DataFrame({
    source: ["Institute for the Study of War", "Korean Central News Agency", "officials"],
    source_type: ["expert_or_think_tank", "state_media", "unnamed"],
    attributions: [3, 7, 2],
    articles: [1, 2, 2],
    outlets: [1, 2, 1],
  });
  const svg = await vegaLiteSvg(citedMostChart(cited.sort("attributions", true)));
  const texts = svgTexts(svg);
  for (const t of ["Institute for the Study of War", "Korean Central News Agency", "7", "3", "2"]) {
    assert(texts.includes(t), t);
  }
  assertEquals(legendEntries(svg).find((e) => e.label === "unnamed source")?.colour, "#e377c2");
  assertEquals(
    (await vegaLiteSvg(citedMostChart(cited, 1))).match(/aria-roledescription="bar"/g)?.length,
    1,
  );
  assertThrows(() => citedMostChart(cited, -1), /limit must be a whole number >= 0, got -1/);
  noCutText(svg);
});

Deno.test("outletSourceHeatmap: counts written in the cells, rows sized, every outlet a column", async () => {
  const counts = pl.DataFrame({
    outlet: ["A", "A", "unnamed (3)"],
    source: ["KCNA", "Putin", "KCNA"],
    attributions: [11, 1, 2],
  });
  const spec = outletSourceHeatmap(counts, { outlets: ["A", "B", "unnamed (3)"] });
  const svg = await vegaLiteSvg(spec);
  assertEquals(markLabels(svg, "rect").length, 3);
  const texts = svgTexts(svg);
  for (const t of ["11", "1", "2", "B", "outlet not given (3)"]) assert(texts.includes(t), t);
  assertEquals((spec as { height: unknown }).height, { step: 18 });
  // Counts 1 and 11 get clearly different fills.
  const fills = [...svg.matchAll(/aria-roledescription="rect(?: mark)?"[^>]*fill="([^"]+)"/g)].map((
    m,
  ) => m[1]);
  assertEquals(new Set(fills).size, 3);
  noCutText(svg);
});

Deno.test("sourcing charts: a table without the needed columns is a clear error", () => {
  assertThrows(
    () => sourceTypeBars(pl.DataFrame({ outlet: ["A"] })),
    /sourceTypeBars: the table has no columns "source_type", "n", "total", "share"; it has outlet; pass/,
  );
  assertThrows(() => outletSourceHeatmap(pl.DataFrame({ outlet: ["A"] })), /outletSourceCounts/);
});
