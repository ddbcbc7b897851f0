import pl from "nodejs-polars";
import { analyseArticle, loadResources, type Resources } from "../analyse.ts";
import { countWords } from "../tables/corpus.ts";
import { framingHits } from "../extract/framing.ts";
import { generateCorpus } from "../../scripts/bench/generate.ts";
import { csvRanges, readCsvBatches } from "../io/csv.ts";
import { framingTables, hiveValue, PartitionedTable, runPipeline } from "./batch.ts";
import { assert, assertEquals, assertMatch, assertRejects, withTempDir } from "../testing.ts";

Deno.test("hiveValue escapes like Hive and marks empty values as the default partition", () => {
  assertEquals(hiveValue("The Western Mail & Guardian"), "The%20Western%20Mail%20%26%20Guardian");
  assertEquals(hiveValue("a/b=c"), "a%2Fb%3Dc");
  assertEquals(hiveValue("2024-06"), "2024-06");
  assertEquals(hiveValue(""), "__HIVE_DEFAULT_PARTITION__");
  assertEquals(hiveValue(null), "__HIVE_DEFAULT_PARTITION__");
});

Deno.test("PartitionedTable writes hive partitions that polars reads back with their values", async () => {
  await withTempDir(async (dir) => {
    const t = new PartitionedTable(`${dir}/hits`, [
      ["article_id", "cat"],
      ["start", "int"],
      ["text", "str"],
    ]);
    t.add("Mail & Guardian", "2024-06", ["a1", 5, "x"]);
    t.add("Courier", "2024-06", ["a2", 6, null]);
    t.add("Courier", null, ["a3", 7, "y"]);
    t.add("Mail & Guardian", "2024-06", [null, 8, "z"]);
    assertEquals(await t.flush(), 3);
    t.add("Courier", "2024-06", ["a4", 9, "w"]);
    assertEquals(await t.flush(), 1);
    assertEquals([t.rows, t.files, t.buffered], [5, 4, 0]);
    assertEquals(
      [...Deno.readDirSync(`${dir}/hits/outlet=Courier/month=2024-06`)].map((e) => e.name).sort(),
      ["part-00001.parquet", "part-00002.parquet"],
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
  });
});

Deno.test("PartitionedTable.writeIdle writes only the partitions the latest round left alone", async () => {
  await withTempDir(async (dir) => {
    const t = new PartitionedTable(`${dir}/t`, [["n", "int"]]);
    t.add("A", "2024-01", [1]);
    t.add("B", "2024-01", [2]);
    t.stage();
    assertEquals([t.buffered, t.pendingRows], [0, 2]);
    t.add("A", "2024-02", [3]);
    t.add("B", "2024-01", [4]);
    t.stage();
    assertEquals(await t.writeIdle(), 1);
    assertEquals([t.pendingRows, t.files], [3, 1]);
    assertEquals([...Deno.readDirSync(`${dir}/t`)].map((e) => e.name), ["outlet=A"]);
    assertEquals(
      pl.readParquet(`${dir}/t/outlet=A/month=2024-01/part-00001.parquet`).toRecords(),
      [{ n: 1 }],
    );
    t.stage();
    assertEquals(await t.writeIdle(), 2);
    assertEquals([t.pendingRows, t.files], [0, 3]);
    assertEquals(
      pl.readParquet(`${dir}/t/outlet=B/month=2024-01/part-00002.parquet`).toRecords(),
      [{ n: 2 }, { n: 4 }],
    );
  });
});

// --- the whole pipeline against the per-text functions run directly --------------------------

interface Expected {
  hits: Record<string, unknown>[];
  attributions: Record<string, unknown>[];
  mentions: Record<string, unknown>[];
  articles: Record<string, unknown>[];
}

function expectedTables(rows: Record<string, string>[], st: Resources): Expected {
  const e: Expected = { hits: [], attributions: [], mentions: [], articles: [] };
  for (const r of rows) {
    const month = r.published.slice(0, 7);
    const a = analyseArticle({ id: r.id, text: r.text, title: r.title || null }, st);
    for (const h of a.hits) {
      e.hits.push({
        article_id: r.id,
        field: h.field,
        start: h.start,
        end: h.end,
        term: h.term,
        category: h.category,
        voice: h.voice,
        speaker: h.speaker,
        sentence: h.sentence,
        outlet: r.outlet,
        month,
      });
    }
    for (const t of a.attributions) {
      e.attributions.push({
        article_id: r.id,
        field: t.field,
        source_id: t.source_id,
        source_start: t.source?.start ?? null,
        source_type: t.source_type,
        kind: t.kind,
        content_start: t.content.start,
        content_end: t.content.end,
        outlet: r.outlet,
      });
    }
    for (const m of a.mentions) {
      e.mentions.push({ article_id: r.id, actor: m.actor, start: m.start, label: m.label });
    }
    e.articles.push({
      article_id: r.id,
      n_words: countWords(a.body),
      n_hits: a.hits.length,
      n_attributions: a.attributions.length,
      n_mentions: a.mentions.length,
      outlet: r.outlet,
      month,
    });
  }
  return e;
}

function readTable(dir: string, columns: string[], sortBy: string[]): Record<string, unknown>[] {
  return pl.scanParquet(`${dir}/**/*.parquet`, { hivePartitioning: true })
    .select(...columns).sort(sortBy).collectSync().toRecords();
}

function sortRecords(rows: Record<string, unknown>[], keys: string[]): Record<string, unknown>[] {
  const cmp = (a: unknown, b: unknown) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as number) < (b as number) ? -1 : 1;
  return [...rows].sort((x, y) => {
    for (const k of keys) {
      const c = cmp(x[k], y[k]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

for (const workers of [0, 2]) {
  Deno.test(`runPipeline (${workers} workers) writes exactly what the per-text functions find`, async () => {
    await withTempDir(async (dir) => {
      const corpus = await generateCorpus({ articles: 240, seed: 11, cacheDir: `${dir}/cache` });
      const stages = await loadResources();
      const batches: number[] = [];
      const result = await runPipeline(
        {
          corpus: corpus.path,
          outDir: `${dir}/out`,
          batchSize: 50,
          flushRows: 1500,
          workers,
          partPrefix: workers ? "shard1-" : undefined,
          onBatch: ({ articles }) => batches.push(articles),
        },
        stages,
      );
      assertEquals(batches.sort((a, b) => a - b).at(-1), 240);
      assertEquals(batches.length, 5);
      if (workers === 0) assertEquals(batches, [50, 100, 150, 200, 240]);
      assertEquals(result.articles, 240);
      const rows = pl.readCSV(corpus.path, { inferSchemaLength: 0 }).toRecords() as Record<
        string,
        string
      >[];
      const e = expectedTables(rows, stages);
      assert(e.hits.length > 1000, `only ${e.hits.length} hits in the test corpus`);
      assert(e.attributions.length > 100 && e.mentions.length > 100);
      assertEquals(result.tables.hits.rows, e.hits.length);
      assertEquals(result.tables.attributions.rows, e.attributions.length);
      assertEquals(result.tables.mentions.rows, e.mentions.length);
      assertEquals(result.tables.articles.rows, 240);
      assert(result.tables.hits.files > 40, "several flushes and partitions");

      const hitCols = Object.keys(e.hits[0]);
      const hitKeys = ["article_id", "field", "start", "end", "term", "category"];
      assertEquals(readTable(`${dir}/out/hits`, hitCols, hitKeys), sortRecords(e.hits, hitKeys));
      const attrCols = Object.keys(e.attributions[0]);
      const attrKeys = [
        "article_id",
        "field",
        "content_start",
        "content_end",
        "source_id",
        "source_start",
      ];
      assertEquals(
        readTable(`${dir}/out/attributions`, attrCols, attrKeys),
        sortRecords(e.attributions, attrKeys),
      );
      const menCols = Object.keys(e.mentions[0]);
      const menKeys = ["article_id", "start", "actor", "label"];
      assertEquals(
        readTable(`${dir}/out/mentions`, menCols, menKeys),
        sortRecords(e.mentions, menKeys),
      );
      assertEquals(
        readTable(`${dir}/out/articles`, Object.keys(e.articles[0]), ["article_id"]),
        sortRecords(e.articles, ["article_id"]),
      );

      // The per-outlet table adds up to the per-article rows, in parquet and CSV alike.
      const outlets = pl.readParquet(`${dir}/out/outlets.parquet`);
      assertEquals(outlets.getColumn("articles").sum(), 240);
      assertEquals(outlets.getColumn("hits").sum(), e.hits.length);
      assertEquals(outlets.getColumn("attributions").sum(), e.attributions.length);
      assertEquals(outlets.getColumn("actor_mentions").sum(), e.mentions.length);
      const byOutlet = new Map<string, number>();
      for (const h of e.hits) {
        byOutlet.set(h.outlet as string, (byOutlet.get(h.outlet as string) ?? 0) + 1);
      }
      for (const r of outlets.toRecords()) {
        assertEquals(r.hits, byOutlet.get(r.outlet as string) ?? 0);
      }
      assertEquals(pl.readCSV(`${dir}/out/outlets.csv`).height, outlets.height);
      assertEquals(result.outlets.height, outlets.height);
      assertEquals(result.hashes["lexicons/framing.csv"], stages.lexicon.sha256);
      const run = JSON.parse(await Deno.readTextFile(`${dir}/out/run.json`));
      assertEquals([run.articles, run.tables.hits.rows, run.hashes], [
        240,
        e.hits.length,
        result.hashes,
      ]);

      // Part files carry the prefix, so shards written on several machines can be merged by copying.
      const outletDir = [...Deno.readDirSync(`${dir}/out/hits`)][0].name;
      const monthDir = [...Deno.readDirSync(`${dir}/out/hits/${outletDir}`)][0].name;
      const partName = [...Deno.readDirSync(`${dir}/out/hits/${outletDir}/${monthDir}`)][0].name;
      assertMatch(partName, workers ? /^part-shard1-\d{5}\.parquet$/ : /^part-\d{5}\.parquet$/);

      // No temporary files are left behind.
      const tmp: string[] = [];
      const walk = (d: string) => {
        for (const x of Deno.readDirSync(d)) {
          if (x.isDirectory) walk(`${d}/${x.name}`);
          else if (x.name.endsWith(".tmp")) tmp.push(x.name);
        }
      };
      walk(`${dir}/out`);
      assertEquals(tmp, []);
    });
  });
}

Deno.test("runPipeline refuses a non-empty output folder and a corpus without its columns", async () => {
  await withTempDir(async (dir) => {
    const stages = await loadResources();
    await Deno.writeTextFile(`${dir}/c.csv`, "id,outlet,text\na1,X,Some text here.\n");
    await Deno.mkdir(`${dir}/out`);
    await Deno.writeTextFile(`${dir}/out/keep.txt`, "mine");
    await assertRejects(
      () => runPipeline({ corpus: `${dir}/c.csv`, outDir: `${dir}/out` }, stages),
      /out: the output folder is not empty; choose an empty folder or pass overwrite: true/,
    );
    assertEquals(await Deno.readTextFile(`${dir}/out/keep.txt`), "mine");
    await assertRejects(
      () => runPipeline({ corpus: `${dir}/c.csv`, outDir: `${dir}/out2` }, stages),
      new RegExp(`${dir}/c.csv line 1: no column "published"; the corpus CSV needs the columns`),
    );
  });
});

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
    let expected = 0;
    let words = 0;
    for (const r of whole) {
      expected += framingHits(r[3], st.lexicon, { voice: "headline" }).length;
      expected += framingHits(r[4], st.lexicon).length;
      words += countWords(r[4]);
    }
    for (const workers of [0, 2]) {
      const t = await framingTables({ corpus: path, workers, batchSize: 5 });
      assertEquals(t.articles, 40);
      assertEquals(t.hits.height, expected);
      assertEquals(t.outlets.getColumn("words").sum(), words);
      assertEquals(t.outlets.getColumn("hits").sum(), expected);
    }
  });
});

Deno.test("runPipeline --overwrite never deletes the corpus or files it did not write", async () => {
  await withTempDir(async (dir) => {
    const stages = await loadResources();
    const corpus = "id,outlet,published,text\na1,X,2024-06-01,The regime said no.\n";
    await Deno.writeTextFile(`${dir}/corpus.csv`, corpus);
    await Deno.writeTextFile(`${dir}/notes.txt`, "mine");
    await assertRejects(
      () => runPipeline({ corpus: `${dir}/corpus.csv`, outDir: dir, overwrite: true }, stages),
      /the output folder contains the input .*corpus\.csv/,
    );
    assertEquals(await Deno.readTextFile(`${dir}/corpus.csv`), corpus);
    assertEquals(await Deno.readTextFile(`${dir}/notes.txt`), "mine");
    // A folder the pipeline wrote is replaced; the new run is complete when it appears.
    const out = `${dir}/out`;
    await runPipeline({ corpus: `${dir}/corpus.csv`, outDir: out }, stages);
    const r = await runPipeline(
      { corpus: `${dir}/corpus.csv`, outDir: out, overwrite: true },
      stages,
    );
    assertEquals(r.articles, 1);
    assertEquals(JSON.parse(await Deno.readTextFile(`${out}/run.json`)).articles, 1);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      "corpus.csv",
      "notes.txt",
      "out",
    ]);
  });
});

Deno.test("runPipeline: a run that fails midway publishes nothing and says so", async () => {
  await withTempDir(async (dir) => {
    const stages = await loadResources();
    const good = Array.from({ length: 30 }, (_, i) => `a${i},X,2024-06-01,"The regime fell ${i}."`);
    const path = `${dir}/c.csv`;
    await Deno.writeTextFile(
      path,
      "id,outlet,published,text\n" + good.join("\n") + '\nbad,X,2024-06-01,"never closed\n',
    );
    await assertRejects(
      () => runPipeline({ corpus: path, outDir: `${dir}/out`, batchSize: 5, flushRows: 1 }, stages),
      /out: the output is incomplete and was not published \(.*c\.csv line 32: a quoted field is never closed/,
    );
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["c.csv"]);
  });
});

Deno.test("runPipeline: impossible or free-text dates and duplicate ids are errors with the line", async () => {
  await withTempDir(async (dir) => {
    const stages = await loadResources();
    const path = `${dir}/c.csv`;
    const run = () => runPipeline({ corpus: path, outDir: `${dir}/out` }, stages);
    const head = "id,outlet,published,text\n";
    await Deno.writeTextFile(path, head + 'a1,X,2024-06-01,"Two\nlines."\na2,X,2024-13-45,Text.\n');
    await assertRejects(
      run,
      /c\.csv line 4, column 'published': '2024-13-45' is not a date — write it as YYYY-MM-DD/,
    );
    await Deno.writeTextFile(path, head + "a1,X,June 2024,Text.\n");
    await assertRejects(run, /c\.csv line 2, column 'published': 'June 2024' is not a date/);
    await Deno.writeTextFile(path, head + "a1,X,,One.\na2,X,,Two.\na1,Y,,Three.\n");
    await assertRejects(run, /c\.csv lines 2 and 4: duplicate id 'a1' — ids must be unique/);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["c.csv"]);
  });
});

Deno.test("runPipeline names the articles that cleaning shrank by more than half, in its result and run.json", async () => {
  await withTempDir(async (dir) => {
    const links = Array.from({ length: 20 }, (_, i) => `Also read: Story number ${i} of the day`)
      .join("\n");
    await Deno.writeTextFile(
      `${dir}/c.csv`,
      "id,outlet,published,text\n" +
        `a1,X,2024-06-19,"Officials met in Seoul on Monday and talked for hours about trade.\n${links}"\n` +
        `a2,X,2024-06-19,"Officials met in Seoul on Monday and talked for hours about trade."\n`,
    );
    const r = await runPipeline(
      { corpus: `${dir}/c.csv`, outDir: `${dir}/out` },
      await loadResources(),
    );
    assertEquals(r.shrunk, ["a1"]);
    assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/out/run.json`)).shrunk, ["a1"]);
  });
});
