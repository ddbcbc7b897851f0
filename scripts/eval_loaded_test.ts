import { parseLexicon } from "../lib/resources/lexicon.ts";
import { assertEquals, assertMatch, assertThrows } from "../lib/testing.ts";
import { loadResources } from "../lib/analyse.ts";
import {
  chainHits,
  type EvalReport,
  parseGoldLabels,
  parseStyles,
  scoreByStyle,
  scoreDistancing,
  scoreLoaded,
} from "./eval_loaded.ts";

const SCRIPT = new URL("./eval_loaded.ts", import.meta.url).pathname;
const LEXICON =
  "pattern,category,target\ndictator*,loaded_negative,person\nhero,loaded_positive,person\n" +
  "president,neutral,person\n";
// article 1: "😀 The dictator met a hero and the president." (code points)
//   dictator = [6, 14), hero = [21, 25), president = [34, 43)
// article 2: "Dictators everywhere. A brutal war." dictators = [0, 9)
const ARTICLE1 = "😀 The dictator met a hero and the president.";
const ARTICLE2 = "Dictators everywhere. A brutal war.";
const LABELS = [
  "1\tLoaded_Language\t4\t14", // overlaps "dictator"
  "1\tName_Calling,Labeling\t4\t14", // same span, second technique: counted once
  "1\tDoubt\t21\t25", // not a loaded technique: "hero" is a false positive
  "2\tLoaded_Language\t24\t30", // "brutal": not in this lexicon, missed
  "2\tName_Calling,Labeling\t0\t9", // "Dictators"
].join("\n") + "\n";

Deno.test("scoreLoaded: precision, recall, per-term precision by hand", async () => {
  const lex = await parseLexicon(LEXICON, "mini.csv");
  const gold = parseGoldLabels(LABELS, "mini.labels");
  assertEquals(gold.length, 3);
  const s = scoreLoaded(new Map([["1", ARTICLE1], ["2", ARTICLE2]]), gold, lex);
  // Hits scored: dictator, hero (article 1), Dictators (article 2); president is neutral.
  assertEquals([s.hits, s.truePositives, s.goldSpans, s.goldFound], [3, 2, 3, 2]);
  assertEquals(s.precision, 2 / 3);
  assertEquals(s.recall, 2 / 3);
  assertEquals(s.terms.map((t) => [t.term, t.hits, t.tp, t.precision]), [
    ["dictator*", 2, 2, 1],
    ["hero", 1, 0, 0],
  ]);
  const withNeutral = scoreLoaded(new Map([["1", ARTICLE1]]), gold, lex, ["neutral"]);
  assertEquals([withNeutral.hits, withNeutral.truePositives], [1, 0]);
});

Deno.test("parseGoldLabels: a malformed line names the file and line", () => {
  assertThrows(
    () => parseGoldLabels("1\tLoaded_Language\t4\n", "x.labels"),
    /x\.labels line 1: 3 tab-separated fields/,
  );
  assertThrows(
    () => parseGoldLabels("\n1\tLoaded_Language\t9\t4\n", "x.labels"),
    /x\.labels line 2: start\/end/,
  );
});

Deno.test("deno task eval:loaded: runs on a PTC-format folder and prints the scores", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/train-articles`);
    await Deno.writeTextFile(`${dir}/train-articles/article1.txt`, ARTICLE1);
    await Deno.writeTextFile(`${dir}/train-articles/article2.txt`, ARTICLE2);
    await Deno.writeTextFile(`${dir}/train-task2-TC.labels`, LABELS);
    await Deno.writeTextFile(`${dir}/lex.csv`, LEXICON);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", SCRIPT, dir, "--lexicon", `${dir}/lex.csv`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
    assertMatch(stdout, /precision: 66\.7% \(2\/3 hits overlap a gold span\)/);
    assertMatch(stdout, /recall: 66\.7% \(2\/3 gold spans overlapped by a hit\)/);
    assertMatch(stdout, /lexicon sha256: [0-9a-f]{64}/);
    assertMatch(
      stdout,
      /dictator\*\tloaded_negative\t2\t2\t1\.000\nhero\tloaded_positive\t1\t0\t0\.000/,
    );
    const missing = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", SCRIPT, `${dir}/nope`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(missing.code, 1);
    assertMatch(new TextDecoder().decode(missing.stderr), /folder not found: .*nope/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("scoreDistancing and scoreByStyle: distancing and per-style figures by hand", async () => {
  const lex = await parseLexicon(LEXICON + "so-called,distancing,\n", "mini.csv");
  //            0         1         2         3         4         5
  //            012345678901234567890123456789012345678901234567890123456789
  const text = 'Russia held "elections". Kim praised the "unshakeable" bond. ' +
    "The so-called treaty and the “pact” stand.";
  // Gold: "elections" quote [12, 23), so-called [65, 74). The “pact” [90, 96) is not labelled.
  const gold = parseGoldLabels(
    "3\tDistancing\t12\t23\n3\tDistancing\t65\t74\n3\tLoaded_Language\t0\t6\n",
    "d.labels",
    ["Distancing"],
  );
  assertEquals(gold.length, 2);
  const d = scoreDistancing(new Map([["3", text]]), gold, lex);
  // Hits: "elections" (scare quote), so-called (lexicon), “pact” (scare quote, false positive);
  // "unshakeable" has a speaker (praised) and is no hit.
  assertEquals([d.hits, d.truePositives, d.goldSpans, d.goldFound], [3, 2, 2, 2]);
  assertEquals(d.scareQuotes, { hits: 2, truePositives: 1, precision: 0.5 });
  const styles = parseStyles("article_id\tstyle\n1\twire\n2\topinion\n", "s.tsv");
  const loadedGold = parseGoldLabels(LABELS, "mini.labels");
  const by = scoreByStyle(new Map([["1", ARTICLE1], ["2", ARTICLE2]]), loadedGold, lex, styles);
  assertEquals(by.map((s) => [s.style, s.articles, s.goldSpans, s.hits, s.precision, s.recall]), [
    ["opinion", 1, 2, 1, 1, 0.5],
    ["wire", 1, 1, 2, 0.5, 1],
  ]);
  assertThrows(() => parseStyles("x\n", "s.tsv"), /s\.tsv line 1: expected article_id<TAB>style/);
});

async function runEvalLoaded(speakers: boolean): Promise<{ stdout: string; report: EvalReport }> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/dev-articles`);
    await Deno.writeTextFile(`${dir}/dev-articles/article1.txt`, ARTICLE1);
    await Deno.writeTextFile(`${dir}/dev-articles/article2.txt`, 'Dictators held "elections".');
    await Deno.writeTextFile(
      `${dir}/dev-TC.labels`,
      "1\tLoaded_Language\t4\t14\n2\tName_Calling,Labeling\t0\t9\n2\tDistancing\t15\t26\n",
    );
    await Deno.writeTextFile(`${dir}/dev-styles.tsv`, "article_id\tstyle\n1\twire\n2\topinion\n");
    await Deno.writeTextFile(`${dir}/lex.csv`, LEXICON);
    if (speakers) {
      // Article 3: "dictator" [14, 22) is Kim's word; article 1's "dictator" is the outlet's.
      await Deno.writeTextFile(`${dir}/dev-articles/article3.txt`, 'Kim said the "dictator" lies.');
      await Deno.writeTextFile(`${dir}/dev-TC.labels`, "3\tLoaded_Language\t14\t22\n", {
        append: true,
      });
      await Deno.writeTextFile(
        `${dir}/dev-speakers.tsv`,
        "article_id\tstart\tend\tspeaker\n3\t14\t22\tKim Jong Un\n",
      );
    }
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", SCRIPT, dir, "--lexicon", `${dir}/lex.csv`, "--out", `${dir}/f.json`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
    const stdout = new TextDecoder().decode(out.stdout);
    const report = JSON.parse(await Deno.readTextFile(`${dir}/f.json`));
    return { stdout, report };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("deno task eval:loaded --out: writes the figures as JSON, with styles and distancing", async () => {
  {
    const { stdout, report } = await runEvalLoaded(false);
    assertMatch(stdout, /distancing precision: 100\.0% \(1\/1 hits overlap a Distancing span\)/);
    assertMatch(stdout, /loaded_negative precision: 100\.0% \(2\/2\)/);
    assertEquals(report.loaded.precision, 2 / 3); // "hero" in article 1 is not labelled
    assertEquals(report.loaded.recall, 1);
    assertEquals(report.loadedNegative, { hits: 2, truePositives: 2, precision: 1 });
    assertEquals(report.byStyle!.map((s) => s.style), ["opinion", "wire"]);
    assertEquals([report.distancing!.hits, report.distancing!.recall], [1, 1]);
    assertEquals([report.speakers, report.distancingChain], [null, null]);
  }
  // With a speakers file: the speaker of quoted loaded words, through the one chain.
  const { stdout, report } = await runEvalLoaded(true);
  assertMatch(stdout, /speaker of quoted loaded words: 100\.0% \(1\/1 loaded hits/);
  assertEquals([report.speakers!.hits, report.speakers!.correct], [1, 1]);
  assertEquals(report.speakers!.ownVoice, { hits: 2, givenSpeaker: 0 });
  assertEquals(report.distancingChain!.goldSpans, 1);
});

Deno.test("chainHits: loaded hits of the one chain with speakers, at offsets into the file", async () => {
  // Title line, then a body with a CRLF line end: offsets count the file's code points.
  const text = "Kerem summit ends\r\nThe dictator smiled.\r\n" +
    "Holm called the pact \u201ca puppet show\u201d on Monday. \u201cIt is brutal,\u201d said Eva Strand.\r\n";
  const hits = chainHits(new Map([["7", text]]), await loadResources());
  const cps = [...text];
  assertEquals(
    hits.get("7")!.map((h) => [cps.slice(h.start, h.end).join(""), h.speaker]),
    [["dictator", null], ["puppet", "Holm"], ["brutal", "Eva Strand"]],
  );
});
