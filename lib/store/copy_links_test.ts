import pl from "nodejs-polars";
import { encodeSignature } from "../analyse.ts";
import { signature } from "../ingest/minhash.ts";
import { copyLinksAll, type Signatures } from "../tables/copies.ts";
import { loadCorpus, scanTable } from "../tables/corpus.ts";
import { SAME_EVENT, WIRE, WIRE_EDITED } from "../testdata/ingest/texts.ts";
import { assertEquals, withTempDir } from "../testing.ts";
import { openCorpus } from "./store.ts";
import {
  appendSignatures,
  type CopyArticle,
  type CopyFile,
  type CopyState,
  updateCopyLinks,
} from "./copy_links.ts";

/** A made-up story of 120 words from a seeded word stream (no real text). */
function story(seed: number): string[] {
  const words: string[] = [];
  let x = seed * 7919 + 17;
  for (let i = 0; i < 120; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    words.push(`w${x % 5000}`);
  }
  return words;
}

/** Story `s` with `edits` words replaced (a rerun with a rewritten passage). */
function variant(s: number, edits: number, tag: string): string {
  const w = story(s);
  for (let i = 0; i < edits; i++) w[(i * 13) % w.length] = `${tag}${i}`;
  return w.join(" ");
}

interface Doc {
  id: string;
  published: string | null;
  text: string;
}

/** The links a cold build finds over `docs` (id → [copy_of, similarity]). */
function coldLinks(docs: readonly Doc[]): Map<string, [string, number]> {
  const k = 128;
  const sigs = new Uint32Array(docs.length * k);
  const has = new Uint8Array(docs.length);
  docs.forEach((d, i) => {
    sigs.set(signature(d.text), i * k);
    has[i] = d.text ? 1 : 0;
  });
  const s: Signatures = { k, sigs, offsets: Int32Array.from(docs, (_, i) => i * k), has };
  const { best, sim } = copyLinksAll(s, docs.map((d) => d.published));
  const out = new Map<string, [string, number]>();
  docs.forEach((d, i) => {
    if (best[i] >= 0) out.set(d.id, [docs[best[i]].id, sim[i]]);
  });
  return out;
}

function linksOf(docs: readonly Doc[], states: readonly CopyState[]) {
  const out = new Map<string, [string, number]>();
  docs.forEach((d, i) => {
    if (states[i].of !== null) out.set(d.id, [states[i].of!, states[i].sim]);
  });
  return out;
}

Deno.test("copy links kept in the store: after adding, removing, editing and re-dating articles, only the affected are linked again, and the links equal a cold build's", async () => {
  await withTempDir(async (dir) => {
    // 12 stories, each run by three outlets with small edits, over three days.
    let docs: Doc[] = [];
    for (let s = 0; s < 12; s++) {
      for (let v = 0; v < 3; v++) {
        docs.push({
          id: `s${s}v${v}`,
          published: `2024-06-${String(10 + ((s + v) % 3)).padStart(2, "0")}`,
          text: variant(s, v * 3, `e${v}x`),
        });
      }
    }
    const byId = new Map(docs.map((d) => [d.id, d]));
    // First: a store kept before links (no states): every link found from the stored minhash.
    const first = await updateCopyLinks({
      dir,
      file: undefined,
      linked: false,
      articles: docs.map((d) => ({ id: d.id, published: d.published, cp: undefined })),
      changed: new Set(),
      before: new Map(),
      minhashOf: (ids) =>
        new Map(ids.map((id) => [id, encodeSignature(signature(byId.get(id)!.text))])),
    });
    const cold0 = coldLinks(docs);
    assertEquals(cold0.size >= 20, true); // the reruns are linked
    assertEquals(linksOf(docs, first.states), cold0);
    assertEquals(first.relinked, docs.length);

    // Then: 4 new articles (two published before every copy of their story), one removed
    // original, one text edited into another story's copy, one date moved.
    let states = new Map(docs.map((d, i) => [d.id, first.states[i]]));
    const before = new Map(states);
    const file: CopyFile = { ...first.file };
    const added: Doc[] = [
      { id: "n1", published: "2024-06-01", text: variant(3, 2, "n1x") },
      { id: "n2", published: "2024-06-30", text: variant(5, 4, "n2x") },
      { id: "n3", published: null, text: variant(7, 1, "n3x") },
      { id: "n4", published: "2024-06-02", text: variant(99, 0, "n4x") },
    ];
    docs = docs.filter((d) => d.id !== "s0v0");
    const edited = docs.find((d) => d.id === "s1v2")!;
    edited.text = variant(9, 3, "ed");
    docs.find((d) => d.id === "s2v1")!.published = "2024-06-05";
    docs.push(...added);
    const fresh = [edited, ...added];
    const slots = await appendSignatures(dir, file, fresh.map((d) => signature(d.text)));
    fresh.forEach((d, i) => {
      states.set(d.id, { slot: slots[i], ix: -1, pub: d.published, of: null, sim: 0 });
    });
    const articles: CopyArticle[] = docs.map((d) => ({
      id: d.id,
      published: d.published,
      cp: states.get(d.id),
    }));
    const second = await updateCopyLinks({
      dir,
      file: { ...file, linked: false }, // (as the store marks it while a run appends)
      linked: true,
      articles,
      changed: new Set(fresh.map((d) => d.id)),
      before,
      minhashOf: () => {
        throw new Error("the kept signatures are enough");
      },
    });
    const cold1 = coldLinks(docs);
    assertEquals(linksOf(docs, second.states), cold1);
    assertEquals(cold1.get("s3v0")?.[0], "n1"); // an existing article now copies a new, earlier one
    assertEquals(second.file.file, first.file.file); // appended to, not written afresh
    // Stories 4, 6, 8, 10 and 11 (15 articles) were not touched: their links were kept as they were.
    assertEquals(second.relinked <= docs.length - 15, true);
    states = new Map(docs.map((d, i) => [d.id, second.states[i]]));

    // A reordered listing: every link is found afresh, still equal to a cold build's.
    const reordered = [...docs].reverse();
    const third = await updateCopyLinks({
      dir,
      file: second.file,
      linked: true,
      articles: reordered.map((d) => ({ id: d.id, published: d.published, cp: states.get(d.id) })),
      changed: new Set(),
      before: new Map(states),
      minhashOf: () => new Map(),
    });
    assertEquals(linksOf(reordered, third.states), coldLinks(reordered));
    assertEquals(third.relinked, reordered.length);
  });
});

Deno.test("openCorpus: a near copy added to a stored corpus is linked as a cold build links it, and a removed original's link goes", async () => {
  await withTempDir(async (dir) => {
    const data = `${dir}/data`;
    await new Deno.Command("cp", {
      args: ["-r", new URL("../testdata/bundled/", import.meta.url).pathname, data],
    }).output();
    await Deno.remove(`${data}/articles`, { recursive: true });
    await Deno.mkdir(`${data}/articles`);
    const header = "id,file,outlet,published,url,title,language,notes\n";
    const rows = (r: string[]) => Deno.writeTextFile(`${data}/articles.csv`, header + r.join(""));
    await Deno.writeTextFile(`${data}/articles/wire.txt`, "Pact signed\n\n" + WIRE);
    await Deno.writeTextFile(`${data}/articles/other.txt`, "What it means\n\n" + SAME_EVENT);
    const wire = "w,wire.txt,Agency A,2024-06-19,,,,\n";
    const other = "o,other.txt,Daily C,2024-06-19,,,,\n";
    // The rerun is added later but was published first: the wire story becomes its copy.
    const rerun = "r,rerun.txt,Daily B,2024-06-18,,,,\n";
    const opts = { dataDir: data, store: `${dir}/store`, log: () => {} };
    const links = (df: pl.DataFrame) =>
      JSON.stringify(df.select("id", "copy_of", "similarity").toRecords());
    await rows([wire, other]);
    const first = await openCorpus(opts);
    assertEquals(first.articles.getColumn("copy_of").toArray(), [null, null]);
    assertEquals(first.store.copies, 0);
    await Deno.writeTextFile(`${data}/articles/rerun.txt`, "Defence deal\n\n" + WIRE_EDITED);
    await rows([wire, other, rerun]);
    const second = await openCorpus(opts);
    assertEquals(second.store.analysed, 1);
    const cold = await loadCorpus({ dataDir: data });
    assertEquals(links(second.articles), links(cold.articles));
    assertEquals(second.articles.getColumn("copy_of").toArray(), ["r", null, null]);
    assertEquals(second.store.copies, 1);
    // scanTable takes the store's links (copyLinks) as they are.
    const scanned = scanTable(second, "articles", ["id", "copy_of", "similarity"]);
    assertEquals(links(scanned), links(cold.articles));
    // A truncated signature file: the links are found again from the stored articles table.
    const bin = [...Deno.readDirSync(`${dir}/store`)].find((e) => e.name.startsWith("copies-"))!;
    await Deno.truncate(`${dir}/store/${bin.name}`, 10);
    const repaired = await openCorpus(opts);
    assertEquals(repaired.store.analysed, 0);
    assertEquals(
      repaired.warnings.some((w) => /is truncated: finding the copy links again/.test(w)),
      true,
    );
    assertEquals(links(repaired.articles), links(cold.articles));
    await Deno.remove(`${data}/articles/rerun.txt`);
    await rows([wire, other]);
    const third = await openCorpus(opts);
    assertEquals(third.store.removed, 1);
    assertEquals(third.articles.getColumn("copy_of").toArray(), [null, null]);
    assertEquals(third.store.copies, 0);
    assertEquals(links(third.articles), links((await loadCorpus({ dataDir: data })).articles));
    // A link set by hand in the manifest counts as the table has it.
    await Deno.writeTextFile(
      `${data}/articles.csv`,
      "id,file,outlet,published,url,title,language,notes,copy_of,similarity\n" +
        "w,wire.txt,Agency A,2024-06-19,,,,,,\no,other.txt,Daily C,2024-06-19,,,,,w,\n",
    );
    const fourth = await openCorpus(opts);
    assertEquals(fourth.articles.getColumn("copy_of").toArray(), [null, "w"]);
    assertEquals(fourth.store.copies, 1);
  });
});
