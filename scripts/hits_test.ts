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

const parse = (out: string) => out.trim().split("\n").filter((l) => l).map((l) => JSON.parse(l));

/** The code points [start, end) of a file as stored. */
async function fileSlice(path: string, start: number, end: number): Promise<string> {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await Deno.readFile(path));
  return [...text].slice(start, end).join("");
}

const hit = (
  file: string,
  start: number,
  end: number,
  text: string,
  voice: string,
  speaker: string | null = null,
) => ({
  file,
  start,
  end,
  text,
  term: text.toLowerCase() === "president" ? "president" : "dictator*",
  category: text.toLowerCase() === "president" ? "neutral" : "loaded_negative",
  target: "person",
  voice,
  speaker,
});

Deno.test("deno task hits: JSONL per hit, code-point offsets into each file as read, cached", async () => {
  const tmp = await Deno.makeTempDir();
  const dir = `${tmp}/corpus`;
  const store = `${tmp}/store`;
  try {
    await Deno.mkdir(`${dir}/sub`, { recursive: true });
    await Deno.writeTextFile(`${tmp}/lex.csv`, LEXICON);
    // Emoji (2 UTF-16 units, 1 code point), CRLF kept, BOM kept as a code point. The first line
    // ends with a full stop: not a title, so body text.
    await Deno.writeTextFile(
      `${dir}/b.txt`,
      "\uFEFF😀 A dictator.\r\nThe president said “dictators”.",
    );
    await Deno.writeTextFile(`${dir}/sub/a.txt`, "No hits here.");
    // A one-line file whose line looks like a title: the headline.
    await Deno.writeTextFile(`${dir}/sub/c.txt`, "Dictator");
    // A title after a BOM, CRLF: "dictator" is code points 10–18 of the file.
    await Deno.writeTextFile(`${dir}/e.txt`, "\uFEFFKim, the dictator\r\nTalks went on.\r\n");
    // Two spaces in the title line: cleaning collapses them, so no file offsets for its hits.
    await Deno.writeTextFile(`${dir}/f.txt`, "The  dictator returns\nTalks went on.\n");
    // A quoted word nobody is said to have spoken: a scare quote (distancing), at 21–33.
    await Deno.writeTextFile(`${dir}/g.txt`, "The leaders signed a “friendship” pact.\n");
    await Deno.writeTextFile(`${dir}/notes.md`, "dictator in a non-txt file");
    // An empty file is said on stderr and does not stop the export.
    await Deno.writeTextFile(`${dir}/empty.txt`, "");
    const args = [dir, "--lexicon", `${tmp}/lex.csv`, "--store", store];
    const r = await run(args);
    assertEquals(r.code, 0, r.stderr);
    const lines = parse(r.stdout);
    const scare = {
      file: "g.txt",
      start: 21,
      end: 33,
      text: "“friendship”",
      term: "scare quotes",
      category: "distancing",
      target: null,
      voice: "narration",
      speaker: null,
    };
    const expected = [
      hit("b.txt", 5, 13, "dictator", "narration"),
      hit("b.txt", 20, 29, "president", "narration"),
      // Inside the quote the president's words: "The president said “dictators”".
      hit("b.txt", 36, 45, "dictators", "quote", "The president"),
      hit("e.txt", 10, 18, "dictator", "headline"),
      scare,
      hit("sub/c.txt", 0, 8, "Dictator", "headline"),
    ];
    assertEquals(lines, expected);
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
    for (const l of lines) {
      assertEquals(await fileSlice(`${dir}/${l.file}`, l.start, l.end), l.text);
    }
    assertMatch(r.stderr, /sha256 [0-9a-f]{64}/);
    assertMatch(r.stderr, /store: analysed 7 of 7 articles \(0 cached, 0 removed\)/);
    assertMatch(r.stderr, /empty\.txt: the file is empty — nothing to analyse/);
    assertMatch(r.stderr, /f\.txt: 1 title row\(s\) left out — cleaning changed the title line/);
    assertMatch(r.stderr, /read 7 \.txt files; skipped 1: not \.txt \(1: notes\.md\)/);

    // The second run reuses the store; --no-scare-quotes leaves out the distancing hit only, and
    // --first-line-headline is accepted as the default it now is.
    const again = await run([...args, "--no-scare-quotes", "--first-line-headline"]);
    assertEquals(again.code, 0, again.stderr);
    assertMatch(again.stderr, /store: analysed 0 of 7 articles \(7 cached, 0 removed\)/);
    assertMatch(again.stderr, /--first-line-headline is the default now/);
    assertEquals(parse(again.stdout), expected.filter((h) => h !== scare));
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("deno task hits: clear errors for a missing folder, bad or removed options, non-UTF-8", async () => {
  const missing = await run(["/nonexistent/folder"]);
  assertEquals(missing.code, 1);
  assertMatch(missing.stderr, /folder not found: \/nonexistent\/folder/);
  const none = await run([]);
  assertEquals(none.code, 2);
  assertMatch(none.stderr, /no DIR given\nusage: deno task hits DIR/);
  const removed = await run(["x", "--no-attributions"]);
  assertEquals(removed.code, 2);
  assertMatch(removed.stderr, /--no-attributions was removed: .*ignore the speaker field instead/);
  const tmp = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${tmp}/c`);
    await Deno.writeTextFile(`${tmp}/c/ok.txt`, "The dictator spoke.\n");
    await Deno.writeFile(`${tmp}/c/x.txt`, new Uint8Array([0x41, 0x93, 0x42]));
    const bad = await run([`${tmp}/c`, "--store", `${tmp}/s`]);
    assertEquals(bad.code, 1);
    assertMatch(
      bad.stderr,
      /x\.txt: not valid UTF-8 \(first bad byte 0x93 at byte offset 1\) — convert it to UTF-8; nothing was written/,
    );
    assertEquals(bad.stdout, "");
    const badLex = await run([`${tmp}/c`, "--lexicon", `${tmp}/none.csv`, "--store", `${tmp}/s`]);
    assert(badLex.code === 1 && /lexicon file not found/.test(badLex.stderr), badLex.stderr);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("deno task hits: related-headline debris is skipped unless --no-clean", async () => {
  const tmp = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${tmp}/c`);
    await Deno.writeTextFile(`${tmp}/lex.csv`, LEXICON);
    // The "You May Also Like" block and what follows it are page debris (cleaning rules).
    const text = "Summit in Pyongyang\nThe president met the dictator.\nYou May Also Like\n" +
      "  • 1\n    Dictator Reshuffles Cabinet\n";
    await Deno.writeTextFile(`${tmp}/c/a.txt`, text);
    const hits = async (...flags: string[]) =>
      parse((await run([`${tmp}/c`, "--lexicon", `${tmp}/lex.csv`, ...flags])).stdout)
        .map((h) => [h.text, h.start, h.voice]);
    // "Summit in Pyongyang\n" is 20 code points, "The president met the dictator.\n" 32.
    const body = [["president", 24, "narration"], ["dictator", 42, "narration"]];
    assertEquals(await hits(), body);
    // Without cleaning the list's last line is text: 20 + 32 + 18 + 6 + 4 spaces = 80.
    assertEquals(await hits("--no-clean"), [...body, ["Dictator", 80, "narration"]]);
    // Each uses its own default store beside the folder.
    assertEquals(
      (await Array.fromAsync(Deno.readDir(`${tmp}/.cache/store`))).map((e) => e.name).sort(),
      ["c", "c-no-clean"],
    );
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
