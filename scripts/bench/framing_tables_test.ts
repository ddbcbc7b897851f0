import { loadResources } from "../../lib/analyse.ts";
import { framingHits } from "../../lib/extract/framing.ts";
import { csvRanges, readCsvBatches } from "../../lib/io/csv.ts";
import { assertEquals, withTempDir } from "../../lib/testing.ts";
import { countWords } from "../../lib/text/words.ts";
import { framingTables } from "./framing_tables.ts";

Deno.test("csvRanges splits at record boundaries; framingTables matches framingHits", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/c.csv`;
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `a${i},Outlet ${i % 3},2024-0${1 + (i % 9)}-01,"Title ${i} regime",` +
        `"The dictator said ""no""\nand “the regime” fell, ${"x".repeat(i * 7)}"`,
    );
    await Deno.writeTextFile(path, "id,outlet,published,title,text\n" + rows.join("\n") + "\n");
    const whole: string[][] = [];
    for await (const b of readCsvBatches(path)) whole.push(...b.rows);
    for (const parts of [1, 2, 3, 7]) {
      const { header, ranges } = await csvRanges(path, parts);
      assertEquals(header, ["id", "outlet", "published", "title", "text"]);
      const got = [];
      for (const r of ranges) {
        for await (const b of readCsvBatches(path, { batchSize: 4, range: { ...r, header } })) {
          got.push(...b.rows);
        }
      }
      assertEquals(got, whole);
    }
    const st = await loadResources();
    const expected: Array<Record<string, unknown>> = [];
    let words = 0;
    for (const r of whole) {
      for (const [field, text, voice] of [["title", r[3], "headline"], ["body", r[4]]] as const) {
        for (const h of framingHits(text, st.lexicon, voice ? { voice } : undefined)) {
          expected.push({ article_id: r[0], outlet: r[1], field, start: h.start, term: h.term });
        }
      }
      words += countWords(r[4]);
    }
    for (const workers of [0, 2]) {
      const t = await framingTables({ corpus: path, workers, batchSize: 5 });
      assertEquals(t.articles, 40);
      assertEquals(t.hits.height, expected.length);
      const got = t.hits.select("article_id", "outlet", "field", "start", "term").toRecords();
      const key = (x: Record<string, unknown>) => JSON.stringify(x);
      assertEquals(got.map(key).sort(), expected.map(key).sort());
      assertEquals(t.hits.getColumn("month").toArray().slice(0, 2), ["2024-01", "2024-01"]);
      assertEquals(t.outlets.getColumn("words").sum(), words);
      assertEquals(t.outlets.getColumn("hits").sum(), expected.length);
    }
  });
});
