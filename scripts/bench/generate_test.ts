import pl from "nodejs-polars";
import {
  CORPUS_COLUMNS,
  csvRecord,
  generateCorpus,
  OUTLETS,
  sentencePool,
  syntheticArticles,
} from "./generate.ts";
import { assert, assertEquals, assertNotEquals, assertRejects } from "../../lib/testing.ts";

Deno.test("sentencePool splits lines into sentences and keeps usable ones", () => {
  const pool = sentencePool([
    "Title Line\n\n  • Putin and Kim signed a treaty today. Short one.\n" +
    "He said “this is a landmark document.” Kim agreed with him fully!\n" +
    "“This opens but never closes. Putin and Kim signed a treaty today.\nCopyright 2024,",
  ]);
  assertEquals(pool, [
    "Putin and Kim signed a treaty today.",
    "He said “this is a landmark document.”",
    "Kim agreed with him fully!",
  ]);
});

const POOL = [
  "Putin and Kim signed a treaty on Wednesday.",
  "He said “this is truly a landmark document,” at the news conference.",
  "The United States criticised Russia’s move in a short statement.",
  "Analysts described the pact as a defensive alliance with risks.",
];

Deno.test("syntheticArticles is deterministic for a seed and differs between seeds", () => {
  const a = [...syntheticArticles(POOL, { articles: 50, seed: 7 })];
  const b = [...syntheticArticles(POOL, { articles: 50, seed: 7 })];
  const c = [...syntheticArticles(POOL, { articles: 50, seed: 8 })];
  assertEquals(a, b);
  assertNotEquals(a.map((x) => x.text), c.map((x) => x.text));
});

Deno.test("syntheticArticles: ids, outlets, 2024 dates in order, sentences from the pool", () => {
  const arts = [...syntheticArticles(POOL, { articles: 2000, seed: 1 })];
  assertEquals(arts.length, 2000);
  assertEquals(arts[0].id, "gen-0000001");
  assertEquals(arts[1999].id, "gen-0002000");
  assertEquals(new Set(arts.map((a) => a.id)).size, 2000);
  assertEquals(new Set(arts.map((a) => a.outlet)).size, 40);
  assert(arts.every((a) => OUTLETS.includes(a.outlet)));
  assertEquals(arts[0].published, "2024-01-01");
  assertEquals(arts[1999].published, "2024-12-31");
  for (let i = 1; i < arts.length; i++) assert(arts[i - 1].published <= arts[i].published);
  const months = new Set(arts.map((a) => a.published.slice(0, 7)));
  assertEquals(months.size, 12);
  for (const a of arts.slice(0, 100)) {
    for (const para of a.text.split("\n\n")) {
      let rest = para;
      while (rest.length > 0) {
        const s = POOL.find((p) => rest.startsWith(p));
        assert(s, `paragraph piece not from the pool: ${rest.slice(0, 40)}`);
        rest = rest.slice(s.length).replace(/^ /, "");
      }
    }
  }
});

Deno.test("syntheticArticles: sizes average the target bytes", () => {
  const enc = new TextEncoder();
  const arts = [...syntheticArticles(POOL, { articles: 1000, seed: 3, targetBytes: 2500 })];
  const mean = arts.reduce((s, a) => s + enc.encode(a.text).length, 0) / arts.length;
  assert(mean > 2250 && mean < 2750, `mean size ${mean}`);
});

Deno.test("syntheticArticles rejects an empty pool and a bad count", () => {
  let msg = "";
  try {
    [...syntheticArticles([], { articles: 1 })];
  } catch (e) {
    msg = (e as Error).message;
  }
  assertEquals(msg, "syntheticArticles: the sentence pool is empty");
  try {
    [...syntheticArticles(POOL, { articles: -1 })];
  } catch (e) {
    msg = (e as Error).message;
  }
  assertEquals(msg, "syntheticArticles: articles must be a non-negative integer, got -1");
});

Deno.test("csvRecord quotes fields with commas, quotes and line breaks", () => {
  assertEquals(csvRecord(["a", "b,c", 'say "hi"', "x\ny"]), 'a,"b,c","say ""hi""","x\ny"\n');
});

Deno.test("generateCorpus writes a CSV polars reads back, reuses it, keys it by seed", async () => {
  const root = await Deno.makeTempDir();
  try {
    const src = `${root}/seeds`;
    await Deno.mkdir(src);
    await Deno.writeTextFile(`${src}/a.txt`, POOL.slice(0, 2).join(" ") + "\n");
    await Deno.writeTextFile(`${src}/b.txt`, POOL.slice(2).join("\n") + "\n");
    const cacheDir = `${root}/cache`;
    const first = await generateCorpus({ articles: 120, seed: 5, sourceDir: src, cacheDir });
    assertEquals(first.reused, false);
    assertEquals(first.poolSize, 4);
    assert(first.path.endsWith(`corpus-n120-${first.key}.csv`));
    assertEquals(first.bytes, (await Deno.stat(first.path)).size);
    const df = pl.readCSV(first.path, { inferSchemaLength: 0 });
    assertEquals(df.columns, [...CORPUS_COLUMNS]);
    const expected = [...syntheticArticles(POOL, { articles: 120, seed: 5 })];
    assertEquals(df.toRecords(), expected.map((a) => ({ ...a })));
    const again = await generateCorpus({ articles: 120, seed: 5, sourceDir: src, cacheDir });
    assertEquals([again.reused, again.path], [true, first.path]);
    const other = await generateCorpus({ articles: 120, seed: 6, sourceDir: src, cacheDir });
    assertNotEquals(other.path, first.path);
    const leftovers = [...Deno.readDirSync(cacheDir)].filter((e) => e.name.endsWith(".tmp"));
    assertEquals(leftovers, []);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("generateCorpus names the folder when there are no seed articles", async () => {
  const root = await Deno.makeTempDir();
  try {
    await assertRejects(
      () => generateCorpus({ articles: 1, sourceDir: root, cacheDir: `${root}/c` }),
      new RegExp(`no \\.txt seed articles in ${root}`),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
