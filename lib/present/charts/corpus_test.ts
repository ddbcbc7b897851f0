import pl from "nodejs-polars";
import { plotSvg, vegaLiteSvg } from "../render.ts";
import { corpusHeadline, removedLinesPlot, wordsPerArticleChart } from "./corpus.ts";
import { assertEquals } from "../../testing.ts";

const articles = pl.DataFrame({
  id: ["a1", "a2", "a3"],
  outlet: ["Daily A", "Daily A", "unnamed (a3)"],
  outlet_named: [true, true, false],
  n_words: [10, 20, 30],
});

Deno.test("corpusHeadline counts articles, named outlets, unknown outlets, words and lines", () => {
  const rows = (n: number) => pl.DataFrame({ article_id: Array.from({ length: n }, () => "a1") });
  const md = corpusHeadline({
    articles,
    paragraphs: rows(4),
    sentences: rows(9),
    removed: rows(2),
  });
  assertEquals(
    md,
    "Loaded **3** articles: **1** named outlets, **1** articles whose outlet is unknown; " +
      "**60** words in **4** paragraphs and **9** sentences; cleaning removed **2** lines.",
  );
});

Deno.test("wordsPerArticleChart draws one bar per article, in table order", async () => {
  const spec = wordsPerArticleChart(articles);
  assertEquals(spec.data, {
    values: [
      { id: "a1", outlet: "Daily A", n_words: 10 },
      { id: "a2", outlet: "Daily A", n_words: 20 },
      { id: "a3", outlet: "unnamed (a3)", n_words: 30 },
    ],
  });
  const svg = await vegaLiteSvg(spec);
  assertEquals(svg.match(/aria-roledescription="bar"/g)?.length, 3);
});

Deno.test("removedLinesPlot stacks one rect per article and category, a row per article", () => {
  const removed = pl.DataFrame({
    article_id: ["a1", "a1", "a3"],
    outlet: ["Daily A", "Daily A", "unnamed (a3)"],
    category: ["navigation", "advertising", "navigation"],
    n_lines: [2, 1, 4],
  });
  const options = removedLinesPlot(removed, articles);
  assertEquals((options.y as { domain: unknown }).domain, ["a1", "a2", "a3"]);
  const svg = plotSvg(options);
  const bars = /<g aria-label="bar">(.*?)<\/g>/.exec(svg)?.[1] ?? "";
  assertEquals(bars.match(/<rect /g)?.length, 3);
  // a2 removed nothing but keeps its row label.
  assertEquals(svg.includes(">a2</text>"), true);
});
