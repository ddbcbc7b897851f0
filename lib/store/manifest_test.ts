import { assertEquals, withTempDir } from "../testing.ts";
import {
  emptyManifest,
  journalOf,
  readManifest,
  type StoredArticle,
  writeManifest,
} from "./manifest.ts";

function article(sha: string, segment: number): StoredArticle {
  return {
    sha256: sha,
    context: "ctx",
    encoding: "utf-8",
    warnings: [],
    stages: { text: { key: "k1", segment }, attributions: { key: "k2", segment } },
    tc: { lines: ["h1"], story: null },
    cp: { slot: segment, ix: 0, pub: "2024-06-19", of: null, sim: 0 },
  };
}

Deno.test("writeManifest: a change to a few articles of a large manifest is a journal line; store.json stays as it was; readManifest gives the same manifest", async () => {
  await withTempDir(async (dir) => {
    const m = emptyManifest();
    for (let i = 0; i < 1000; i++) m.articles[`a${i}`] = article(`s${i}`, 1);
    m.files["articles/a0.txt"] = { size: 10, mtime: 5, sha256: "s0" };
    m.segments["1"] = ["articles"];
    await writeManifest(dir, m);
    const base = await Deno.readTextFile(`${dir}/store.json`);
    const journal = journalOf(m)!;
    assertEquals(/^journal-.*\.jsonl$/.test(journal), true);
    // Two articles added, one replaced, one removed, a file stamp changed, a header field.
    m.articles["new1"] = article("n1", 2);
    m.articles["new2"] = { ...article("n2", 2), warnings: ["w"], encoding: "windows-1252" };
    m.articles["a5"] = { ...m.articles["a5"], cp: { ...m.articles["a5"].cp!, of: "a4", sim: 0.9 } };
    delete m.articles["a7"];
    m.files["articles/a0.txt"] = { size: 11, mtime: 6, sha256: "s0b" };
    m.segments["2"] = ["articles", "attributions"];
    m.nextSegment = 3;
    await writeManifest(dir, m);
    assertEquals(await Deno.readTextFile(`${dir}/store.json`), base);
    const lines = (await Deno.readTextFile(`${dir}/${journal}`)).trim().split("\n");
    assertEquals(lines.length, 1);
    assertEquals(Object.keys(JSON.parse(lines[0]).set).sort(), ["a5", "new1", "new2"]);
    const read = await readManifest(dir, () => {});
    assertEquals(read, m);
    assertEquals(journalOf(read), journal);
  });
});

Deno.test("writeManifest: when the journal would outgrow half of store.json, store.json is written afresh with a new journal", async () => {
  await withTempDir(async (dir) => {
    const m = emptyManifest();
    for (let i = 0; i < 100; i++) m.articles[`a${i}`] = article(`s${i}`, 1);
    await writeManifest(dir, m);
    const first = journalOf(m)!;
    // 1,000 new articles: a line longer than half of store.json and than 64 KB.
    for (let i = 0; i < 1000; i++) m.articles[`b${i}`] = article(`t${i}`, 2);
    await writeManifest(dir, m);
    const second = journalOf(m)!;
    assertEquals(second === first, false);
    assertEquals(await Deno.stat(`${dir}/${first}`).then(() => true, () => false), false);
    assertEquals(
      Object.keys(JSON.parse(await Deno.readTextFile(`${dir}/store.json`)).articles.id).length > 0,
      true,
    );
    assertEquals(await readManifest(dir, () => {}), m);
  });
});

Deno.test("readManifest: a partial last journal line (a run killed while appending) leaves the manifest as before it", async () => {
  await withTempDir(async (dir) => {
    const m = emptyManifest();
    for (let i = 0; i < 1000; i++) m.articles[`a${i}`] = article(`s${i}`, 1);
    await writeManifest(dir, m);
    m.articles["x"] = article("x", 2);
    await writeManifest(dir, m);
    const before = structuredClone(m);
    await Deno.writeTextFile(`${dir}/${journalOf(m)}`, '{"h":{"nextSegment":9', { append: true });
    const warnings: string[] = [];
    const read = await readManifest(dir, (w) => warnings.push(w));
    assertEquals(read, before);
    assertEquals(warnings, []);
    // The next line cuts the partial one off.
    read.articles["y"] = article("y", 3);
    await writeManifest(dir, read);
    assertEquals(Object.keys((await readManifest(dir, () => {})).articles).slice(-2), ["x", "y"]);
  });
});

Deno.test("readManifest: an unreadable journal line is named in a warning and the lines from it on are ignored", async () => {
  await withTempDir(async (dir) => {
    const m = emptyManifest();
    for (let i = 0; i < 1000; i++) m.articles[`a${i}`] = article(`s${i}`, 1);
    await writeManifest(dir, m);
    await Deno.writeTextFile(`${dir}/${journalOf(m)}`, "not json\n");
    const warnings: string[] = [];
    const read = await readManifest(dir, (w) => warnings.push(w));
    assertEquals(Object.keys(read.articles).length, 1000);
    assertEquals(warnings.length, 1);
    assertEquals(warnings[0].includes(`${journalOf(m)} has an unreadable line 1`), true);
  });
});
