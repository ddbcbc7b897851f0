import { assertEquals, assertMatch, assertThrows } from "../lib/testing.ts";
import { parsePipelineArgs } from "./pipeline.ts";

Deno.test("parsePipelineArgs: positional corpus and folder, options, clear errors", () => {
  const a = parsePipelineArgs(["c.csv", "out", "--batch", "500", "--workers", "0", "--overwrite"]);
  assertEquals([a.corpus, a.outDir, a.batchSize, a.workers, a.overwrite], [
    "c.csv",
    "out",
    500,
    0,
    true,
  ]);
  assertThrows(() => parsePipelineArgs(["c.csv"]), /give a corpus CSV and an output folder/);
  assertThrows(
    () => parsePipelineArgs(["c.csv", "o", "--batch", "x"]),
    /--batch needs a whole number/,
  );
  assertThrows(() => parsePipelineArgs(["c.csv", "o", "--fast"]), /unknown option --fast/);
});

Deno.test("deno task pipeline: writes the partitioned tables of a small corpus", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/c.csv`,
      'id,outlet,published,text\n1,Daily A,2024-06-19,"The dictator met the president. ""It is historic,"" Putin said."\n' +
        "2,Daily B,2024-07-01,Nothing loaded here.\n",
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("./pipeline.ts", import.meta.url).pathname,
        `${dir}/c.csv`,
        `${dir}/out`,
        "--workers",
        "0",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
    assertMatch(stdout, /articles: 2 rows/);
    assertMatch(stdout, /2 articles in/);
    const months = [];
    for await (const e of Deno.readDir(`${dir}/out/articles/outlet=Daily%20A`)) months.push(e.name);
    assertEquals(months, ["month=2024-06"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
