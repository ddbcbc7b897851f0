import { assert, assertEquals, assertMatch, withTempDir } from "../../lib/testing.ts";
import { csvRecord } from "./generate.ts";
import {
  exportsReport,
  type ExportsResult,
  exportsStep,
  storeLineOf,
  timeVerbose,
} from "./exports_step.ts";

const TESTDATA = new URL("../../lib/testdata/bundled/", import.meta.url).pathname;

Deno.test("timeVerbose and storeLineOf read what /usr/bin/time -v and an export print", () => {
  const stderr = "\tUser time (seconds): 12.50\n\tSystem time (seconds): 1.25\n" +
    "\tMaximum resident set size (kbytes): 524288\n";
  assertEquals(timeVerbose(stderr), { peakRssKb: 524288, cpuSeconds: 13.75 });
  const none = timeVerbose("");
  assert(Number.isNaN(none.peakRssKb) && Number.isNaN(none.cpuSeconds));
  const line = "store: analysed 0 of 7 articles (7 cached, 0 removed) in 0.4 s";
  assertEquals(storeLineOf(`lexicon x\n${line}\n12 hits\n`), { line, analysed: 0 });
  assert(Number.isNaN(storeLineOf("no store here").analysed));
});

Deno.test("exportsReport: the sum of both exports as a ratio to ripgrep, met or missed", () => {
  const run = (seconds: number, analysed: number) => ({
    seconds,
    peakRssKb: 1024 * 300,
    cpuSeconds: seconds * 1.5,
    storeLine: `store: analysed ${analysed} of 1000 articles`,
    analysed,
    lines: 10,
  });
  const r: ExportsResult = {
    articles: 1000,
    mb: 2.6,
    folderSeconds: 1,
    rg: { seconds: 0.5, peakRssKb: 1000, cpuSeconds: 0.4 },
    hits: run(9, 1000),
    attributions: run(3, 0),
  };
  const text = exportsReport([r, { ...r, articles: 2000, hits: run(15, 2000) }]);
  // 9 + 3 = 12 s = 24× 0.5 s: met; 15 + 3 = 18 s = 36×: missed.
  assertMatch(
    text,
    /\| 1,000 +\| 2\.6 \| 0\.50 \| 9\.00 +\| 300 MB +\| 3\.00 .*\| 12\.00 \| 24\.0× +\| 18\.00 +\| 0\.40 +\| 45\.0× +\| 0 of 1000 /,
  );
  assertMatch(
    text,
    /\[met\] 1,000: hits \+ attributions within 25× ripgrep: 24\.0×; .* reuses the first's analysis: yes/,
  );
  assertMatch(text, /\[MISSED\] 2,000: hits \+ attributions within 25× ripgrep: 36\.0×/);
  const again = exportsReport([{ ...r, rg: null, attributions: run(3, 1000) }]);
  assertMatch(again, /\[n\/a\] 1,000: .*: n\/a; the second export reuses the first's analysis: NO/);
});

Deno.test("exportsStep: a corpus CSV as a folder, task hits then task attributions on one store", async () => {
  await withTempDir(async (tmp) => {
    const csv = `${tmp}/corpus.csv`;
    const text = (n: number) =>
      `The regime launched a brutal crackdown on protesters in city ${n}, officials said. ` +
      `"This is a dictatorship," said Anna Berg, a spokeswoman for the opposition.`;
    await Deno.writeTextFile(
      csv,
      csvRecord(["id", "outlet", "published", "title", "text"]) +
        [1, 2, 3].map((n) =>
          csvRecord([`a${n}`, "Daily Post", "2024-06-19", `Crackdown in city ${n}`, text(n)])
        ).join(""),
    );
    const terms = `${tmp}/terms.txt`;
    await Deno.writeTextFile(terms, "crackdown\nregime\n");
    const rg = await Deno.stat("/usr/bin/rg").then(() => "/usr/bin/rg", () => null);
    const lines: string[] = [];
    const r = await exportsStep({
      corpus: csv,
      workDir: `${tmp}/work`,
      rg,
      termsFile: terms,
      sourceData: TESTDATA,
      log: (l) => lines.push(l),
      keep: true,
    });
    assertEquals(r.articles, 3);
    // The folder holds the three .txt files only (title line, blank line, text).
    const names = [...Deno.readDirSync(`${tmp}/work/data/articles`)].map((e) => e.name).sort();
    assertEquals(names, ["a1.txt", "a2.txt", "a3.txt"]);
    // Beside it: the store both exports shared (`.cache/store/articles`), and nothing else.
    const beside = [...Deno.readDirSync(`${tmp}/work/data`)].map((e) => e.name).sort();
    assertEquals(beside, [".cache", "articles"]);
    assert(Deno.statSync(`${tmp}/work/data/.cache/store/articles/store.json`).isFile);
    assertEquals(r.hits.analysed, 3, r.hits.storeLine);
    assertEquals(r.attributions.analysed, 0, r.attributions.storeLine);
    assertMatch(r.attributions.storeLine, /^store: analysed 0 of 3 articles \(3 cached/);
    assert(r.hits.lines >= 3, `hits: ${r.hits.lines}`);
    assert(r.attributions.lines >= 3, `attributions: ${r.attributions.lines}`);
    const jsonl = Deno.readTextFileSync(`${tmp}/work/attributions.jsonl`).trim().split("\n");
    assertEquals(jsonl.length, r.attributions.lines);
    assertEquals(JSON.parse(jsonl[0]).file, "a1.txt");
    assert(r.hits.seconds > 0 && r.attributions.seconds > 0);
    if (rg) assert(r.rg !== null && r.rg.seconds > 0);
    assertMatch(lines.join("\n"), /task attributions .*store: analysed 0 of 3/);
  });
});
