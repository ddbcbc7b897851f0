import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import {
  plotBundle,
  plotSvg,
  VEGA_LITE_SCHEMA,
  vegaLiteBundle,
  withVegaLiteSchema,
} from "./render.ts";
import { assert, assertEquals, assertMatch, assertRejects, assertThrows } from "../testing.ts";

const HOSTILE = `<b>x</b>"><script>alert(1)</script>`;

function barSpec(values: Record<string, unknown>[]): Record<string, unknown> {
  return {
    data: { values },
    mark: "bar",
    encoding: {
      x: { field: "outlet", type: "nominal" },
      y: { field: "words", type: "quantitative" },
    },
  };
}

/** Parses an SVG string as XML-ish markup and returns its root element. */
// deno-lint-ignore no-explicit-any
function parseSvg(svg: string): any {
  // deno-lint-ignore no-explicit-any
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${svg}</body></html>`) as any;
  return document.querySelector("body > svg");
}

Deno.test("vegaLiteBundle returns one bundle: spec, svg and plain text", async () => {
  const spec = barSpec([{ outlet: "A", words: 10 }, { outlet: "B", words: 30 }]);
  const bundle = await vegaLiteBundle(spec);
  assertEquals(Object.keys(bundle).sort(), [
    "application/vnd.vegalite.v5+json",
    "image/svg+xml",
    "text/plain",
  ]);
  const vlSpec = bundle["application/vnd.vegalite.v5+json"] as Record<string, unknown>;
  assertEquals(vlSpec.$schema, VEGA_LITE_SCHEMA);
  assertEquals(spec.$schema, undefined, "the caller's spec is not modified");
  const svg = bundle["image/svg+xml"] as string;
  assertMatch(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  // two bars, one per outlet
  assertEquals(svg.match(/role-mark marks/g)?.length, 1);
  assertEquals(svg.match(/aria-label="outlet: [AB]; words: \d+"/g)?.length, 2);
  assertEquals(bundle["text/plain"], "Vega-Lite bar chart, 2 data rows");
});

Deno.test("vegaLiteBundle puts the title into the plain-text description", async () => {
  const bundle = await vegaLiteBundle({ ...barSpec([{ outlet: "A", words: 1 }]), title: "Words" });
  assertEquals(bundle["text/plain"], "Vega-Lite bar chart, 1 data rows: Words");
});

Deno.test("vegaLiteBundle escapes hostile labels in the SVG", async () => {
  const bundle = await vegaLiteBundle(barSpec([{ outlet: HOSTILE, words: 5 }]));
  const svg = bundle["image/svg+xml"] as string;
  assert(!svg.includes("<script"), "no live script tag");
  assert(!svg.includes("<b>"), "no live bold tag");
  assert(svg.includes("&lt;b&gt;x&lt;/b&gt;"), "the label is present, escaped");
});

Deno.test("vegaLiteBundle rejects data loaded from a URL, naming the path", async () => {
  await assertRejects(
    () => vegaLiteBundle({ data: { url: "https://example.com/x.csv" }, mark: "bar" }),
    /spec\.data has url "https:\/\/example.com\/x.csv".*data: \{ values/,
  );
  await assertRejects(
    () =>
      vegaLiteBundle({
        data: { values: [] },
        layer: [{ data: { url: "data/cars.json" }, mark: "point" }],
      }),
    /spec\.layer\[0\]\.data has url/,
  );
});

Deno.test("withVegaLiteSchema rejects another Vega-Lite version", () => {
  assertThrows(
    () =>
      withVegaLiteSchema({
        $schema: "https://vega.github.io/schema/vega-lite/v4.json",
        mark: "point",
      }),
    /spec.\$schema is "https:\/\/vega.github.io\/schema\/vega-lite\/v4.json".*v5/,
  );
  assertEquals(
    withVegaLiteSchema({ $schema: VEGA_LITE_SCHEMA, mark: "point" }).$schema,
    VEGA_LITE_SCHEMA,
  );
});

Deno.test("plotBundle without legend returns the Plot svg with xmlns set", () => {
  const bundle = plotBundle({
    marks: [Plot.barY([{ o: "A", n: 3 }, { o: "B", n: 5 }], { x: "o", y: "n" })],
  });
  assertEquals(Object.keys(bundle).sort(), ["image/svg+xml", "text/plain"]);
  const svg = bundle["image/svg+xml"] as string;
  const root = parseSvg(svg);
  assert(root, "output is one <svg> element");
  assertEquals(root.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
  assertEquals(root.querySelectorAll("rect").length, 2, "one rect per bar");
  assertEquals(bundle["text/plain"], "Observable Plot chart (1 mark)");
});

Deno.test("plotSvg flattens a figure with title, legend and caption into one svg", () => {
  const svg = plotSvg({
    title: "Removed lines",
    subtitle: "by category",
    caption: "Source: cleaning log",
    color: { legend: true },
    marks: [
      Plot.barY([{ o: "A", n: 3, c: "ad" }, { o: "B", n: 5, c: "nav" }], {
        x: "o",
        y: "n",
        fill: "c",
      }),
    ],
  });
  assert(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg"`), svg.slice(0, 80));
  assert(!/<(figure|div|span|h2|h3|figcaption)\b/.test(svg), "no HTML elements remain");
  const root = parseSvg(svg);
  assert(root);
  const texts = Array.from(root.querySelectorAll("text")).map((t) =>
    (t as { textContent: string }).textContent
  );
  for (const want of ["Removed lines", "by category", "Source: cleaning log", "ad", "nav"]) {
    assert(texts.includes(want), `text ${JSON.stringify(want)} is drawn in the svg`);
  }
  // the swatches: one 15x15 square per category, plus two bars
  assertEquals(root.querySelectorAll("svg[width='15']").length, 2);
  const height = Number(root.getAttribute("height"));
  assert(height > 400, `the stacked svg is taller than the 400px plot (got ${height})`);
  assertEquals(root.getAttribute("viewBox"), `0 0 640 ${height}`);
});

Deno.test("plotSvg escapes hostile labels in text and legend", () => {
  const svg = plotSvg({
    title: HOSTILE,
    color: { legend: true },
    marks: [Plot.barY([{ o: HOSTILE, n: 3 }], { x: "o", y: "n", fill: "o", title: "o" })],
  });
  assert(!svg.includes("<script"), "no live script tag");
  assert(!svg.includes("<b>"), "no live bold tag");
  assert(svg.includes("&lt;b&gt;x&lt;/b&gt;"));
});

Deno.test("plotBundle describes title and mark count in text/plain", () => {
  const bundle = plotBundle({
    title: "Dates",
    marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" }), Plot.ruleY([0])],
  });
  assertEquals(bundle["text/plain"], "Observable Plot chart (2 marks): Dates");
});
