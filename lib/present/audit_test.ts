import pl from "nodejs-polars";
import { assertEquals, withTempDir } from "../testing.ts";
import { openCorpus } from "../store/store.ts";
import { scanTable } from "../tables/corpus.ts";
import { auditRows } from "./audit.ts";
import { capRows } from "./display.ts";

const BUNDLED = new URL("../testdata/bundled/", import.meta.url).pathname;

Deno.test("auditRows: the rows capRows shows of the whole ordered table, and its row count", async () => {
  await withTempDir(async (dir) => {
    const data = `${dir}/data`;
    await new Deno.Command("cp", { args: ["-r", BUNDLED, data] }).output();
    const opts = { dataDir: data, store: `${dir}/store`, log: () => {} };
    await openCorpus(opts);
    // An edit stores the first article after the others: store order is not corpus order.
    const file = `${data}/articles/001_bd2e85babc319a33.txt`;
    await Deno.writeTextFile(file, (await Deno.readTextFile(file)) + "\n\nThe regime said so.\n");
    const corpus = await openCorpus(opts);
    const columns = ["article_id", "outlet", "start", "end", "category"];
    const where = pl.col("category").neq(pl.lit("neutral"));
    const whole = corpus.hits.filter(where).select(...columns);
    for (const max of [1, 3, 7, 20, 10_000]) {
      const want = capRows(whole, max);
      const got = auditRows(corpus, "hits", columns, max, { where });
      assertEquals(got.total, whole.height, `total at ${max}`);
      assertEquals(got.perOutlet, want.perOutlet, `cap per outlet at ${max}`);
      assertEquals(
        JSON.stringify(got.rows.toRecords()),
        JSON.stringify(want.rows.toRecords()),
        `rows at ${max}`,
      );
    }
    // Without sharing between outlets: the first rows in the table's order.
    const attributions = scanTable(corpus, "attributions", ["article_id", "attribution"]);
    const first = auditRows(corpus, "attributions", ["article_id", "attribution"], 5, {
      perOutlet: false,
    });
    assertEquals(first.total, attributions.height);
    assertEquals(
      JSON.stringify(first.rows.toRecords()),
      JSON.stringify(attributions.head(5).toRecords()),
    );
    // Only the articles asked for.
    const one = corpus.listing.getColumn("id").toArray().slice(1, 2) as string[];
    const only = auditRows(corpus, "hits", columns, 10_000, { ids: one });
    assertEquals(only.total, corpus.hits.filter(pl.col("article_id").eq(pl.lit(one[0]))).height);
  });
});
