import { assert, assertEquals, assertMatch } from "../lib/testing.ts";

const SCRIPT = new URL("./hits.ts", import.meta.url).pathname;
const LEXICON =
  "pattern,category,target\ndictator*,loaded_negative,person\npresident,neutral,person\n";

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("deno task hits: JSONL per hit, code-point offsets into each file as read", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(`${dir}/lex.csv`, LEXICON);
    // Emoji (2 UTF-16 units, 1 code point), CRLF kept, BOM kept as a code point.
    await Deno.writeTextFile(
      `${dir}/b.txt`,
      "\uFEFF😀 A dictator.\r\nThe president said “dictators”.",
    );
    await Deno.writeTextFile(`${dir}/sub/a.txt`, "No hits here.");
    await Deno.writeTextFile(`${dir}/sub/c.txt`, "Dictator");
    await Deno.writeTextFile(`${dir}/notes.md`, "dictator in a non-txt file");
    const r = await run([
      dir,
      "--lexicon",
      `${dir}/lex.csv`,
      "--no-attributions",
      "--no-scare-quotes",
    ]);
    assertEquals(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assertEquals(lines, [
      {
        file: "b.txt",
        start: 5,
        end: 13,
        text: "dictator",
        term: "dictator*",
        category: "loaded_negative",
        target: "person",
        voice: "narration",
        speaker: null,
      },
      {
        file: "b.txt",
        start: 20,
        end: 29,
        text: "president",
        term: "president",
        category: "neutral",
        target: "person",
        voice: "narration",
        speaker: null,
      },
      {
        file: "b.txt",
        start: 36,
        end: 45,
        text: "dictators",
        term: "dictator*",
        category: "loaded_negative",
        target: "person",
        voice: "quote",
        speaker: null,
      },
      {
        file: "sub/c.txt",
        start: 0,
        end: 8,
        text: "Dictator",
        term: "dictator*",
        category: "loaded_negative",
        target: "person",
        voice: "narration",
        speaker: null,
      },
    ]);
    assertEquals(Object.keys(lines[0]), [
      "file",
      "start",
      "end",
      "text",
      "term",
      "category",
      "target",
      "voice",
      "speaker",
    ]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await Deno.readFile(`${dir}/b.txt`),
    );
    assertEquals([...text].slice(36, 45).join(""), "dictators");
    assertMatch(r.stderr, /sha256 [0-9a-f]{64}/);

    const headline = await run([
      dir,
      "--lexicon",
      `${dir}/lex.csv`,
      "--no-attributions",
      "--first-line-headline",
    ]);
    const voices = headline.stdout.trim().split("\n").map((l) => JSON.parse(l))
      .filter((h) => h.term !== "scare quotes").map((h) => [h.file, h.start, h.voice]);
    assertEquals(voices, [["b.txt", 5, "headline"], ["b.txt", 20, "narration"], [
      "b.txt",
      36,
      "quote",
    ], ["sub/c.txt", 0, "headline"]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task hits: clear errors for a missing folder, bad options, non-UTF-8", async () => {
  const missing = await run(["/nonexistent/folder"]);
  assertEquals(missing.code, 1);
  assertMatch(missing.stderr, /folder not found: \/nonexistent\/folder/);
  const none = await run([]);
  assertEquals(none.code, 2);
  assertMatch(none.stderr, /no DIR given\nusage: deno task hits DIR/);
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/x.txt`, new Uint8Array([0x41, 0x93, 0x42]));
    const bad = await run([dir, "--no-attributions"]);
    assertEquals(bad.code, 1);
    assertMatch(bad.stderr, /x\.txt: not valid UTF-8 \(byte 1 is 0x93\)/);
    const badLex = await run([dir, "--lexicon", `${dir}/none.csv`]);
    assert(badLex.code === 1 && /lexicon file not found/.test(badLex.stderr), badLex.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task hits: related-headline debris is skipped unless --no-clean", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/lex.csv`, LEXICON);
    // The "You May Also Like" block and what follows it are page debris (data/cleaning_rules.csv).
    const text = "Summit in Pyongyang\nThe president met the dictator.\nYou May Also Like\n" +
      "  • 1\n    Dictator Reshuffles Cabinet\n";
    await Deno.writeTextFile(`${dir}/a.txt`, text);
    const hits = async (...flags: string[]) =>
      (await run([dir, "--lexicon", `${dir}/lex.csv`, "--no-attributions", ...flags])).stdout
        .trim().split("\n").map((l) => JSON.parse(l).text);
    assertEquals(await hits(), ["president", "dictator"]);
    assertEquals(await hits("--no-clean"), ["president", "dictator", "Dictator"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
