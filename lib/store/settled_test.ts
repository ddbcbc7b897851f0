import { assert, assertEquals, withTempDir } from "../testing.ts";
import { openCorpus } from "./store.ts";
import { readSettled, sameManifestStamp, settledHolds } from "./settled.ts";

const quiet = { log: () => {} };

const CSV = "id,outlet,published,title,text\n" +
  'a1,Daily A,2024-06-19,Putin visits,"Putin said ""we will help"".\n\nThe dictator smiled."\n' +
  'a2,Daily B,2024-06-20,,"KCNA reported that Kim praised the treaty."\n';

Deno.test("settledHolds: the record a run leaves holds until the CSV, the data files or the manifest change", async () => {
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    await Deno.writeTextFile(csv, CSV);
    const store = `${dir}/store`;
    await openCorpus({ corpus: csv, store, ...quiet });
    const s = readSettled(store);
    assert(s !== null, "a record");
    assertEquals(s.articles, 2);
    const real = Deno.realPathSync(csv);
    assertEquals(s.corpus, real);
    const q = { corpus: real, keys: s.keys };
    assert(settledHolds(store, s, q), "holds right after the run");
    assert(!settledHolds(store, s, { ...q, keys: s.keys + "x" }), "other data files");
    assert(!settledHolds(store, s, { ...q, corpus: `${dir}/other.csv` }), "another corpus");
    // Another run's journal line.
    const journal = `${store}/${s.manifest.journal}`;
    await Deno.writeTextFile(journal, "{}\n", { append: true });
    assert(!settledHolds(store, s, q), "a journal line written since");
    await Deno.remove(journal);
    assert(settledHolds(store, s, q), "the journal as it was (none)");
    // The CSV touched (same bytes, a new modification time).
    const st = await Deno.stat(csv);
    await Deno.utime(csv, st.atime!, new Date(st.mtime!.getTime() + 5000));
    assert(!settledHolds(store, s, q), "a new modification time");
    // The next run reads the CSV again and leaves a record that holds.
    const again = await openCorpus({ corpus: csv, store, ...quiet });
    assertEquals([again.store.analysed, again.store.cached], [0, 2]);
    const s2 = readSettled(store)!;
    assert(settledHolds(store, s2, q), "the new record holds");
  });
});

Deno.test("readSettled: none, an unreadable file or another version's record is no record", async () => {
  await withTempDir(async (dir) => {
    assertEquals(readSettled(dir), null);
    await Deno.writeTextFile(`${dir}/settled.json`, "{not json");
    assertEquals(readSettled(dir), null);
    await Deno.writeTextFile(
      `${dir}/settled.json`,
      JSON.stringify({ format: 1, version: "old", corpus: "x", manifest: { journal: "j" } }),
    );
    assertEquals(readSettled(dir), null);
  });
});

Deno.test("sameManifestStamp: every field counts", () => {
  const a = { size: 1, mtime: 2, journal: "j", journalSize: 4, journalMtime: 5 };
  assert(sameManifestStamp(a, { ...a }));
  for (const k of Object.keys(a) as (keyof typeof a)[]) {
    const b = { ...a, [k]: k === "journal" ? "k" : 99 };
    assert(!sameManifestStamp(a, b), k);
  }
  assert(!sameManifestStamp(null, a));
});
