import pl from "nodejs-polars";
import { plotSvg, vegaLiteSvg } from "../render.ts";
import {
  ARTICLE_BARS_MAX,
  corpusHeadline,
  removedLinesChart,
  removedLinesPlot,
  wordsPerArticleChart,
} from "./corpus.ts";
import { legendEntries, markLabels, svgSize, svgTexts } from "./svg_facts.ts";
import { assert, assertEquals } from "../../testing.ts";

const articles = pl.DataFrame({
  id: ["a1", "a2", "a3", "a4"],
  outlet: ["Daily B", "Daily A", "unnamed (a3)", "Daily A"],
  outlet_named: [true, true, false, true],
  title: ["One", "Two", null, "Four"],
  n_words: [10, 20, 30, 40],
});

Deno.test("corpusHeadline words outlets as every notebook does: 'outlet is not given'", () => {
  const rows = (n: number) => pl.DataFrame({ article_id: Array.from({ length: n }, () => "a1") });
  const md = corpusHeadline({
    articles,
    paragraphs: rows(4),
    sentences: rows(9),
    removed: rows(2),
  });
  assertEquals(
    md,
    "Loaded **4** articles: 2 named outlets and 1 article whose outlet is not given; " +
      "**100** words in **4** paragraphs and **9** sentences; cleaning removed **2** lines.",
  );
});

Deno.test("wordsPerArticleChart: one labelled bar per article in outlet order, count at the bar", async () => {
  const spec = wordsPerArticleChart(articles);
  const svg = await vegaLiteSvg(spec);
  const bars = markLabels(svg, "bar");
  assertEquals(bars.length, 4);
  const texts = svgTexts(svg);
  // Outlets are labelled (named first, alphabetically; then those not given), never coloured.
  const rows = ["Daily A · a2", "Daily A · a4", "Daily B · a1", "outlet not given (a3)"];
  assertEquals(texts.filter((t) => rows.includes(t)), rows);
  for (const n of ["10", "20", "30", "40"]) assert(texts.includes(n), `count ${n} at its bar`);
  assertEquals(legendEntries(svg), []);
  assert(svgSize(svg).width <= 960);
});

Deno.test("wordsPerArticleChart colours no outlet, so 40 outlets need no palette", async () => {
  const ids = Array.from({ length: 40 }, (_, i) => `x${i}`);
  const many = pl.DataFrame({
    id: ids,
    outlet: ids.map((i) => `Outlet ${i}`),
    n_words: ids.map((_, i) => i + 1),
  });
  const svg = await vegaLiteSvg(wordsPerArticleChart(many));
  const fills = new Set(
    [...svg.matchAll(/aria-roledescription="bar"[^>]*fill="([^"]+)"/g)].map((m) => m[1]),
  );
  assertEquals(fills.size, 1);
  assertEquals(markLabels(svg, "bar").length, 40);
});

const removed = pl.DataFrame({
  article_id: ["a1", "a1", "a3"],
  outlet: ["Daily B", "Daily B", "unnamed (a3)"],
  category: ["related", "navigation", "navigation"],
  n_lines: [2, 1, 4],
});

Deno.test("removedLinesChart: stacked by rule category in legend order, 'nothing removed' rows", async () => {
  const svg = await vegaLiteSvg(removedLinesChart(removed, articles));
  assertEquals(markLabels(svg, "bar").length, 3);
  assertEquals(legendEntries(svg), [
    { label: "navigation", colour: "#1f77b4" },
    { label: "related links", colour: "#d62728" },
  ]);
  const texts = svgTexts(svg);
  assertEquals(texts.filter((t) => t === "nothing removed").length, 2); // a2 and a4
  assert(texts.includes("3") && texts.includes("4"), "totals beside the bars");
  assert(!texts.some((t) => t.endsWith("…")));
});

Deno.test("removedLinesPlot (Observable Plot) keeps every article's row and the shared colours", () => {
  const options = removedLinesPlot(removed, articles);
  assertEquals((options.y as { domain: unknown }).domain, [
    "Daily A · a2",
    "Daily A · a4",
    "Daily B · a1",
    "outlet not given (a3)",
  ]);
  assertEquals((options.color as { range: unknown }).range, ["#1f77b4", "#d62728"]);
  const svg = plotSvg(options);
  const bars = /<g aria-label="bar">(.*?)<\/g>/.exec(svg)?.[1] ?? "";
  assertEquals(bars.match(/<rect /g)?.length, 3);
});

Deno.test("per-article charts summarise per outlet above ARTICLE_BARS_MAX articles", async () => {
  // 61 articles: 40 of "Daily A" with 1..40 words, 21 of "Daily B" with 100 words each.
  const n = ARTICLE_BARS_MAX + 1;
  const ids = Array.from({ length: n }, (_, i) => `b${i}`);
  const big = pl.DataFrame({
    id: ids,
    outlet: ids.map((_, i) => (i < 40 ? "Daily A" : "Daily B")),
    n_words: ids.map((_, i) => (i < 40 ? i + 1 : 100)),
  });
  const words = await vegaLiteSvg(wordsPerArticleChart(big));
  assertEquals(markLabels(words, "bar").length, 2, "one bar per outlet");
  const texts = svgTexts(words);
  assert(texts.includes("Daily A") && texts.includes("Daily B"));
  assert(texts.includes("20.5") && texts.includes("100"), `medians at the bars: ${texts}`);
  const removed = pl.DataFrame({
    article_id: ["b0", "b1", "b45"],
    category: ["navigation", "navigation", "byline"],
    n_lines: [2, 3, 1],
  });
  const svg = await vegaLiteSvg(removedLinesChart(removed, big));
  const notes = svgTexts(svg);
  assert(notes.includes("5 in 40 articles"), notes.join(" | "));
  assert(notes.includes("1 in 21 articles"), notes.join(" | "));
  assert(svgSize(svg).width <= 960);
});
