import { plainTermFloor, plainTermRegex } from "./bench_floor.ts";
import { assertEquals, withTempDir } from "../../lib/testing.ts";

Deno.test("plainTermRegex matches whole words, any case, longest term first", () => {
  const re = plainTermRegex(["regime", "axis of evil", "axis"]);
  const text = "The Regime, the regimes, an Axis of Evil and an axis.";
  assertEquals([...text.matchAll(re)].map((m) => m[0]), ["Regime", "Axis of Evil", "axis"]);
});

Deno.test("plainTermFloor counts the plain terms in titles and texts, on threads or not", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/c.csv`;
    const rows = ["id,outlet,title,text"];
    // Each article: 1 match in the title, 2 in the text ("dictators" is not a whole-word match).
    for (let i = 0; i < 50; i++) {
      rows.push(`a${i},Outlet,"Regime talks","The dictator, ""dictators"", and the DICTATOR."`);
    }
    await Deno.writeTextFile(path, rows.join("\n") + "\n");
    for (const workers of [0, 2]) {
      const r = await plainTermFloor(path, ["dictator", "regime"], workers, 7);
      assertEquals([r.articles, r.matches], [50, 150], `workers ${workers}`);
    }
  });
});
