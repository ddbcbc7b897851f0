import pl from "nodejs-polars";
import { loadCorpus } from "../tables/corpus.ts";
import { TABLES } from "../tables/schema.ts";
import { miniCorpus } from "../testdata/mini_corpus.ts";
import {
  attributionsForAudit,
  AUDIT_COLUMNS,
  candidateSources,
  citedMost,
  countryShareByOutlet,
  frequentSourceCounts,
  outletMeasures,
  outletSourceCounts,
  shareByOutlet,
  withoutZeroCounts,
} from "./sourcing.ts";
import { assert, assertEquals, assertThrows } from "../testing.ts";

const mini = await miniCorpus([
  {
    id: "a1",
    outlet: "A",
    title: "Putin Says Treaty Is Nothing New",
    body: "KCNA reported that Kim stressed that the alliance was firm.",
  },
  {
    id: "a2",
    outlet: "A",
    title: null,
    body:
      "“This is truly a landmark document,” Putin stated. US and South Korean officials suggest that arms were sent.",
  },
  { id: "b1", outlet: "B", title: "Quiet day", body: "Nothing was said." },
]);
const articles = mini.articles;
const table = mini.attributions;

Deno.test("the attributions table: one row per attribution, title first, code-point offsets", () => {
  assertEquals(table.columns, TABLES.attributions.map(([name]) => name));
  const rows = table.toRecords() as Array<Record<string, unknown>>;
  assertEquals(
    rows.map((
      r,
    ) => [r.article_id, r.field, r.attribution, r.source_id ?? r.source_name, r.kind, r.via]),
    [
      ["a1", "title", 0, "putin", "indirect", null],
      ["a1", "body", 1, "kcna", "indirect", null],
      ["a1", "body", 2, "kim_jong_un", "indirect", "kcna"],
      ["a2", "body", 0, "putin", "direct", null],
      ["a2", "body", 1, "US and South Korean officials", "indirect", null],
    ],
  );
  assertEquals([rows[0].content_start, rows[0].content_end, rows[0].content_text], [
    11,
    32,
    "Treaty Is Nothing New",
  ]);
});

Deno.test("per-outlet shares with bootstrap intervals; outlets with no attributions give NaN", () => {
  const byKind = shareByOutlet(table, articles, "kind").toRecords() as Array<
    Record<string, unknown>
  >;
  const aDirect = byKind.find((r) => r.outlet === "A" && r.kind === "direct")!;
  assertEquals([aDirect.n, aDirect.total, aDirect.share], [1, 5, 0.2]);
  // Two articles: too few for a bootstrap, so the Wilson interval of 1 in 5 (0.0362, 0.6245).
  assertEquals(aDirect.method, "Wilson score, level 0.95");
  assertEquals(
    [(aDirect.lower as number).toFixed(4), (aDirect.upper as number).toFixed(4)],
    ["0.0362", "0.6245"],
  );
  const bDirect = byKind.find((r) => r.outlet === "B" && r.kind === "direct")!;
  assert(Number.isNaN(bDirect.share as number));
  const byCountry = countryShareByOutlet(table, articles).toRecords() as Array<
    Record<string, unknown>
  >;
  const us = byCountry.find((r) => r.outlet === "A" && r.country === "US")!;
  const kr = byCountry.find((r) => r.outlet === "A" && r.country === "KR")!;
  assertEquals([us.n, kr.n], [1, 1]); // "US and South Korean officials" counts for both
  const measures = outletMeasures(table, articles).toRecords() as Array<Record<string, unknown>>;
  const reliance = measures.find((r) => r.outlet === "A" && r.measure === "state_media_reliance")!;
  assertEquals([reliance.n, reliance.value], [2, 0.4]); // KCNA, and Kim via KCNA
  const unnamed = measures.find((r) => r.outlet === "A" && r.measure === "unnamed_share")!;
  assertEquals(unnamed.n, 1);
  const distinct = measures.find((r) =>
    r.outlet === "A" && r.measure === "distinct_sources_per_article"
  )!;
  assertEquals([distinct.n, distinct.value], [5, 2.5]); // a1: putin, kcna, kim; a2: putin, officials
  assertEquals(distinct.method, "exact Poisson (Garwood), level 0.95");
  assert((distinct.lower as number) < 2.5 && (distinct.upper as number) > 2.5);
});

Deno.test("cited most, outlet × source counts, and candidates for the gazetteer", () => {
  const top = citedMost(table).toRecords() as Array<Record<string, unknown>>;
  assertEquals([top[0].source, top[0].attributions, top[0].articles], ["Vladimir Putin", 2, 2]);
  const heat = outletSourceCounts(table).toRecords() as Array<Record<string, unknown>>;
  assertEquals(heat.find((r) => r.source === "Vladimir Putin")!.attributions, 2);
  const cand = candidateSources(table).toRecords() as Array<Record<string, unknown>>;
  assertEquals(cand.map((r) => [r.source_text, r.source_type, r.country, r.attributions]), [
    ["US and South Korean officials", "unnamed", "KR|US", 1],
  ]);
});

Deno.test("on the seed corpus: KCNA in 004, Musienko in 002, unnamed Russian media in 003", async () => {
  const corpus = await loadCorpus();
  const t = corpus.attributions.toRecords() as Array<Record<string, unknown>>;
  assert(
    t.some((r) =>
      r.article_id === "004" && r.source_id === "kcna" && r.source_type === "state_media"
    ),
  );
  assert(
    t.some((r) => r.article_id === "002" && r.source_id === "musienko" && r.kind === "direct"),
  );
  assert(
    t.some((r) =>
      r.article_id === "003" && r.source_text === "Russian news agencies" &&
      r.source_type === "unnamed" && r.country === "RU"
    ),
  );
  assert(t.some((r) => r.article_id === "000" && r.source_id === "kyiv_independent"));
});

Deno.test("on the seed corpus: every seed has body attributions; KCNA's in 004 in text order", async () => {
  const corpus = await loadCorpus();
  const body = corpus.attributions.filter(pl.col("field").eq(pl.lit("body")));
  assertEquals(
    [...new Set(body.getColumn("article_id").toArray())],
    ["000", "001", "002", "003", "004"],
  );
  const kcna = body.filter(
    pl.col("article_id").eq(pl.lit("004")).and(pl.col("source_id").eq(pl.lit("kcna"))),
  );
  assertEquals(kcna.getColumn("source_text").toArray(), [
    "Korean Central News Agency (KCNA)",
    "KCNA",
    "The agency",
  ]);
});

Deno.test("withoutZeroCounts keeps the groups an outlet cites", () => {
  const byType = shareByOutlet(table, articles, "source_type");
  const kept = withoutZeroCounts(byType).toRecords() as Array<Record<string, unknown>>;
  assertEquals(kept.map((r) => [r.outlet, r.source_type, r.n]), [
    ["A", "official", 3],
    ["A", "state_media", 1],
    ["A", "unnamed", 1],
  ]);
  assertEquals(withoutZeroCounts(byType).columns, byType.columns);
  assert(byType.filter(pl.col("n").eq(0)).height > 0, "the full table has zero rows to drop");
  const byCountry = withoutZeroCounts(countryShareByOutlet(table, articles));
  assertEquals(byCountry.getColumn("outlet").toArray(), ["A", "A", "A", "A"]); // B cites no one
  assertThrows(
    () => withoutZeroCounts(byType.drop("n")),
    /withoutZeroCounts: the table has no column "n"; it has .*; pass a table from shareByOutlet or countryShareByOutlet/,
  );
});

Deno.test("frequentSourceCounts keeps the outlet × source rows of sources cited often enough", () => {
  const frequent = frequentSourceCounts(outletSourceCounts(table), citedMost(table));
  assertEquals(frequent.toRecords(), [
    { outlet: "A", source: "Vladimir Putin", attributions: 2 },
  ]);
  assertEquals(frequentSourceCounts(outletSourceCounts(table), citedMost(table), 1).height, 4);
  assertEquals(frequentSourceCounts(outletSourceCounts(table), citedMost(table), 3).height, 0);
  const counts = pl.DataFrame({
    outlet: ["A", "B", "B", "C"],
    source: ["x", "y", "x", "z"],
    attributions: [1, 1, 1, 1],
  });
  const cited = pl.DataFrame({ source: ["x", "y", "z"], attributions: [2, 1, 5] });
  assertEquals(frequentSourceCounts(counts, cited).toRecords(), [
    { outlet: "A", source: "x", attributions: 1 },
    { outlet: "B", source: "x", attributions: 1 },
    { outlet: "C", source: "z", attributions: 1 },
  ]);
  assertThrows(
    () => frequentSourceCounts(counts, cited.drop("attributions")),
    /frequentSourceCounts: cited has no column "attributions"; it has source; pass outletSourceCounts\(table\) and citedMost\(table\)/,
  );
});

Deno.test("attributionsForAudit: the audit columns, every attribution", () => {
  const audit = attributionsForAudit(table);
  assertEquals(audit.columns, [...AUDIT_COLUMNS]);
  assertEquals(audit.height, table.height);
  assertEquals(audit.getColumn("source_text").toArray(), table.getColumn("source_text").toArray());
  assertThrows(
    () => attributionsForAudit(table.drop("rule")),
    /attributionsForAudit: the attributions table has no column "rule"; it has .*; pass the attributions table of openCorpus\(\) or loadCorpus\(\)/,
  );
});

Deno.test("citedMost and candidateSources: with the articles, the first row is the earliest article's, in any row order", () => {
  // Two articles, b before a in the corpus; the source "Ministry" is typed differently in each.
  const rows = [
    ["a", "X", 0, null, "Ministry", "state", "RU", "the ministry", false, "a said first"],
    ["a", "X", 1, "kcna", "KCNA", "state_media", "KP", "KCNA", true, "a kcna"],
    ["b", "Y", 1, null, "ministry", "official", "KP", "The Ministry", false, "b second"],
    ["b", "Y", 0, null, "Ministry", "official", "KP", "the ministry", false, "b said first"],
  ] as const;
  const frame = (order: number[]) =>
    pl.DataFrame({
      article_id: order.map((i) => rows[i][0]),
      outlet: order.map((i) => rows[i][1]),
      attribution: order.map((i) => rows[i][2]),
      source_id: pl.Series("source_id", order.map((i) => rows[i][3]), pl.Utf8),
      source_name: order.map((i) => rows[i][4]),
      source_type: order.map((i) => rows[i][5]),
      country: order.map((i) => rows[i][6]),
      source_text: order.map((i) => rows[i][7]),
      resolved: order.map((i) => rows[i][8]),
      content_text: order.map((i) => rows[i][9]),
    });
  const articles = pl.DataFrame({ id: ["b", "a"], outlet: ["Y", "X"] });
  for (const order of [[0, 1, 2, 3], [2, 0, 3, 1], [3, 2, 1, 0]]) {
    const cited = citedMost(frame(order), articles).toRecords();
    assertEquals(cited[0], {
      source: "Ministry", // b's attribution 0
      source_id: null,
      source_type: "official",
      country: "KP",
      attributions: 3,
      articles: 2,
      outlets: 2,
    });
    assertEquals(cited[1].source, "KCNA");
    const candidates = candidateSources(frame(order), articles).toRecords();
    assertEquals(candidates.length, 1);
    assertEquals(candidates[0].source_text, "the ministry");
    assertEquals(candidates[0].example_content, "b said first");
    assertEquals(candidates[0].attributions, 3);
    assertEquals(candidates[0].articles, 2);
  }
  // Without content_text, each example is read from the store for the group's first row only.
  const store = frame([0, 1, 2, 3]);
  const read: string[] = [];
  const corpus = {
    scan: (t: string) => {
      read.push(t);
      return store.lazy();
    },
  };
  for (const order of [[0, 1, 2, 3], [2, 0, 3, 1], [3, 2, 1, 0]]) {
    const lean = frame(order).drop("content_text");
    assertEquals(
      candidateSources(lean, articles, { corpus }).toRecords(),
      candidateSources(frame(order), articles).toRecords(),
    );
  }
  assertEquals(read, ["attributions", "attributions", "attributions"]);
  assertThrows(
    () => candidateSources(store.drop("content_text"), articles),
    /candidateSources: the attributions table has no content_text column .* pass \{ corpus \}/,
  );
  // Without the articles, the first row is the first in the table's order.
  assertEquals(citedMost(frame([0, 1, 2, 3])).toRecords()[0].source_type, "state");
  assertEquals(
    candidateSources(frame([0, 1, 2, 3])).toRecords()[0].example_content,
    "a said first",
  );
});
