import { assert, assertEquals, assertMatch, assertThrows, withTempDir } from "../lib/testing.ts";
import { parsePipelineArgs } from "./pipeline.ts";

Deno.test("parsePipelineArgs: positional corpus and folder, options, clear errors", () => {
  const a = parsePipelineArgs([
    "c.csv",
    "out",
    "--batch",
    "500",
    "--workers",
    "0",
    "--overwrite",
    "--store",
    "st",
    "--article-timeout",
    "2.5",
  ]);
  assertEquals([a.corpus, a.outDir, a.batchSize, a.workers, a.overwrite, a.store], [
    "c.csv",
    "out",
    500,
    0,
    true,
    "st",
  ]);
  assertEquals(a.articleTimeoutMs, 2500);
  assertEquals(parsePipelineArgs(["c.csv", "out"]).workers, undefined);
  assertThrows(() => parsePipelineArgs(["c.csv"]), /give a corpus CSV and an output folder/);
  assertThrows(
    () => parsePipelineArgs(["c.csv", "o", "--batch", "x"]),
    /--batch needs a whole number/,
  );
  assertThrows(
    () => parsePipelineArgs(["c.csv", "o", "--article-timeout", "0"]),
    /--article-timeout needs a number of seconds > 0, got 0/,
  );
  assertThrows(() => parsePipelineArgs(["c.csv", "o", "--store"]), /--store needs a value/);
  assertThrows(() => parsePipelineArgs(["c.csv", "o", "--fast"]), /unknown option --fast/);
});

async function pipeline(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./pipeline.ts", import.meta.url).pathname, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test("deno task pipeline: partitioned tables through the store; a rerun reuses it", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/c.csv`,
      'id,outlet,published,text\n1,Daily A,2024-06-19,"The dictator met the president. ""It is historic,"" Putin said."\n' +
        "2,Daily B,2024-07-01,Nothing loaded here.\n",
    );
    const first = await pipeline(`${dir}/c.csv`, `${dir}/out`, "--workers", "0");
    assertEquals(first.code, 0, first.stderr);
    assertMatch(first.stdout, /articles: 2 rows/);
    assertMatch(first.stdout, /2 articles in/);
    assertMatch(first.stderr, /store: analysed 2 of 2 articles \(0 cached, 0 removed\) in /);
    const months = [];
    for await (const e of Deno.readDir(`${dir}/out/articles/outlet=Daily%20A`)) months.push(e.name);
    assertEquals(months, ["month=2024-06"]);
    // The store sits beside the CSV by default; a rerun takes every article from it.
    assert(Deno.statSync(`${dir}/.cache/store/c/store.json`).isFile);
    const again = await pipeline(`${dir}/c.csv`, `${dir}/out`, "--overwrite");
    assertEquals(again.code, 0, again.stderr);
    assertMatch(again.stderr, /store: analysed 0 of 2 articles \(2 cached, 0 removed\) in /);
    assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/out/run.json`)).store.cached, 2);
    // --store puts it elsewhere.
    const moved = await pipeline(`${dir}/c.csv`, `${dir}/out2`, "--store", `${dir}/st`);
    assertEquals(moved.code, 0, moved.stderr);
    assertMatch(moved.stderr, /store: analysed 2 of 2 articles/);
    assert(Deno.statSync(`${dir}/st/store.json`).isFile);
  });
});

Deno.test("deno task pipeline: an article over the time guard is named on stderr and in run.json; the rest is published", async () => {
  await withTempDir(async (dir) => {
    // About 8 MB: many seconds of analysis; the other articles take milliseconds. (The limit is
    // generous for them: a fresh worker's first article, cold code, can take a second or more on
    // a loaded machine.)
    const huge = "Officials said the talks, which Kim called “historic”, went on. ".repeat(128_000);
    const csv = (big: string) =>
      Deno.writeTextFile(
        `${dir}/c.csv`,
        "id,outlet,published,text\n" +
          "a1,Daily A,2024-06-19,The dictator met the president.\n" +
          `big,Daily A,2024-06-20,"${big}"\n` +
          "a2,Daily B,2024-07-01,The regime said no.\n",
      );
    // First a short version of the article, stored; then it grows past the limit: the rerun
    // skips it and publishes no stale rows of the short version.
    await csv("The regime said yes.");
    const short = await pipeline(`${dir}/c.csv`, `${dir}/out`, "--article-timeout", "3");
    assertEquals(short.code, 0, short.stderr);
    assertMatch(short.stdout, /articles: 3 rows/);
    await csv(huge);
    const r = await pipeline(
      `${dir}/c.csv`,
      `${dir}/out`,
      "--article-timeout",
      "3",
      "--overwrite",
    );
    assertEquals(r.code, 0, r.stderr);
    assertMatch(r.stderr, /warning: article big \(c\.csv line 3\) took longer than 3\.0 s/);
    assertMatch(
      r.stderr,
      /1 article\(s\) took longer than the time limit and are not in the output: big/,
    );
    const run = JSON.parse(await Deno.readTextFile(`${dir}/out/run.json`));
    assertEquals(Object.keys(run.skipped), ["big"]);
    assertMatch(run.skipped.big, /took longer than 3\.0 s to analyse and was skipped/);
    assertEquals(run.articles, 2);
    assertMatch(r.stdout, /articles: 2 rows/);
    assertMatch(r.stdout, /hits: [1-9]\d* rows/);
  });
});
