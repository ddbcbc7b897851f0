/**
 * Template lines on a corpus: loadCorpus and openCorpus remove an outlet's template lines alike,
 * and the store cleans an outlet's articles again (and only them) when its template set changes.
 */
import pl from "nodejs-polars";
import { readManifest } from "./manifest.ts";
import { assert, assertEquals, withTempDir } from "../testing.ts";
import { type Corpus, loadCorpus } from "../tables/corpus.ts";
import { TABLE_NAMES } from "../tables/schema.ts";
import { removedByRule } from "../measures/corpus.ts";
import { openCorpus, type OpenCorpusOptions } from "./store.ts";

const BUNDLED = new URL("../testdata/bundled/", import.meta.url).pathname;
const quiet = { log: () => {} };
const FOOTER = "The Valley Courier is published by Dales Media Ltd, Skipton";
const WIRE = "The Kremlin did not immediately respond to a request for comment.";

function assertSameTables(a: Corpus, b: Corpus): void {
  for (const t of TABLE_NAMES) {
    assertEquals(a[t].height, b[t].height, `${t} rows`);
    assert(JSON.stringify(a[t].toRecords()) === JSON.stringify(b[t].toRecords()), `${t} rows`);
  }
}

/** An article of its own story (a long first paragraph no other has), then `rest`. */
function article(n: number, ...rest: string[]): string {
  return [
    `Town council debates bypass plan, part ${n}`,
    "",
    `Councillors in the valley spent meeting number ${n} arguing over a bypass that would take ` +
    `lorries out of the town centre, with residents packing the public gallery, the clerk said.`,
    "",
    `The vote on item ${n} was postponed until next month.`,
    ...rest.flatMap((l) => ["", l]),
  ].join("\n") + "\n";
}

/** The bundled fixture plus `extra` articles ([id, outlet, text]) in `dir`/data. */
async function corpusWith(dir: string, extra: [string, string, string][]): Promise<string> {
  const data = `${dir}/data`;
  await Deno.remove(data, { recursive: true }).catch(() => {});
  await new Deno.Command("cp", { args: ["-r", BUNDLED, data] }).output();
  let manifest = await Deno.readTextFile(`${data}/articles.csv`);
  if (!manifest.endsWith("\n")) manifest += "\n";
  for (const [id, outlet, text] of extra) {
    await Deno.writeTextFile(`${data}/articles/${id}.txt`, text);
    manifest += `${id},${id}.txt,${outlet},2024-06-2${id.at(-1)},,,en,\n`;
  }
  await Deno.writeTextFile(`${data}/articles.csv`, manifest);
  return data;
}

const bodyOf = (c: Corpus, id: string) =>
  String(c.articles.filter(pl.col("id").eq(pl.lit(id))).getColumn("body").get(0));

Deno.test("templates: a footer in 4 articles of an outlet is removed by loadCorpus and openCorpus alike; a sentence two wire copies share is kept", async () => {
  await withTempDir(async (dir) => {
    const data = await corpusWith(dir, [
      ["v1", "Valley Courier", article(1, FOOTER)],
      ["v2", "Valley Courier", article(2, WIRE, FOOTER)],
      ["v3", "Valley Courier", article(3, WIRE, FOOTER)],
      ["v4", "Valley Courier", article(4, FOOTER)],
    ]);
    const memory = await loadCorpus({ dataDir: data });
    const opts: OpenCorpusOptions = { dataDir: data, store: `${dir}/store`, ...quiet };
    const stored = await openCorpus(opts);
    assertSameTables(stored, memory);
    assertSameTables(await openCorpus(opts), memory);
    for (const id of ["v1", "v2", "v3", "v4"]) {
      assert(!bodyOf(memory, id).includes(FOOTER), `${id}: footer removed`);
      assert(bodyOf(memory, id).includes("was postponed"), `${id}: body kept`);
    }
    assert(bodyOf(memory, "v2").includes(WIRE) && bodyOf(memory, "v3").includes(WIRE));
    const removed = memory.removed.filter(pl.col("rule").eq(pl.lit("template-repeated-line")));
    assertEquals(removed.getColumn("text").toArray(), [FOOTER, FOOTER, FOOTER, FOOTER]);
    // Notebook 01's table of what each rule removed, per outlet, shows the template rule.
    const byRule = removedByRule(memory.removed, memory.articles)
      .filter(pl.col("rule").eq(pl.lit("template-repeated-line")));
    assertEquals(byRule.select("outlet", "lines").toRecords(), [
      { outlet: "Valley Courier", lines: 4 },
    ]);
  });
});

Deno.test("templates: a 5th article that makes a line a template cleans that outlet again, only it", async () => {
  await withTempDir(async (dir) => {
    const four: [string, string, string][] = [
      ["v1", "Valley Courier", article(1, FOOTER)],
      ["v2", "Valley Courier", article(2, FOOTER)],
      ["v3", "Valley Courier", article(3, FOOTER)],
      ["v4", "Valley Courier", article(4, "Letters to the editor are welcome.")],
      ["h1", "Hill Gazette", article(11, "Follow the Hill Gazette")],
      ["h2", "Hill Gazette", article(12, "Follow the Hill Gazette")],
    ];
    let data = await corpusWith(dir, four);
    const opts: OpenCorpusOptions = { dataDir: data, store: `${dir}/store`, ...quiet };
    const first = await openCorpus(opts);
    assertEquals(first.store.analysed, 11);
    // 3 of 4 stories: not a template line yet.
    assert(bodyOf(first, "v1").includes(FOOTER));
    data = await corpusWith(dir, [...four, ["v5", "Valley Courier", article(5, FOOTER)]]);
    const second = await openCorpus(opts);
    // The Valley Courier's 5 articles are cleaned again (and their later stages); no other.
    assertEquals(second.store.stages, { text: 5, attributions: 5, framing: 5 });
    assertEquals([second.store.analysed, second.store.cached], [5, 7]);
    assert(!bodyOf(second, "v1").includes(FOOTER) && !bodyOf(second, "v5").includes(FOOTER));
    assert(bodyOf(second, "v4").includes("Letters to the editor"));
    assertSameTables(second, await loadCorpus({ dataDir: data }));
    // Nothing changed: nothing analysed.
    const third = await openCorpus(opts);
    assertEquals([third.store.analysed, third.store.cached], [0, 12]);
    // The store keeps each outlet's template key and each article's candidates, so that a run
    // with nothing changed reads no article text to find them again.
    const kept = await readManifest(`${dir}/store`, () => {});
    assertEquals(Object.keys(kept.templates ?? {}), ["Valley Courier"]);
    assertEquals(Object.values(kept.articles).filter((a) => a.tc !== undefined).length, 12);
    // An article of another outlet: only it is analysed.
    data = await corpusWith(dir, [
      ...four,
      ["v5", "Valley Courier", article(5, FOOTER)],
      ["h3", "Hill Gazette", article(13)],
    ]);
    const fourth = await openCorpus(opts);
    assertEquals([fourth.store.analysed, fourth.store.cached], [1, 12]);
    assertSameTables(fourth, await loadCorpus({ dataDir: data }));
  });
});

Deno.test("templates: a corpus CSV grown by rows that make a template line cleans that outlet again", async () => {
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    const row = (id: string, outlet: string, text: string) =>
      `${id},${outlet},2024-06-20,"${text.replaceAll('"', '""')}"\n`;
    let body = "id,outlet,published,text\n";
    for (let n = 1; n <= 3; n++) body += row(`v${n}`, "Valley Courier", article(n, FOOTER));
    body += row("o1", "Other Post", article(9));
    await Deno.writeTextFile(csv, body);
    const opts: OpenCorpusOptions = { corpus: csv, store: `${dir}/store`, workers: 0, ...quiet };
    assertEquals((await openCorpus(opts)).store.analysed, 4);
    await Deno.writeTextFile(csv, row("v4", "Valley Courier", article(4, FOOTER)), {
      append: true,
    });
    const grown = await openCorpus(opts);
    assertEquals(grown.store.stages.text, 4);
    assertEquals([grown.store.analysed, grown.store.cached], [4, 1]);
    assert(!bodyOf(grown, "v1").includes(FOOTER));
    const again = await openCorpus(opts);
    assertEquals(again.store.analysed, 0);
    assertSameTables(again, grown);
  });
});

Deno.test("templates: a cold build that analyses a corpus CSV as it reads it cleans an outlet with template lines again at the end", async () => {
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    const row = (id: string, outlet: string, text: string) =>
      `${id},${outlet},2024-06-20,"${text.replaceAll('"', '""')}"\n`;
    let body = "id,outlet,published,text\n";
    for (let n = 1; n <= 4; n++) body += row(`v${n}`, "Valley Courier", article(n, FOOTER));
    body += row("o1", "Other Post", article(9));
    await Deno.writeTextFile(csv, body);
    // Worker threads and batches of 2: the rows are analysed as they are read.
    const lines: string[] = [];
    const streamed = await openCorpus({
      corpus: csv,
      store: `${dir}/s1`,
      workers: 1,
      batchSize: 2,
      log: (l) => lines.push(l),
    });
    // Read and analysed as one pass, then that outlet's 4 articles cleaned again: the store line
    // counts each article once.
    assert(
      lines.some((l) => /^store: batch 2\/2: 4 of 4 articles analysed/.test(l)),
      lines.join("\n"),
    );
    assertEquals(
      lines.at(-1)!.replace(/ in .*/, ""),
      "store: analysed 5 of 5 articles (0 cached, 0 removed)",
    );
    assertEquals([streamed.store.analysed, streamed.store.cached], [5, 0]);
    for (let n = 1; n <= 4; n++) assert(!bodyOf(streamed, `v${n}`).includes(FOOTER), `v${n}`);
    const plain = await openCorpus({ corpus: csv, store: `${dir}/s2`, workers: 0, ...quiet });
    assertSameTables(streamed, plain);
    const again = await openCorpus({ corpus: csv, store: `${dir}/s1`, workers: 1, ...quiet });
    assertEquals([again.store.analysed, again.store.cached], [0, 5]);
  });
});
