import pl from "nodejs-polars";
import { assertEquals, assertThrows, withTempDir } from "../testing.ts";
import { hiveValue, PartitionedTable } from "./partitioned.ts";

Deno.test("hiveValue escapes like Hive and marks empty values as the default partition", () => {
  assertEquals(hiveValue("The Western Mail & Guardian"), "The%20Western%20Mail%20%26%20Guardian");
  assertEquals(hiveValue("a/b=c"), "a%2Fb%3Dc");
  assertEquals(hiveValue("O'Neil (Daily)"), "O%27Neil%20%28Daily%29");
  assertEquals(hiveValue("2024-06"), "2024-06");
  assertEquals(hiveValue(""), "__HIVE_DEFAULT_PARTITION__");
  assertEquals(hiveValue(null), "__HIVE_DEFAULT_PARTITION__");
});

function rows(records: Record<string, unknown>[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("outlet", records.map((r) => r.outlet), pl.Utf8),
    pl.Series("month", records.map((r) => r.month), pl.Utf8),
    pl.Series("article_id", records.map((r) => r.article_id), pl.Utf8),
    pl.Series("start", records.map((r) => r.start), pl.Int64),
    pl.Series("text", records.map((r) => r.text), pl.Utf8),
  ]);
}

Deno.test("PartitionedTable writes hive partitions that polars reads back with their values", async () => {
  await withTempDir(async (dir) => {
    const t = new PartitionedTable(`${dir}/hits`, ["article_id", "start", "text"]);
    t.add(rows([
      { outlet: "Mail & Guardian", month: "2024-06", article_id: "a1", start: 5, text: "x" },
      { outlet: "Courier", month: "2024-06", article_id: "a2", start: 6, text: null },
      { outlet: "Courier", month: null, article_id: "a3", start: 7, text: "y" },
      { outlet: "Mail & Guardian", month: "2024-06", article_id: null, start: 8, text: "z" },
    ]));
    assertEquals(await t.flush(), 3);
    t.add(rows([{ outlet: "Courier", month: "2024-06", article_id: "a4", start: 9, text: "w" }]));
    assertEquals(await t.flush(), 1);
    assertEquals([t.rows, t.files, t.pendingRows], [5, 4, 0]);
    assertEquals(
      [...Deno.readDirSync(`${dir}/hits/outlet=Courier/month=2024-06`)].map((e) => e.name).sort(),
      ["part-00001.parquet", "part-00002.parquet"],
    );
    assertEquals(
      [...Deno.readDirSync(`${dir}/hits/outlet=Courier`)].map((e) => e.name).sort(),
      ["month=2024-06", "month=__HIVE_DEFAULT_PARTITION__"],
    );
    // The partition columns are in the path only.
    assertEquals(
      pl.readParquet(`${dir}/hits/outlet=Courier/month=2024-06/part-00001.parquet`).columns,
      ["article_id", "start", "text"],
    );
    const df = pl.scanParquet(`${dir}/hits/**/*.parquet`, { hivePartitioning: true })
      .sort("start").collectSync();
    assertEquals(df.toRecords(), [
      { article_id: "a1", start: 5, text: "x", outlet: "Mail & Guardian", month: "2024-06" },
      { article_id: "a2", start: 6, text: null, outlet: "Courier", month: "2024-06" },
      { article_id: "a3", start: 7, text: "y", outlet: "Courier", month: null },
      { article_id: null, start: 8, text: "z", outlet: "Mail & Guardian", month: "2024-06" },
      { article_id: "a4", start: 9, text: "w", outlet: "Courier", month: "2024-06" },
    ]);
    // No temporary files are left.
    const names: string[] = [];
    const walk = (d: string) => {
      for (const x of Deno.readDirSync(d)) {
        if (x.isDirectory) walk(`${d}/${x.name}`);
        else names.push(x.name);
      }
    };
    walk(`${dir}/hits`);
    assertEquals(names.filter((n) => n.endsWith(".tmp")), []);
  });
});

Deno.test("PartitionedTable.writeIdle writes only the partitions the latest add left alone", async () => {
  await withTempDir(async (dir) => {
    const t = new PartitionedTable(`${dir}/t`, ["n"], "shard1-");
    const add = (r: Array<[string, string, number]>) =>
      t.add(pl.DataFrame({
        outlet: r.map((x) => x[0]),
        month: r.map((x) => x[1]),
        n: r.map((x) => x[2]),
      }));
    add([["A", "2024-01", 1], ["B", "2024-01", 2]]);
    assertEquals(await t.writeIdle(), 0);
    assertEquals(t.pendingRows, 2);
    add([["A", "2024-02", 3], ["B", "2024-01", 4]]);
    assertEquals(await t.writeIdle(), 1);
    assertEquals([t.pendingRows, t.files], [3, 1]);
    assertEquals([...Deno.readDirSync(`${dir}/t`)].map((e) => e.name), ["outlet=A"]);
    assertEquals(
      pl.readParquet(`${dir}/t/outlet=A/month=2024-01/part-shard1-00001.parquet`).toRecords(),
      [{ n: 1 }],
    );
    add([]);
    assertEquals(await t.writeIdle(), 2);
    assertEquals([t.pendingRows, t.files], [0, 3]);
    // Rows of one partition from several adds stay in the order given, in one file.
    assertEquals(
      pl.readParquet(`${dir}/t/outlet=B/month=2024-01/part-shard1-00002.parquet`).toRecords(),
      [{ n: 2 }, { n: 4 }],
    );
    assertThrows(
      () => t.add(pl.DataFrame({ outlet: ["A"], n: [1] })),
      /t: the rows have no column month/,
    );
  });
});
