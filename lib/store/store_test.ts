import pl from "nodejs-polars";
import { readManifest } from "./manifest.ts";
import { assert, assertEquals, assertMatch, assertRejects, withTempDir } from "../testing.ts";
import { type Corpus, loadCorpus } from "../tables/corpus.ts";
import { TABLE_NAMES } from "../tables/schema.ts";
import { defaultStoreDir, openCorpus, type OpenCorpusOptions } from "./store.ts";

const BUNDLED = new URL("../testdata/bundled/", import.meta.url).pathname;

/** A copy of the bundled fixture corpus (articles, manifest and data files) in `dir`. */
async function copyFixture(dir: string): Promise<string> {
  const data = `${dir}/data`;
  await new Deno.Command("cp", { args: ["-r", BUNDLED, data] }).output();
  return data;
}

const quiet = { log: () => {} };

function records(df: pl.DataFrame): string {
  return JSON.stringify(df.toRecords());
}

function assertSameTables(a: Corpus, b: Corpus): void {
  for (const t of TABLE_NAMES) {
    const x = a[t];
    const y = b[t];
    assertEquals(x.columns, y.columns, `${t} columns`);
    assertEquals(x.height, y.height, `${t} rows`);
    assert(records(x) === records(y), `${t}: identical rows`);
  }
}

Deno.test("openCorpus: tables identical to loadCorpus, from a new store and from the cache", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const opts: OpenCorpusOptions = { dataDir: data, store: `${dir}/store`, ...quiet };
    const memory = await loadCorpus({ dataDir: data });
    const first = await openCorpus(opts);
    assertEquals([first.store.analysed, first.store.cached], [5, 0]);
    assertSameTables(first, memory);
    const second = await openCorpus(opts);
    assertEquals([second.store.analysed, second.store.cached, second.store.removed], [0, 5, 0]);
    assertMatch(second.store.line, /^store: analysed 0 of 5 articles \(5 cached, 0 removed\) in /);
    assertSameTables(second, memory);
    assertEquals(second.warnings, memory.warnings);
    // Deleting the store gives identical tables.
    await Deno.remove(`${dir}/store`, { recursive: true });
    assertSameTables(await openCorpus(opts), memory);
  });
});

Deno.test("openCorpus: editing one article reanalyses only it; a removed article's rows go", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const opts: OpenCorpusOptions = { dataDir: data, store: `${dir}/store`, ...quiet };
    await openCorpus(opts);
    const file = `${data}/articles/001_bd2e85babc319a33.txt`;
    await Deno.writeTextFile(
      file,
      (await Deno.readTextFile(file)) + "\n\nThe dictator said “enough”, officials said.\n",
    );
    const edited = await openCorpus(opts);
    assertEquals(
      [edited.store.analysed, edited.store.cached, edited.store.stages.attributions],
      [1, 4, 1],
    );
    assertSameTables(edited, await loadCorpus({ dataDir: data }));

    // Remove article 002 from the manifest and the folder.
    const manifest = (await Deno.readTextFile(`${data}/articles.csv`)).split("\n")
      .filter((l) => !l.startsWith("002,")).join("\n");
    await Deno.writeTextFile(`${data}/articles.csv`, manifest);
    await Deno.remove(`${data}/articles/002_b8441e6d0dfee939.txt`);
    const removed = await openCorpus(opts);
    assertEquals([removed.store.analysed, removed.store.removed], [0, 1]);
    assertEquals(removed.hits.filter(pl.col("article_id").eq(pl.lit("002"))).height, 0);
    assertSameTables(removed, await loadCorpus({ dataDir: data }));
  });
});

Deno.test("openCorpus: editing the lexicon recomputes hits and mentions, not attributions", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const opts: OpenCorpusOptions = { dataDir: data, store: `${dir}/store`, ...quiet };
    const before = await openCorpus(opts);
    const lexicon = `${data}/lexicons/framing.csv`;
    const text = await Deno.readTextFile(lexicon);
    const header = text.slice(0, text.indexOf("\n")).trim().split(",");
    const row: Record<string, string> = {
      pattern: "treaty signing",
      category: "neutral",
      target: "agreement",
    };
    await Deno.writeTextFile(
      lexicon,
      text.trimEnd() + "\n" + header.map((c) => row[c] ?? "").join(",") + "\n",
    );
    const after = await openCorpus(opts);
    assertEquals(after.store.stages, { text: 0, attributions: 0, framing: 5 });
    assertEquals(after.store.analysed, 5);
    assert(records(after.attributions) === records(before.attributions), "attributions reused");
    assertSameTables(after, await loadCorpus({ dataDir: data }));
    // Editing the gazetteer recomputes attributions (and the stages after them) too.
    const sources = await Deno.readTextFile(`${data}/sources.csv`);
    const cols = sources.slice(0, sources.indexOf("\n")).trim().split(",");
    const source: Record<string, string> = {
      id: "test_agency",
      name: "Test Agency",
      aliases: "Test Agency",
      type: "news_agency",
      kind: "organisation",
    };
    await Deno.writeTextFile(
      `${data}/sources.csv`,
      sources.trimEnd() + "\n" + cols.map((c) => source[c] ?? "").join(",") + "\n",
    );
    const gaz = await openCorpus(opts);
    assertEquals(gaz.store.stages, { text: 0, attributions: 5, framing: 5 });
  });
});

Deno.test("openCorpus: a run killed after its first batch, then a rerun, gives a clean run's tables", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const store = `${dir}/store`;
    const script = `${dir}/open.ts`;
    await Deno.writeTextFile(
      script,
      `import { openCorpus } from ${
        JSON.stringify(new URL("./store.ts", import.meta.url).href)
      };\n` +
        `await openCorpus({ dataDir: ${JSON.stringify(data)}, store: ${
          JSON.stringify(store)
        }, batchSize: 1,\n` +
        `  log: (l) => { console.log(l); if (l.includes("batch 1/")) Deno.kill(Deno.pid, "SIGKILL"); } });\n`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--no-check",
        `--config=${new URL("../../deno.json", import.meta.url).pathname}`,
        script,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(out.signal, "SIGKILL");
    assertMatch(new TextDecoder().decode(out.stdout), /batch 1\/5/);
    // The killed run kept its first batch and left its lock.
    const stored = await readManifest(store, () => {});
    assertEquals(Object.keys(stored.articles).length, 1);
    const warnings: string[] = [];
    const rerun = await openCorpus({ dataDir: data, store, log: () => {} });
    warnings.push(...rerun.warnings);
    assertEquals([rerun.store.analysed, rerun.store.cached], [4, 1]);
    assert(warnings.some((w) => /took over the lock .* no longer running/.test(w)), "lock warning");
    assertSameTables(rerun, await loadCorpus({ dataDir: data }));
  });
});

Deno.test("openCorpus: a live lock holder makes a second process wait, then fail naming its pid", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const store = `${dir}/store`;
    await Deno.mkdir(store, { recursive: true });
    const holder = new Deno.Command("sleep", { args: ["30"] }).spawn();
    try {
      await Deno.writeTextFile(`${store}/lock`, JSON.stringify({ pid: holder.pid }));
      const err = await assertRejects(
        () => openCorpus({ dataDir: data, store, lockTimeoutMs: 300, ...quiet }),
      );
      assertMatch(err.message, new RegExp(`in use by process ${holder.pid}`));
      assert(await Deno.stat(`${store}/lock`).then(() => true), "the holder's lock stays");
    } finally {
      holder.kill();
      await holder.status;
    }
  });
});

Deno.test("openCorpus: a corrupt table file is rebuilt with a warning naming it", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const opts: OpenCorpusOptions = { dataDir: data, store: `${dir}/store`, ...quiet };
    const clean = await openCorpus(opts);
    const hitsDir = `${dir}/store/hits`;
    const [file] = await Array.fromAsync(Deno.readDir(hitsDir));
    await Deno.writeTextFile(`${hitsDir}/${file.name}`, "not parquet");
    const again = await openCorpus(opts);
    assert(
      again.warnings.some((w) => w.includes(file.name) && /rebuilding/.test(w)),
      `warning names ${file.name}: ${again.warnings.join("; ")}`,
    );
    assertSameTables(again, clean);
  });
});

Deno.test("openCorpus: a store of another version is rebuilt; a bad data file fails before the store is touched", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const opts: OpenCorpusOptions = { dataDir: data, store: `${dir}/store`, ...quiet };
    await openCorpus(opts);
    const m = JSON.parse(await Deno.readTextFile(`${dir}/store/store.json`));
    m.version = "0-old";
    await Deno.writeTextFile(`${dir}/store/store.json`, JSON.stringify(m));
    const rebuilt = await openCorpus(opts);
    assertEquals(rebuilt.store.analysed, 5);
    assert(
      rebuilt.warnings.some((w) => /another version .* rebuilding/.test(w)),
      "version warning",
    );

    const before = await Deno.readTextFile(`${dir}/store/store.json`);
    await Deno.writeTextFile(
      `${data}/lexicons/framing.csv`,
      "pattern,category,target\ndictator*,not_a_category,person\n",
    );
    const err = await assertRejects(() => openCorpus(opts));
    assertMatch(err.message, /framing\.csv/);
    assertEquals(await Deno.readTextFile(`${dir}/store/store.json`), before);
  });
});

Deno.test("defaultStoreDir: .cache/store/<name> beside the corpus folder", () => {
  assertEquals(defaultStoreDir("/p/data"), "/p/.cache/store/data");
  assertEquals(defaultStoreDir("/p/my corpus/"), "/p/.cache/store/my corpus");
  assertEquals(defaultStoreDir("data"), "./.cache/store/data");
});

Deno.test("openCorpus: worker threads give the main thread's tables; an overrunning article is skipped and named", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const threaded = await openCorpus({ dataDir: data, store: `${dir}/s1`, workers: 2, ...quiet });
    assertSameTables(threaded, await loadCorpus({ dataDir: data }));

    // An 8 MB article takes many seconds; the others milliseconds, but a fresh worker's first
    // article (cold code) can take a second or more on a loaded machine. With a 4 s limit only the
    // long one is skipped.
    const sentence = "Officials said the talks, which Kim called “historic”, went on. ";
    await Deno.writeTextFile(`${data}/articles/zz_huge.txt`, sentence.repeat(128_000));
    // No workers asked for: a long article is analysed on a worker all the same, under the guard.
    const guarded = await openCorpus({
      dataDir: data,
      store: `${dir}/s2`,
      articleTimeoutMs: 4000,
      ...quiet,
    });
    assert(
      guarded.warnings.some((w) => /article zz_huge .* took longer than 4.0 s to analyse/.test(w)),
      guarded.warnings.join("; "),
    );
    assertEquals(guarded.articles.height, 5);
    assertSameTables(guarded, threaded);
    // A rerun does not try the skipped article again (minutes each time): it names it and says
    // so in the store line.
    const rerun = await openCorpus({
      dataDir: data,
      store: `${dir}/s2`,
      articleTimeoutMs: 4000,
      ...quiet,
    });
    assertEquals([rerun.store.analysed, rerun.store.cached], [0, 5]);
    assertEquals(Object.keys(rerun.store.skipped), ["zz_huge"]);
    assertMatch(rerun.store.line, /\(5 cached, 0 removed, 1 skipped by the time guard\)/);
    assert(
      rerun.warnings.some((w) =>
        /zz_huge .* took longer .*in an earlier run: not tried again/.test(w)
      ),
      rerun.warnings.join("; "),
    );
    assertSameTables(rerun, threaded);
    // Removed from the corpus, it is forgotten.
    await Deno.remove(`${data}/articles/zz_huge.txt`);
    const without = await openCorpus({ dataDir: data, store: `${dir}/s2`, ...quiet });
    assertEquals([without.store.analysed, Object.keys(without.store.skipped)], [0, []]);
    assertEquals(without.store.line.includes("skipped"), false);
  });
});

Deno.test("openCorpus: a corpus CSV is stored like a folder; a second open reads the cache", async () => {
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    await Deno.writeTextFile(
      csv,
      "id,outlet,published,title,text\n" +
        'a1,Daily A,2024-06-19,Putin visits,"Putin said ""we will help"".\n\nThe dictator smiled."\n' +
        'a2,Daily B,2024-06-20,,"KCNA reported that Kim praised the treaty."\n',
    );
    const first = await openCorpus({ corpus: csv, store: `${dir}/store`, ...quiet });
    assertEquals([first.store.analysed, first.articles.height], [2, 2]);
    assertEquals(first.articles.getColumn("outlet").toArray(), ["Daily A", "Daily B"]);
    assert(first.attributions.height >= 2, "attributions found");
    const second = await openCorpus({ corpus: csv, store: `${dir}/store`, ...quiet });
    assertEquals(second.store.cached, 2);
    assertSameTables(second, first);
    await Deno.writeTextFile(csv, "id,outlet,published,text\nb,X,June 2024,text\n");
    await assertRejects(
      () => openCorpus({ corpus: csv, store: `${dir}/store`, ...quiet }),
      /corpus\.csv line 2, column 'published': 'June 2024' is not a date/,
    );
  });
});

Deno.test("openCorpus: an unchanged corpus CSV is listed from the store; an appended or edited row is analysed alone", async () => {
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    const head = "id,outlet,published,title,text\n";
    const rows = [
      'a1,Daily A,2024-06-19,Putin visits,"Putin said ""we will help"".\n\nThe dictator smiled."\n',
      'a2,Daily B,2024-06-20,,"KCNA reported that Kim praised the treaty."\n',
    ];
    await Deno.writeTextFile(csv, head + rows.join(""));
    const store = `${dir}/store`;
    const first = await openCorpus({ corpus: csv, store, ...quiet });
    const second = await openCorpus({ corpus: csv, store, ...quiet });
    assertEquals([second.store.analysed, second.store.cached], [0, 2]);
    assertEquals(second.hashes.corpus, first.hashes.corpus);
    assertEquals(second.articles.getColumn("title").toArray(), ["Putin visits", null]);
    assertSameTables(second, first);
    assertEquals(second.warnings, first.warnings);

    await Deno.writeTextFile(
      csv,
      'a3,Daily C,,Seoul reacts,"Seoul said the pact was ""a threat"", officials said."\n',
      { append: true },
    );
    const added = await openCorpus({ corpus: csv, store, ...quiet });
    assertEquals([added.store.analysed, added.store.cached], [1, 2]);
    assertEquals(added.articles.getColumn("id").toArray(), ["a1", "a2", "a3"]);
    assertSameTables(added, await openCorpus({ corpus: csv, store: `${dir}/fresh`, ...quiet }));

    // An edit that keeps the file's size is found (the modification time changed).
    const text = await Deno.readTextFile(csv);
    await new Promise((r) => setTimeout(r, 20));
    await Deno.writeTextFile(csv, text.replace("praised", "derided"));
    const edited = await openCorpus({ corpus: csv, store, ...quiet });
    assertEquals([edited.store.analysed, edited.store.cached], [1, 2]);
    assert(edited.hashes.corpus !== added.hashes.corpus, "the CSV's sha256 changed");
    assertSameTables(edited, await openCorpus({ corpus: csv, store: `${dir}/fresh2`, ...quiet }));

    // An appended row is checked against the rows before it.
    await Deno.writeTextFile(csv, "a1,Daily D,,,Again.\n", { append: true });
    await assertRejects(
      () => openCorpus({ corpus: csv, store, ...quiet }),
      /corpus\.csv lines 2 and 7: duplicate id 'a1'/,
    );
  });
});

Deno.test("openCorpus: a corpus CSV replaced by a file of the same size and modification time is read again", async () => {
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    const head = "id,outlet,published,title,text\n";
    const row = (verb: string) => `a1,Daily A,2024-06-19,,"KCNA reported that Kim ${verb} it."\n`;
    await Deno.writeTextFile(csv, head + row("praised"));
    const store = `${dir}/store`;
    const first = await openCorpus({ corpus: csv, store, ...quiet });
    const was = await Deno.stat(csv);
    // Another file, written elsewhere with the same size and given the same time, renamed over it
    // (as `cp -p` or a sync tool would): only its inode tells it apart.
    const other = `${dir}/other.csv`;
    await Deno.writeTextFile(other, head + row("derided"));
    await Deno.utime(other, was.atime!, was.mtime!);
    await Deno.rename(other, csv);
    const now = await Deno.stat(csv);
    assertEquals([now.size, now.mtime?.getTime()], [was.size, was.mtime?.getTime()]);
    const second = await openCorpus({ corpus: csv, store, ...quiet });
    assertEquals([second.store.analysed, second.store.cached], [1, 0]);
    assert(second.hashes.corpus !== first.hashes.corpus, "the CSV's sha256 changed");
    assert(
      String(second.articles.getColumn("body").toArray()[0]).includes("derided"),
      "the new text",
    );
    const third = await openCorpus({ corpus: csv, store, ...quiet });
    assertEquals([third.store.analysed, third.store.cached], [0, 1]);
  });
});

Deno.test("openCorpus: a cold build with workers analyses a corpus CSV as it reads it; a bad row stops it, and the rerun keeps the rows before", async () => {
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    const row = (i: number, date = "2024-06-19") =>
      `a${i},Daily ${
        i % 3
      },${date},Title ${i},"Putin said ""we will help ${i}"". Kim praised the treaty, KCNA reported."\n`;
    const rows = Array.from({ length: 7 }, (_, i) => row(i));
    await Deno.writeTextFile(csv, "id,outlet,published,title,text\n" + rows.join(""));
    const lines: string[] = [];
    const streamed = await openCorpus({
      corpus: csv,
      store: `${dir}/s1`,
      workers: 1,
      batchSize: 2,
      log: (l) => lines.push(l),
    });
    assertEquals([streamed.store.analysed, streamed.articles.height], [7, 7]);
    // The batches were counted as the file was read: the first lines do not know the total.
    assertMatch(lines[0], /^store: batch 1\/3\+: 2 of 6\+ articles analysed/);
    assertMatch(lines.at(-2)!, /^store: batch 4\/4: 7 of 7 articles analysed/);
    assertSameTables(streamed, await openCorpus({ corpus: csv, store: `${dir}/s2`, ...quiet }));
    const again = await openCorpus({ corpus: csv, store: `${dir}/s1`, ...quiet });
    assertEquals([again.store.analysed, again.store.cached], [0, 7]);

    // A bad date in the last row (line 8): the error names the line; the batches written before
    // it was read are kept.
    rows[6] = row(6, "June 2024");
    await Deno.writeTextFile(csv, "id,outlet,published,title,text\n" + rows.join(""));
    const opts = { corpus: csv, store: `${dir}/s3`, workers: 1, batchSize: 2, ...quiet };
    await assertRejects(() => openCorpus(opts), /corpus\.csv line 8, column 'published'/);
    rows[6] = row(6);
    await Deno.writeTextFile(csv, "id,outlet,published,title,text\n" + rows.join(""));
    const rerun = await openCorpus(opts);
    assert(rerun.store.cached >= 2 && rerun.store.analysed <= 5, rerun.store.line);
    assertSameTables(rerun, streamed);
  });
});

Deno.test("openCorpus: with worker threads asked for, a locked store fails naming the holder, and the process ends", async () => {
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    await Deno.writeTextFile(csv, "id,outlet,published,text\na1,Daily A,,Putin said “yes”.\n");
    const store = `${dir}/store`;
    await Deno.mkdir(store, { recursive: true });
    const holder = new Deno.Command("sleep", { args: ["60"] }).spawn();
    try {
      await Deno.writeTextFile(`${store}/lock`, JSON.stringify({ pid: holder.pid }));
      // The process ends by itself only if the worker threads started for the run are stopped.
      const script = `${dir}/open.ts`;
      await Deno.writeTextFile(
        script,
        `import { openCorpus } from ${
          JSON.stringify(new URL("./store.ts", import.meta.url).href)
        };\n` +
          `try {\n  await openCorpus({ corpus: ${JSON.stringify(csv)}, store: ${
            JSON.stringify(store)
          }, workers: 2, lockTimeoutMs: 300, log: () => {} });\n` +
          `} catch (e) { console.log((e as Error).message); }\n`,
      );
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "--no-check",
          `--config=${new URL("../../deno.json", import.meta.url).pathname}`,
          script,
        ],
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const guard = setTimeout(() => child.kill("SIGKILL"), 50_000);
      const out = await child.output();
      clearTimeout(guard);
      assertEquals(out.signal, null, "the process ended by itself");
      assertMatch(
        new TextDecoder().decode(out.stdout),
        new RegExp(`in use by process ${holder.pid}`),
      );
    } finally {
      holder.kill();
      await holder.status;
    }
    // Once the lock is gone the same call completes.
    await Deno.remove(`${store}/lock`);
    const c = await openCorpus({ corpus: csv, store, workers: 2, ...quiet });
    assertEquals([c.store.analysed, c.articles.height], [1, 1]);
  });
});

Deno.test("openCorpus: an unchanged corpus CSV over a settled store gives the same tables, warnings and counts; a data file edit or an edited CSV is still found", async () => {
  await withTempDir(async (dir) => {
    const data = await copyFixture(dir);
    const csv = `${dir}/corpus.csv`;
    // a2's first line looks like a title and differs from its manifest title: a warning.
    await Deno.writeTextFile(
      csv,
      "id,outlet,published,title,text\n" +
        'a1,Daily A,2024-06-19,Putin visits,"Putin said ""we will help"".\n\nThe dictator smiled."\n' +
        'a2,Daily B,2024-06-20,Kim praised,"Seoul Reacts To The Pact\n\nKCNA reported that Kim praised the treaty."\n' +
        'a3,Daily C,2024-06-21,,"KCNA reported that Kim praised the treaty."\n',
    );
    const store = `${dir}/store`;
    const opts: OpenCorpusOptions = { corpus: csv, dataDir: data, store, ...quiet };
    const first = await openCorpus(opts);
    assert(first.warnings.length > 0, "the title warning");
    const record = JSON.parse(await Deno.readTextFile(`${store}/settled.json`));
    assertEquals([record.articles, record.warnings], [3, first.warnings]);
    const lines: string[] = [];
    const second = await openCorpus({ ...opts, log: (l) => lines.push(l) });
    assertEquals([second.store.analysed, second.store.cached, second.store.removed], [0, 3, 0]);
    assertMatch(lines[0], /^store: analysed 0 of 3 articles \(3 cached, 0 removed\) in /);
    assertEquals(second.warnings, first.warnings);
    assertEquals(second.hashes, first.hashes);
    assertEquals(second.store.copies, first.store.copies);
    assertEquals(second.store.copies, 1); // a3 is a copy of a2's body
    assertSameTables(second, first);
    assertEquals(
      records(second.listing),
      records(first.listing),
      "listing",
    );
    assertEquals(records(second.rowsOf("hits", ["a1"])), records(first.rowsOf("hits", ["a1"])));

    // A lexicon edit voids the record: hits and mentions are recomputed.
    const lexicon = `${data}/lexicons/framing.csv`;
    const text = await Deno.readTextFile(lexicon);
    const header = text.slice(0, text.indexOf("\n")).trim().split(",");
    const row: Record<string, string> = { pattern: "smiled", category: "neutral", target: "" };
    await Deno.writeTextFile(
      lexicon,
      text.trimEnd() + "\n" + header.map((c) => row[c] ?? "").join(",") + "\n",
    );
    const edited = await openCorpus(opts);
    assertEquals(edited.store.stages, { text: 0, attributions: 0, framing: 3 });
    assertEquals(
      edited.hits.filter(pl.col("term").str.contains("smiled")).height,
      1,
      "the new term's hit",
    );
    // A CSV rewritten with the same bytes (a new modification time): read again, nothing analysed.
    await new Promise((r) => setTimeout(r, 20));
    await Deno.writeTextFile(csv, await Deno.readTextFile(csv));
    const touched = await openCorpus(opts);
    assertEquals([touched.store.analysed, touched.store.cached], [0, 3]);
    assertSameTables(touched, edited);
    // An edited row is found.
    await new Promise((r) => setTimeout(r, 20));
    await Deno.writeTextFile(csv, (await Deno.readTextFile(csv)).replace("smiled", "frowned"));
    const rowEdited = await openCorpus(opts);
    assertEquals([rowEdited.store.analysed, rowEdited.store.cached], [1, 2]);
    assertSameTables(rowEdited, await openCorpus({ ...opts, store: `${dir}/fresh` }));
  });
});
