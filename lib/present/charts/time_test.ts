import pl from "nodejs-polars";
import { assertEquals, assertThrows } from "../../testing.ts";
import { vegaLiteSvg } from "../render.ts";
import { overTimeChart } from "./time.ts";

const TABLE = pl.DataFrame({
  outlet: ["Daily A", "Daily A", "Daily B", "The Very Long Name of a Regional Daily Courier"],
  period: ["2024-06-17", "2024-06-24", "2024-06-17", "2024-06-24"],
  unit: ["week", "week", "week", "week"],
  share: [0.5, 0.25, 1, 0.1],
  lower: [0.2, 0.05, 0.2, 0],
  upper: [0.8, 0.6, 1, 0.4],
  references: [10, 4, 1, 12],
});

Deno.test("overTimeChart: one panel per outlet, lighter points below 5 references, renders to SVG", async () => {
  const spec = overTimeChart(TABLE, { title: "loaded share" });
  const values = (spec.data as { values: Array<Record<string, unknown>> }).values;
  assertEquals(values.map((v) => v.low_n), [false, true, true, false]);
  assertEquals((spec.facet as { field: string }).field, "panel");
  const svg = await vegaLiteSvg(spec);
  assertEquals(svg.includes("Daily A") && svg.includes("Daily B"), true);
  // A long outlet name is wrapped, not cut.
  assertEquals(svg.includes("…"), false);
  assertEquals(svg.includes("Courier"), true);
  assertEquals(svg.includes("2024-06-24"), true);
  // Three panels a row fit the report's 960-px column.
  const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
  assertEquals(width <= 960, true, `the chart is ${width} px wide`);
});

Deno.test("overTimeChart: a table without its columns is a clear error", () => {
  assertThrows(
    () => overTimeChart(TABLE.drop("lower")),
    /overTimeChart: the table has no column "lower"/,
  );
});
