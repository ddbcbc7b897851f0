import pl from "nodejs-polars";
import { vegaLiteSvg } from "../render.ts";
import {
  citedMostChart,
  directIndirectChart,
  outletSourceHeatmap,
  sourceTypeBars,
} from "./sourcing.ts";
import { assertEquals, assertThrows } from "../../testing.ts";

type Spec = Record<string, unknown>;

/** The inline data rows of a spec. */
function values(spec: Spec): unknown[] {
  return (spec.data as { values: unknown[] }).values;
}

/** The encoding of one channel of a spec. */
function channel(spec: Spec, name: string): Record<string, unknown> {
  return (spec.encoding as Record<string, Record<string, unknown>>)[name];
}

/** The aria labels of the data marks (`role="graphics-symbol"`) of one kind in a rendered SVG. */
function markLabels(svg: string, roleDescription: string): string[] {
  const re = new RegExp(
    `<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="${roleDescription}"`,
    "g",
  );
  return [...svg.matchAll(re)].map((m) => m[1]);
}

/** A per-outlet share table shaped like shareByOutlet's, with the group column `group`. */
function shares(group: string, rows: Array<[string, string, number, number]>): pl.DataFrame {
  return pl.DataFrame({
    outlet: rows.map((r) => r[0]),
    [group]: rows.map((r) => r[1]),
    articles: rows.map(() => 1),
    n: rows.map((r) => r[2]),
    total: rows.map((r) => r[3]),
    share: rows.map((r) => r[2] / r[3]),
    lower: rows.map((r) => r[2] / r[3] / 2),
    upper: rows.map((r) => Math.min(1, (2 * r[2]) / r[3])),
    method: rows.map(() => "Wilson score, level 0.95"),
  });
}

Deno.test("sourceTypeBars: normalised stacked bars per outlet, rows with n = 0 dropped", async () => {
  const byType = shares("source_type", [
    ["A", "officials", 3, 4],
    ["A", "state_media", 1, 4],
    ["A", "unnamed", 0, 4],
    ["B", "officials", 0, 2],
    ["B", "state_media", 2, 2],
  ]);
  const spec = sourceTypeBars(byType);
  assertEquals(
    values(spec).map((r) => {
      const { outlet, source_type, n } = r as Record<string, unknown>;
      return [outlet, source_type, n];
    }),
    [["A", "officials", 3], ["A", "state_media", 1], ["B", "state_media", 2]],
  );
  assertEquals(values(spec)[0], byType.toRecords()[0], "rows are the table's records, unchanged");
  assertEquals(spec.mark, "bar");
  assertEquals(spec.title, "Attributions by source type");
  assertEquals(channel(spec, "x"), {
    field: "n",
    type: "quantitative",
    stack: "normalize",
    title: "share of attributions",
  });
  assertEquals(channel(spec, "y"), { field: "outlet", type: "nominal", title: null });
  assertEquals(channel(spec, "color").field, "source_type");
  assertEquals(spec.width, 520);
  const svg = await vegaLiteSvg(spec);
  // normalised: A's bar is split 75% / 25%, B's one non-empty segment fills its bar
  assertEquals(markLabels(svg, "bar").map((l) => l.split("; ").slice(0, 3).join("; ")), [
    "share of attributions: 75%; outlet: A; source type: officials",
    "share of attributions: 25%; outlet: A; source type: state_media",
    "share of attributions: 100%; outlet: B; source type: state_media",
  ]);
  assertThrows(() => sourceTypeBars(byType.drop("n")), /sourceTypeBars: .*no column\(s\) n/);
});

Deno.test("directIndirectChart: every kind row charted, legend in the order direct, mixed, indirect", async () => {
  const byKind = shares("kind", [
    ["A", "direct", 1, 4],
    ["A", "indirect", 3, 4],
    ["A", "mixed", 0, 4],
  ]);
  const spec = directIndirectChart(byKind);
  assertEquals(values(spec), byKind.toRecords());
  assertEquals(channel(spec, "x").stack, "normalize");
  assertEquals(channel(spec, "color"), {
    field: "kind",
    type: "nominal",
    scale: { domain: ["direct", "mixed", "indirect"] },
    title: "kind",
  });
  const svg = await vegaLiteSvg(spec);
  assertEquals(markLabels(svg, "bar").length, 3, "the n = 0 row draws an empty segment");
  assertEquals(
    [...svg.matchAll(/role-legend-label[^>]*><text[^>]*>([^<]*)</g)].map((m) => m[1]),
    ["direct", "mixed", "indirect"],
  );
  assertThrows(() => directIndirectChart(byKind.drop("kind")), /no column\(s\) kind/);
});

Deno.test("citedMostChart: the first 15 sources (or limit), sorted by length, coloured by type", async () => {
  const n = 17;
  const cited = pl.DataFrame([
    pl.Series("source", Array.from({ length: n }, (_, i) => `source ${i}`), pl.Utf8),
    pl.Series(
      "source_type",
      Array.from({ length: n }, (_, i) => i < 3 ? "official" : null),
      pl.Utf8,
    ),
    pl.Series("attributions", Array.from({ length: n }, (_, i) => n - i), pl.Int64),
  ]);
  const spec = citedMostChart(cited);
  assertEquals(values(spec).length, 15);
  assertEquals(values(spec)[0], { source: "source 0", source_type: "official", attributions: 17 });
  assertEquals(channel(spec, "y"), { field: "source", type: "nominal", sort: "-x", title: null });
  assertEquals(channel(spec, "x"), { field: "attributions", type: "quantitative" });
  assertEquals(channel(spec, "color").field, "source_type");
  assertEquals(spec.width, 420);
  assertEquals(markLabels(await vegaLiteSvg(spec), "bar").length, 15);
  const three = citedMostChart(cited, 3);
  assertEquals(values(three).map((r) => (r as { source: string }).source), [
    "source 0",
    "source 1",
    "source 2",
  ]);
  assertEquals(markLabels(await vegaLiteSvg(three), "bar"), [
    "attributions: 17; source: source 0; source type: official",
    "attributions: 16; source: source 1; source type: official",
    "attributions: 15; source: source 2; source type: official",
  ]);
  assertThrows(() => citedMostChart(cited, -1), /limit must be a whole number/);
});

Deno.test("outletSourceHeatmap: one rect per outlet and source, ordinal blues", async () => {
  const counts = pl.DataFrame([
    pl.Series("outlet", ["A", "A", "B"], pl.Utf8),
    pl.Series("source", ["Vladimir Putin", "KCNA", "Vladimir Putin"], pl.Utf8),
    pl.Series("attributions", [2, 1, 3], pl.Int64),
  ]);
  const spec = outletSourceHeatmap(counts);
  assertEquals(values(spec), [
    { outlet: "A", source: "Vladimir Putin", attributions: 2 },
    { outlet: "A", source: "KCNA", attributions: 1 },
    { outlet: "B", source: "Vladimir Putin", attributions: 3 },
  ]);
  assertEquals(spec.mark, "rect");
  assertEquals(channel(spec, "color"), {
    field: "attributions",
    type: "ordinal",
    scale: { scheme: "blues" },
  });
  assertEquals(markLabels(await vegaLiteSvg(spec), "rect mark"), [
    "outlet: A; source: Vladimir Putin; attributions: 2",
    "outlet: A; source: KCNA; attributions: 1",
    "outlet: B; source: Vladimir Putin; attributions: 3",
  ]);
  assertThrows(
    () => outletSourceHeatmap(counts.drop("attributions")),
    /outletSourceHeatmap: .*no column\(s\) attributions.*outletSourceCounts/,
  );
});
