import pl from "nodejs-polars";
import { assertEquals, assertThrows } from "../../testing.ts";
import { vegaLiteSvg } from "../render.ts";
import { overTimeChart } from "./time.ts";

const TABLE = pl.DataFrame({
  outlet: ["Daily A", "Daily A", "Daily B"],
  period: ["2024-06-17", "2024-06-24", "2024-06-17"],
  unit: ["week", "week", "week"],
  share: [0.5, 0.25, 1],
  lower: [0.2, 0.05, 0.2],
  upper: [0.8, 0.6, 1],
  references: [10, 4, 1],
});

Deno.test("overTimeChart: one panel per outlet, lighter points below 5 references, renders to SVG", async () => {
  const spec = overTimeChart(TABLE, { title: "loaded share" });
  const values = (spec.data as { values: Array<Record<string, unknown>> }).values;
  assertEquals(values.map((v) => v.low_n), [false, true, true]);
  assertEquals((spec.facet as { field: string }).field, "outlet");
  const svg = await vegaLiteSvg(spec);
  assertEquals(svg.includes("Daily A") && svg.includes("Daily B"), true);
  assertEquals(svg.includes("2024-06-24"), true);
});

Deno.test("overTimeChart: a table without its columns is a clear error", () => {
  assertThrows(
    () => overTimeChart(TABLE.drop("lower")),
    /overTimeChart: the table has no column "lower"/,
  );
});
