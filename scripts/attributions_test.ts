import { assertEquals, assertMatch } from "../lib/testing.ts";

const SCRIPT = new URL("./attributions.ts", import.meta.url).pathname;

const HITS = new URL("./hits.ts", import.meta.url).pathname;

async function run(
  dir: string,
  ...flags: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return await runScript(SCRIPT, dir, ...flags);
}

async function runScript(
  script: string,
  dir: string,
  ...flags: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, dir, ...flags],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("writes one JSON line per attribution, files sorted, code-point offsets into the file", async () => {
  const tmp = await Deno.makeTempDir();
  const dir = `${tmp}/corpus`;
  try {
    await Deno.mkdir(`${dir}/sub`, { recursive: true });
    await Deno.writeTextFile(`${dir}/b.txt`, "Title line\r\n😀 “We will win,” Putin said.\n");
    await Deno.writeTextFile(`${dir}/sub/a.txt`, "According to TASS, the talks lasted two hours.");
    // A headline with an attribution, after a BOM: "Putin" is code points 1–6 of the file.
    await Deno.writeTextFile(
      `${dir}/c.txt`,
      "\uFEFFPutin says “victory is near”\r\nTalks ended.\r\n",
    );
    await Deno.writeTextFile(`${dir}/skip.md`, "Putin said that this is ignored.");
    const r = await run(dir, "--store", `${tmp}/store`);
    assertEquals(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assertEquals(lines.map((l) => l.file), ["b.txt", "c.txt", "sub/a.txt"]);
    assertEquals(Object.keys(lines[0]), [
      "file",
      "source",
      "source_id",
      "source_type",
      "cue",
      "content",
      "kind",
      "via",
    ]);
    // "Title line\r\n" is 12 code points (the title), the emoji one more and a space: the quote
    // starts at 14; "Putin" after it and a space.
    assertEquals(lines[0].content, { start: 14, end: 28, text: "“We will win,”" });
    assertEquals(lines[0].source, { start: 29, end: 34, text: "Putin" });
    assertEquals(lines[0].cue, { start: 35, end: 39, text: "said" });
    assertEquals([lines[0].source_id, lines[0].kind], ["putin", "direct"]);
    // The headline's attribution, offsets past the BOM.
    assertEquals(lines[1].source, { start: 1, end: 6, text: "Putin" });
    assertEquals(lines[1].cue, { start: 7, end: 11, text: "says" });
    assertEquals(lines[1].content, { start: 12, end: 29, text: "“victory is near”" });
    assertEquals([lines[2].source_id, lines[2].source_type, lines[2].cue.text], [
      "tass",
      "state_media",
      "According to",
    ]);
    assertEquals(lines[2].source, { start: 13, end: 17, text: "TASS" });
    assertMatch(r.stderr, /store: analysed 3 of 3 articles \(0 cached, 0 removed\)/);
    assertMatch(r.stderr, /read 3 \.txt files; skipped 1: not \.txt \(1: skip\.md\)/);
    // The other export of the same folder reuses the analysis.
    const hits = await runScript(HITS, dir, "--store", `${tmp}/store`);
    assertEquals(hits.code, 0, hits.stderr);
    assertMatch(hits.stderr, /store: analysed 0 of 3 articles \(3 cached, 0 removed\)/);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("a missing folder or a non-UTF-8 file is a clear error", async () => {
  const r = await run("/no/such/folder");
  assertEquals(r.code, 1);
  assertMatch(r.stderr, /folder not found: \/no\/such\/folder — give a folder of .txt files/);
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/c`);
    await Deno.writeFile(`${dir}/c/bad.txt`, new Uint8Array([0x93, 0x68, 0x69, 0x94]));
    const r2 = await run(`${dir}/c`, "--store", `${dir}/store`);
    assertEquals(r2.code, 1);
    assertMatch(r2.stderr, /bad\.txt: not valid UTF-8 \(first bad byte 0x93 at byte offset 0\)/);
    assertEquals(r2.stdout, "");
    const usage = await run(dir, "--no-scare-quotes");
    assertEquals(usage.code, 2);
    assertMatch(
      usage.stderr,
      /unknown option --no-scare-quotes\nusage: deno task attributions DIR/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("page debris is skipped unless --no-clean, offsets into the file unchanged", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const seed =
      new URL("../lib/testdata/bundled/articles/004_bfd3abdf462c3d5d.txt", import.meta.url)
        .pathname;
    await Deno.mkdir(`${dir}/c`);
    await Deno.copyFile(seed, `${dir}/c/004.txt`);
    const text = await Deno.readTextFile(seed);
    const parse = (out: string) => out.trim().split("\n").map((l) => JSON.parse(l));
    // Default stores beside the folder: .cache/store/c and .cache/store/c-no-clean.
    const clean = parse((await run(`${dir}/c`)).stdout);
    // task hits on the same folder uses the same default store: it analyses nothing again.
    const hits = await runScript(HITS, `${dir}/c`);
    assertEquals(hits.code, 0, hits.stderr);
    assertMatch(hits.stderr, /store: analysed 0 of 1 articles \(1 cached, 0 removed\)/);
    const raw = parse((await run(`${dir}/c`, "--no-clean")).stdout);
    const sources = (ls: { source: { text: string } | null }[]) => ls.map((l) => l.source?.text);
    // The related-headline lists ("… Bitcoin Theft, FBI Warns") are debris, not sourcing.
    assertEquals(sources(clean).includes("FBI"), false);
    assertEquals(sources(raw).includes("FBI"), true);
    // KCNA's three attributions are in both, at the same offsets, which slice the file's text.
    const kcna = clean.filter((l) => l.source_id === "kcna");
    assertEquals(kcna.length, 3);
    assertEquals(kcna, raw.filter((l) => l.source_id === "kcna"));
    for (const l of kcna) {
      assertEquals([...text].slice(l.source.start, l.source.end).join(""), l.source.text);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
