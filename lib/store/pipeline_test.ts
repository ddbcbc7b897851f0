import pl from "nodejs-polars";
import { analyseArticle, loadResources, type Resources } from "../analyse.ts";
import { countWords } from "../tables/corpus.ts";
import { generateCorpus } from "../../scripts/bench/generate.ts";
import { assert, assertEquals, assertMatch, assertRejects, withTempDir } from "../testing.ts";
import { OUTPUT_SCHEMAS, publishCorpus } from "./pipeline.ts";
import { OUTPUT_MARKER } from "./publish.ts";

const quiet = { log: () => {} };

interface Expected {
  hits: Record<string, unknown>[];
  attributions: Record<string, unknown>[];
  mentions: Record<string, unknown>[];
  articles: Record<string, unknown>[];
}

/** The rows each table must have, from analyseArticle run on each CSV row directly. */
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
      published: r.published,
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

/** Every file under `dir` (relative paths), sorted. */
function files(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...files(`${dir}/${e.name}`, rel));
    else out.push(rel);
  }
  return out.sort();
}

for (const workers of [0, 2]) {
  Deno.test(`publishCorpus (${workers} workers) writes what analyseArticle finds, partitioned; a rerun reuses the store`, async () => {
    await withTempDir(async (dir) => {
      const corpus = await generateCorpus({ articles: 240, seed: 11, cacheDir: `${dir}/cache` });
      const stages = await loadResources();
      const store = `${dir}/store`;
      const options = {
        corpus: corpus.path,
        outDir: `${dir}/out`,
        store,
        batchSize: 50,
        sliceSize: 70,
        flushRows: 1500,
        workers,
        partPrefix: workers ? "shard1-" : undefined,
        ...quiet,
      };
      const result = await publishCorpus(options);
      assertEquals([result.articles, result.store.analysed, result.store.cached], [240, 240, 0]);
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
      // Each part file has the table's documented columns; partition columns are in the path.
      for (const t of ["articles", "hits", "attributions", "mentions"] as const) {
        const first = files(`${dir}/out/${t}`)[0];
        assertMatch(first, /^outlet=[^/]+\/month=2024-\d\d\/part-/);
        assertEquals(
          pl.readParquet(`${dir}/out/${t}/${first}`).columns,
          OUTPUT_SCHEMAS[t].map(([n]) => n),
        );
      }

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
      assertEquals([run.articles, run.tables.hits.rows, run.hashes, run.skipped], [
        240,
        e.hits.length,
        result.hashes,
        {},
      ]);
      assertMatch(run.store.line, /^store: analysed 240 of 240 articles \(0 cached, 0 removed\)/);

      // Part files carry the prefix, so shards written on several machines merge by copying.
      const parts = files(`${dir}/out/hits`);
      assert(
        parts.every((p) =>
          (workers ? /\/part-shard1-\d{5}\.parquet$/ : /\/part-\d{5}\.parquet$/).test(p)
        ),
        parts.join(" "),
      );
      // No temporary files are left behind.
      assertEquals(files(`${dir}/out`).filter((f) => f.endsWith(".tmp")), []);

      // A rerun on the unchanged CSV analyses nothing and publishes the same files.
      const before = files(`${dir}/out`).map((f) => [f, Deno.readFileSync(`${dir}/out/${f}`)]);
      const lines: string[] = [];
      const again = await publishCorpus({ ...options, overwrite: true, log: (l) => lines.push(l) });
      assertEquals([again.store.analysed, again.store.cached], [0, 240]);
      assertMatch(lines.join("\n"), /store: analysed 0 of 240 articles \(240 cached, 0 removed\)/);
      const after = files(`${dir}/out`);
      assertEquals(after, before.map(([f]) => f));
      for (const [f, bytes] of before) {
        if (f === "run.json") continue; // its store line differs
        const now = Deno.readFileSync(`${dir}/out/${f}`);
        const was = bytes as Uint8Array;
        assert(now.length === was.length && now.every((b, k) => was[k] === b), `${f} differs`);
      }
    });
  });
}

Deno.test("publishCorpus refuses a non-empty output folder and a corpus without its columns", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/c.csv`, "id,outlet,text\na1,X,Some text here.\n");
    await Deno.mkdir(`${dir}/out`);
    await Deno.writeTextFile(`${dir}/out/keep.txt`, "mine");
    await assertRejects(
      () => publishCorpus({ corpus: `${dir}/c.csv`, outDir: `${dir}/out`, ...quiet }),
      /out: the output folder is not empty; choose an empty folder or pass overwrite: true/,
    );
    assertEquals(await Deno.readTextFile(`${dir}/out/keep.txt`), "mine");
    await assertRejects(
      () => publishCorpus({ corpus: `${dir}/c.csv`, outDir: `${dir}/out2`, ...quiet }),
      new RegExp(`${dir}/c.csv line 1: no column "published"; the corpus CSV needs the columns`),
    );
    assertEquals(files(dir).filter((f) => !f.startsWith(".cache/")), ["c.csv", "out/keep.txt"]);
  });
});

Deno.test("publishCorpus --overwrite never deletes the corpus, the store or files it did not write", async () => {
  await withTempDir(async (dir) => {
    const corpus = "id,outlet,published,text\na1,X,2024-06-01,The regime said no.\n";
    await Deno.writeTextFile(`${dir}/corpus.csv`, corpus);
    await Deno.writeTextFile(`${dir}/notes.txt`, "mine");
    await assertRejects(
      () => publishCorpus({ corpus: `${dir}/corpus.csv`, outDir: dir, overwrite: true, ...quiet }),
      /the output folder contains the input .*corpus\.csv — choose an output folder/,
    );
    assertEquals(await Deno.readTextFile(`${dir}/corpus.csv`), corpus);
    assertEquals(await Deno.readTextFile(`${dir}/notes.txt`), "mine");
    // The store inside the output folder, or the output inside the store: refused before any work.
    for (const [out, store] of [[`${dir}/out`, `${dir}/out/store`], [`${dir}/s/out`, `${dir}/s`]]) {
      await assertRejects(
        () => publishCorpus({ corpus: `${dir}/corpus.csv`, outDir: out, store, ...quiet }),
        /: the output folder and the store .* hold one another — choose an output folder outside the store/,
      );
    }
    // A folder the pipeline wrote is replaced; the new run is complete when it appears.
    const out = `${dir}/out`;
    await publishCorpus({ corpus: `${dir}/corpus.csv`, outDir: out, ...quiet });
    const r = await publishCorpus({
      corpus: `${dir}/corpus.csv`,
      outDir: out,
      overwrite: true,
      ...quiet,
    });
    assertEquals([r.articles, r.store.cached], [1, 1]);
    assertEquals(r.store.dir, `${dir}/.cache/store/corpus`);
    assertEquals(JSON.parse(await Deno.readTextFile(`${out}/run.json`)).articles, 1);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      ".cache",
      "corpus.csv",
      "notes.txt",
      "out",
    ]);
    assert(Deno.statSync(`${out}/${OUTPUT_MARKER}`).isFile);
  });
});

Deno.test("publishCorpus: a run that fails publishes nothing and says so", async () => {
  await withTempDir(async (dir) => {
    const good = Array.from({ length: 30 }, (_, i) => `a${i},X,2024-06-01,"The regime fell ${i}."`);
    const path = `${dir}/c.csv`;
    await Deno.writeTextFile(
      path,
      "id,outlet,published,text\n" + good.join("\n") + '\nbad,X,2024-06-01,"never closed\n',
    );
    await assertRejects(
      () => publishCorpus({ corpus: path, outDir: `${dir}/out`, batchSize: 5, ...quiet }),
      /out: the output is incomplete and was not published \(.*c\.csv line 32: a quoted field is never closed/,
    );
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [".cache", "c.csv"]);
  });
});

Deno.test("publishCorpus: impossible or free-text dates and duplicate ids are errors with the line", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/c.csv`;
    const run = () => publishCorpus({ corpus: path, outDir: `${dir}/out`, ...quiet });
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
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [".cache", "c.csv"]);
  });
});

Deno.test("publishCorpus names the articles that cleaning shrank by more than half, in its result and run.json", async () => {
  await withTempDir(async (dir) => {
    const links = Array.from({ length: 20 }, (_, i) => `Also read: Story number ${i} of the day`)
      .join("\n");
    await Deno.writeTextFile(
      `${dir}/c.csv`,
      "id,outlet,published,text\n" +
        `a1,X,2024-06-19,"Officials met in Seoul on Monday and talked for hours about trade.\n${links}"\n` +
        `a2,X,2024-06-19,"Officials met in Seoul on Monday and talked for hours about trade."\n`,
    );
    const r = await publishCorpus({ corpus: `${dir}/c.csv`, outDir: `${dir}/out`, ...quiet });
    assertEquals(r.shrunk, ["a1"]);
    assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/out/run.json`)).shrunk, ["a1"]);
    // Also after a rerun that takes every article from the store.
    const again = await publishCorpus({
      corpus: `${dir}/c.csv`,
      outDir: `${dir}/out`,
      overwrite: true,
      ...quiet,
    });
    assertEquals([again.store.cached, again.shrunk], [2, ["a1"]]);
  });
});

Deno.test("publishCorpus puts every article under the time guard, also in a small corpus: an article over the limit is skipped and named", async () => {
  await withTempDir(async (dir) => {
    // About 400 KB: under the store's 1 MB "long article" mark, so a notebook's openCorpus would
    // analyse this two-article corpus on its own thread, with no guard; it takes far over 50 ms.
    const long = "Officials said the talks, which Kim called “historic”, went on. ".repeat(6_000);
    await Deno.writeTextFile(
      `${dir}/c.csv`,
      "id,outlet,published,text\n" +
        "a1,Daily A,2024-06-19,The dictator met the president.\n" +
        `long,Daily A,2024-06-20,"${long}"\n`,
    );
    const r = await publishCorpus({
      corpus: `${dir}/c.csv`,
      outDir: `${dir}/out`,
      articleTimeoutMs: 50,
      ...quiet,
    });
    assert("long" in r.skipped, JSON.stringify(r.skipped));
    assertMatch(r.skipped.long, /took longer than .* and was skipped/);
    const run = JSON.parse(await Deno.readTextFile(`${dir}/out/run.json`));
    assert("long" in run.skipped);
  });
});
