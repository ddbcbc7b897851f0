import { assertEquals, assertMatch } from "../lib/testing.ts";

const SCRIPT = new URL("./attributions.ts", import.meta.url).pathname;

async function run(
  dir: string,
  ...flags: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, dir, ...flags],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("writes one JSON line per attribution, files sorted, code-point offsets into the file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(`${dir}/b.txt`, "Title line\r\n😀 “We will win,” Putin said.\n");
    await Deno.writeTextFile(`${dir}/sub/a.txt`, "According to TASS, the talks lasted two hours.");
    await Deno.writeTextFile(`${dir}/skip.md`, "Putin said that this is ignored.");
    const r = await run(dir);
    assertEquals(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assertEquals(lines.map((l) => l.file), ["b.txt", "sub/a.txt"]);
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
    // "Title line\r\n" is 12 code points, the emoji one more and a space: the quote starts at 14.
    assertEquals(lines[0].content, { start: 14, end: 28, text: "“We will win,”" });
    assertEquals([lines[0].source.text, lines[0].source_id, lines[0].kind], [
      "Putin",
      "putin",
      "direct",
    ]);
    assertEquals([lines[1].source_id, lines[1].source_type, lines[1].cue.text], [
      "tass",
      "state_media",
      "According to",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a missing folder or a non-UTF-8 file is a clear error", async () => {
  const r = await run("/no/such/folder");
  assertEquals(r.code, 1);
  assertMatch(r.stderr, /folder not found: \/no\/such\/folder — give a folder of .txt files/);
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/bad.txt`, new Uint8Array([0x93, 0x68, 0x69, 0x94]));
    const r2 = await run(dir);
    assertEquals(r2.code, 1);
    assertMatch(r2.stderr, /bad\.txt: not valid UTF-8/);
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
    await Deno.copyFile(seed, `${dir}/004.txt`);
    const text = await Deno.readTextFile(seed);
    const parse = (out: string) => out.trim().split("\n").map((l) => JSON.parse(l));
    const clean = parse((await run(dir)).stdout);
    const raw = parse((await run(dir, "--no-clean")).stdout);
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
