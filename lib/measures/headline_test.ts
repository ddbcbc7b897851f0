import { assertEquals, withTempDir } from "../testing.ts";
import { openCorpus } from "../store/store.ts";
import { scanTables } from "../tables/corpus.ts";
import {
  HEADLINE_COLUMNS,
  headlineChanges,
  headlineMeasures,
  headlineMeasuresOfStore,
  type HeadlineRow,
} from "./headline.ts";

const row = (
  outlet: string,
  measure: HeadlineRow["measure"],
  value: number | null,
  lower: number | null = null,
  upper: number | null = null,
): HeadlineRow => ({ outlet, measure, value, lower, upper, n: 10 });

Deno.test("headlineChanges: what differs, and whether it moved beyond the new interval", () => {
  const before = [
    row("A", "articles", 3),
    row("A", "direct share", 0.5, 0.3, 0.7),
    row("A", "own-voice loaded share", 0.2, 0.1, 0.4),
  ];
  const after = [
    row("A", "articles", 5),
    row("A", "direct share", 0.55, 0.35, 0.75), // 0.5 inside [0.35, 0.75]: not moved
    row("A", "own-voice loaded share", 0.6, 0.45, 0.75), // 0.2 outside: moved
    row("B", "articles", 2),
  ];
  assertEquals(
    headlineChanges(before, after).map((c) => [c.outlet, c.measure, c.before, c.after, c.moved]),
    [
      ["A", "articles", 3, 5, true],
      ["A", "direct share", 0.5, 0.55, false],
      ["A", "own-voice loaded share", 0.2, 0.6, true],
      ["B", "articles", null, 2, true],
    ],
  );
  assertEquals(headlineChanges(after, after), []);
});

Deno.test("headlineMeasures: four measures per outlet; articles counted; shares match the sourcing table", async () => {
  const { loadCorpus } = await import("../tables/corpus.ts");
  const { outletMeasures } = await import("./sourcing.ts");
  const c = await loadCorpus();
  const rows = (await import("./headline.ts")).headlineMeasures(c);
  const outlets = new Set(c.articles.getColumn("outlet").toArray());
  assertEquals(rows.length, 4 * outlets.size);
  assertEquals(
    rows.filter((r) => r.measure === "articles").reduce((s, r) => s + (r.value ?? 0), 0),
    c.articles.height,
  );
  const direct = outletMeasures(c.attributions, c.articles).toRecords()
    .filter((r) => r.measure === "direct_share");
  for (const d of direct) {
    const h = rows.find((r) => r.outlet === d.outlet && r.measure === "direct share")!;
    assertEquals([h.value, h.n], [d.value, d.total]);
  }
});

Deno.test("headlineMeasuresOfStore: the values of headlineMeasures, counted from the store's scans", async () => {
  await withTempDir(async (dir) => {
    const data = `${dir}/data`;
    await new Deno.Command("cp", {
      args: ["-r", new URL("../testdata/bundled/", import.meta.url).pathname, data],
    }).output();
    const corpus = await openCorpus({ dataDir: data, store: `${dir}/store`, log: () => {} });
    const want = headlineMeasures(corpus);
    const got = headlineMeasuresOfStore({
      ...scanTables(corpus, HEADLINE_COLUMNS, { ordered: false }),
      scan: (t) => corpus.scan(t),
      resources: corpus.resources,
    });
    assertEquals(got, want);
    const own = got.filter((r) => r.measure === "own-voice loaded share");
    assertEquals(own.length, 5);
    assertEquals(own.some((r) => r.n > 0 && r.value !== null && r.value > 0), true);
  });
});
