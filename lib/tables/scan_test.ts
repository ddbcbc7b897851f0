import { assert, assertEquals, assertThrows, withTempDir } from "../testing.ts";
import { openCorpus } from "../store/store.ts";
import pl from "nodejs-polars";
import {
  articleSourceFrame,
  CORPUS_ENV,
  scanTable,
  STORE_ENV,
  withCorpusEnvironment,
} from "./corpus.ts";
import { TABLE_NAMES, TABLES } from "./schema.ts";

const BUNDLED = new URL("../testdata/bundled/", import.meta.url).pathname;
const quiet = { log: () => {} };

async function copyFixture(dir: string): Promise<string> {
  const data = `${dir}/data`;
  await new Deno.Command("cp", { args: ["-r", BUNDLED, data] }).output();
  return data;
}

Deno.test("scanTable: every table's columns as openCorpus gives them, also after an edit reorders the store", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const opts = { dataDir: data, store: `${dir}/store`, ...quiet };
    await openCorpus(opts);
    // The first article, edited, is stored in a later segment than the others: the scan's store
    // order is then not the corpus order.
    const file = `${data}/articles/001_bd2e85babc319a33.txt`;
    await Deno.writeTextFile(file, (await Deno.readTextFile(file)) + "\n\nThe regime said so.\n");
    const corpus = await openCorpus(opts);
    assertEquals(corpus.store.analysed, 1);
    for (const t of TABLE_NAMES) {
      const all = TABLES[t].map(([n]) => n);
      const full = corpus[t];
      assert(full.height > 0, `${t} has rows`);
      assertEquals(
        JSON.stringify(scanTable(corpus, t, all).toRecords()),
        JSON.stringify(full.toRecords()),
        `${t}: all columns`,
      );
      const some = all.filter((c) => c !== "text" && c !== "body").slice(0, 3);
      assertEquals(
        JSON.stringify(scanTable(corpus, t, some).toRecords()),
        JSON.stringify(full.select(...some).toRecords()),
        `${t}: ${some.join(", ")}`,
      );
    }
    // Unordered: the same rows, in store order.
    const cols = ["article_id", "outlet", "field", "start", "end", "category"];
    const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    const unordered = scanTable(corpus, "hits", cols, { ordered: false });
    assertEquals(sorted(unordered.toRecords()), sorted(corpus.hits.select(...cols).toRecords()));
    assert(
      JSON.stringify(unordered.toRecords()) !==
        JSON.stringify(corpus.hits.select(...cols).toRecords()),
      "the edited article's rows come last in store order",
    );
    assertThrows(
      () => scanTable(corpus, "hits", ["article_id", "colour"]),
      /the hits table has no column colour/,
    );
  });
});

Deno.test("withCorpusEnvironment: the corpus and store of the environment only when none is named", () => {
  const saved = [Deno.env.get(CORPUS_ENV), Deno.env.get(STORE_ENV)];
  try {
    Deno.env.set(CORPUS_ENV, "/tmp/big.csv");
    Deno.env.set(STORE_ENV, "/tmp/big-store");
    assertEquals(withCorpusEnvironment({}), { corpus: "/tmp/big.csv", store: "/tmp/big-store" });
    assertEquals(withCorpusEnvironment({ store: "/s" }), { corpus: "/tmp/big.csv", store: "/s" });
    assertEquals(withCorpusEnvironment({ dataDir: "/d" }), { dataDir: "/d" });
    assertEquals(withCorpusEnvironment({ corpus: "/c.csv" }), { corpus: "/c.csv" });
    Deno.env.set(CORPUS_ENV, " ");
    Deno.env.delete(STORE_ENV);
    assertEquals(withCorpusEnvironment({}), {});
  } finally {
    for (const [i, name] of [CORPUS_ENV, STORE_ENV].entries()) {
      if (saved[i] === undefined) Deno.env.delete(name);
      else Deno.env.set(name, saved[i]!);
    }
  }
});

Deno.test("scanTable: the articles' copy links from the store's, without reading the signatures", () => {
  const row = (id: string, copyOf: string | null, similarity: number | null) => ({
    id,
    file: `${id}.txt`,
    outlet: "O",
    outlet_named: true,
    published: "2024-06-19",
    url: null,
    language: null,
    notes: null,
    sha256: "0",
    encoding: "utf-8",
    copy_of: copyOf,
    similarity,
  });
  const listing = articleSourceFrame([
    row("a", null, null),
    row("b", null, null),
    row("c", "none", null),
  ]);
  const scanned: string[][] = [];
  const corpus = {
    listing,
    // No minhash column: reading the signatures would fail.
    scan: () => {
      const lf = pl.DataFrame({ article_id: ["c", "b", "a"], n_words: [3, 2, 1] }).lazy();
      return {
        select: (...cols: string[]) => {
          scanned.push(cols);
          return lf.select(...cols);
        },
      } as unknown as pl.LazyDataFrame;
    },
    copyLinks: () => ({ copyOf: [null, "a", "a"], similarity: [null, 0.91234, 0.9] }),
  };
  const articles = scanTable(corpus, "articles", ["id", "n_words", "copy_of", "similarity"]);
  assertEquals(articles.toRecords(), [
    { id: "a", n_words: 1, copy_of: null, similarity: null },
    { id: "b", n_words: 2, copy_of: "a", similarity: 0.912 },
    { id: "c", n_words: 3, copy_of: null, similarity: null }, // the manifest's "none" wins
  ]);
  assertEquals(scanned, [["article_id", "n_words"]]);
});
