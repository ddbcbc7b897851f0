import pl from "nodejs-polars";
import { assertEquals, assertThrows, withTempDir } from "../testing.ts";
import { SAME_EVENT, WIRE, WIRE_EDITED } from "../testdata/ingest/texts.ts";
import { loadCorpus } from "./corpus.ts";
import {
  copiesByOutlet,
  copyLinksAll,
  copyLinksOf,
  type CopyRule,
  countedTables,
  improvedLinks,
  resolvedCopyLink,
  type Signatures,
} from "./copies.ts";
import { signature } from "../ingest/minhash.ts";

const HEADER = "id,file,outlet,published,url,title,language,notes,copy_of,similarity\n";

async function corpus(dir: string, manifest: string, files: Record<string, string>) {
  await Deno.mkdir(`${dir}/articles`, { recursive: true });
  await Deno.writeTextFile(`${dir}/articles.csv`, HEADER + manifest);
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(`${dir}/articles/${name}`, text);
  }
  const c = await loadCorpus({ dataDir: dir });
  return c.articles.select("id", "copy_of", "similarity").toRecords() as Array<
    { id: string; copy_of: string | null; similarity: number | null }
  >;
}

Deno.test("copy links: a wire story rerun with a new headline and first sentence links to the earliest; another story on the event does not", async () => {
  await withTempDir(async (dir) => {
    const files = {
      "wire.txt": "North Korea and Russia sign pact\n\n" + WIRE,
      "rerun.txt": "Pyongyang and Moscow seal a defence deal\n\n" + WIRE_EDITED,
      "other.txt": "What the treaty means for Seoul\n\n" + SAME_EVENT,
    };
    // The rerun is listed first but published later: the link points to the earlier wire story.
    const rows = await corpus(
      dir,
      "b,rerun.txt,Daily B,2024-06-20,,,,,,\n" +
        "a,wire.txt,Agency A,2024-06-19,,,,,,\n" +
        "c,other.txt,Daily C,2024-06-19,,,,,,\n",
      files,
    );
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    assertEquals(by.b.copy_of, "a");
    assertEquals(by.b.similarity! >= 0.5 && by.b.similarity! <= 1, true);
    assertEquals([by.a.copy_of, by.c.copy_of], [null, null]);
  });
});

Deno.test("copy links: a link set in the manifest wins, and none clears a found one", async () => {
  await withTempDir(async (dir) => {
    const files = {
      "wire.txt": "North Korea and Russia sign pact\n\n" + WIRE,
      "rerun.txt": "Pyongyang and Moscow seal a defence deal\n\n" + WIRE_EDITED,
      "other.txt": "What the treaty means for Seoul\n\n" + SAME_EVENT,
    };
    const rows = await corpus(
      dir,
      "a,wire.txt,Agency A,2024-06-19,,,,,,\n" +
        "b,rerun.txt,Daily B,2024-06-20,,,,,none,\n" +
        "c,other.txt,Daily C,2024-06-21,,,,,a,0.3\n",
      files,
    );
    assertEquals(rows.map((r) => [r.id, r.copy_of, r.similarity]), [
      ["a", null, null],
      ["b", null, null],
      ["c", "a", 0.3],
    ]);
  });
});

Deno.test("countedTables keeps every outlet's copies or only the earliest; copiesByOutlet counts them", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/articles`, { recursive: true });
    await Deno.writeTextFile(
      `${dir}/articles.csv`,
      HEADER + "a,wire.txt,Agency A,2024-06-19,,,,,,\nb,rerun.txt,Daily B,2024-06-20,,,,,,\n",
    );
    await Deno.writeTextFile(`${dir}/articles/wire.txt`, "Pact signed\n\n" + WIRE);
    await Deno.writeTextFile(`${dir}/articles/rerun.txt`, "Defence deal\n\n" + WIRE_EDITED);
    const c = await loadCorpus({ dataDir: dir });
    const every = countedTables(c, "every outlet");
    const earliest = countedTables(c, "earliest only");
    assertEquals(every.articles.height, 2);
    assertEquals(earliest.articles.getColumn("id").toArray(), ["a"]);
    const aOnly = (df: pl.DataFrame) => df.filter(pl.col("article_id").eq(pl.lit("a"))).height;
    assertEquals(earliest.attributions.height, aOnly(c.attributions));
    assertEquals(earliest.hits.height, aOnly(c.hits));
    assertEquals(copiesByOutlet(c.articles).toRecords(), [
      { outlet: "Agency A", articles: 1, copies: 0, copied_from: null },
      { outlet: "Daily B", articles: 1, copies: 1, copied_from: "Agency A" },
    ]);
  });
});

Deno.test("resolvedCopyLink: a hand-set link wins, `none` clears, a found one is rounded", () => {
  assertEquals(resolvedCopyLink("a1", 0.91234, null, null), { copy_of: "a1", similarity: 0.912 });
  assertEquals(resolvedCopyLink("a1", 0.9, " none ", 0.5), { copy_of: null, similarity: null });
  assertEquals(resolvedCopyLink(null, null, "b2", 0.75), { copy_of: "b2", similarity: 0.75 });
  assertEquals(resolvedCopyLink("a1", 0.9, "b2", null), { copy_of: "b2", similarity: null });
  assertEquals(resolvedCopyLink(null, 0, "", null), { copy_of: null, similarity: null });
});

Deno.test("improvedLinks: kept links brought up to date by a new earlier copy equal the links found afresh", () => {
  // 0: the wire story (day 3); 1: an edited copy (day 2); 2: another story; 3: the edited copy
  // again, added later but published first (day 1): it becomes the best copy of 0 and 1.
  const texts = [WIRE, WIRE_EDITED, SAME_EVENT, WIRE_EDITED + " One more line."];
  const published = ["2024-06-03", "2024-06-02", "2024-06-02", "2024-06-01"];
  const k = 128;
  const sigs = new Uint32Array(texts.length * k);
  texts.forEach((t, i) => sigs.set(signature(t), i * k));
  const s: Signatures = {
    k,
    sigs,
    offsets: Int32Array.from(texts, (_, i) => i * k),
    has: new Uint8Array(texts.length).fill(1),
  };
  // Before article 3 arrived: links over articles 0–2 only.
  const without: Signatures = { ...s, has: Uint8Array.from([1, 1, 1, 0]) };
  const before = copyLinksAll(without, published);
  assertEquals(before.best[0], 1); // the wire story copies the earlier edited copy
  const current = new Map([0, 1, 2].map((i) => [i, { best: before.best[i], sim: before.sim[i] }]));
  const kept = improvedLinks(s, published, [0, 1, 2], [3], current);
  const fresh = copyLinksOf(s, published, [0, 1, 2]);
  assertEquals([...kept], [...fresh]);
  assertEquals(kept.get(1)!.best, 3); // the edited copy now copies the new, earlier article
  assertEquals(kept.get(2)!.best, -1);
});

Deno.test("countedTables: only the tables given, restricted under the rule", () => {
  const articles = pl.DataFrame({
    id: ["a", "b", "c"],
    outlet: ["A", "B", "B"],
    copy_of: pl.Series("copy_of", [null, "a", null], pl.Utf8),
  });
  const attributions = pl.DataFrame({ article_id: ["a", "b", "b", "c"], n: [1, 2, 3, 4] });
  const every = countedTables({ articles, attributions }, "every outlet");
  assertEquals(Object.keys(every).sort(), ["articles", "attributions"]);
  assertEquals(every.attributions.getColumn("n").toArray(), [1, 2, 3, 4]);
  const earliest = countedTables({ articles, attributions }, "earliest only");
  assertEquals(Object.keys(earliest).sort(), ["articles", "attributions"]);
  assertEquals(earliest.articles.getColumn("id").toArray(), ["a", "c"]);
  assertEquals(earliest.attributions.getColumn("n").toArray(), [1, 4]);
  assertThrows(
    () => countedTables({ articles }, "latest" as CopyRule),
    /rule must be "every outlet" or "earliest only", got "latest"/,
  );
});
