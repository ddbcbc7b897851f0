import { parseMarkedDevset, writeDevset } from "./build_devset.ts";
import { assertEquals, assertThrows, withTempDir } from "../lib/testing.ts";

Deno.test("parseMarkedDevset: markup becomes code-point labels on the clean text", () => {
  const src = "=== 07 opinion\n😀 The {N|despot} and his {D|“friendship”}.\n{L|Farcical}.\n\n" +
    "=== 08 wire\nNothing loaded.\n";
  const [a, b] = parseMarkedDevset(src, "m.txt");
  assertEquals(a.text, "😀 The despot and his “friendship”.\nFarcical.\n");
  assertEquals(a.labels, [
    { technique: "Name_Calling,Labeling", start: 6, end: 12 },
    { technique: "Distancing", start: 21, end: 33 },
    { technique: "Loaded_Language", start: 35, end: 43 },
  ]);
  assertEquals([...a.text].slice(6, 12).join(""), "despot");
  assertEquals([b.id, b.style, b.text, b.labels], ["08", "wire", "Nothing loaded.\n", []]);
});

Deno.test("parseMarkedDevset: malformed headers and markup name the file and article", () => {
  assertThrows(() => parseMarkedDevset("=== x opinion\n", "m.txt"), /m\.txt line 1: expected/);
  assertThrows(() => parseMarkedDevset("stray\n=== 1 wire\n", "m.txt"), /line 1: text before/);
  assertThrows(
    () => parseMarkedDevset("=== 1 wire\na {X|b}\n", "m.txt"),
    /article 1 \(line 1\): unknown markup \{X\|…\}/,
  );
  assertThrows(() => parseMarkedDevset("=== 1 wire\na {L|b\n", "m.txt"), /unbalanced \{ or \}/);
  assertThrows(() => parseMarkedDevset("=== 1 wire\na\n=== 1 opinion\nb\n", "m.txt"), /twice/);
});

Deno.test("writeDevset: articles, PTC-format labels and styles", async () => {
  await withTempDir(async (dir) => {
    await writeDevset(parseMarkedDevset("=== 3 tabloid\nA {L|vile} plot.\n", "m.txt"), dir);
    assertEquals(await Deno.readTextFile(`${dir}/dev-articles/article3.txt`), "A vile plot.\n");
    assertEquals(await Deno.readTextFile(`${dir}/dev-TC.labels`), "3\tLoaded_Language\t2\t6\n");
    assertEquals(
      await Deno.readTextFile(`${dir}/dev-styles.tsv`),
      "article_id\tstyle\n3\ttabloid\n",
    );
  });
});

Deno.test("parseMarkedDevset/writeDevset: {L@Speaker|…} gives a speaker; dev-speakers.tsv", async () => {
  const src = "=== 09 state\nDost hailed the “{L@Ilhan Dost|glorious}” bond, dubbed " +
    "“the {N@?|axis of friendship}” and a {L|vile} {L@ Aurel \t Varga |plot}.\n";
  const [a] = parseMarkedDevset(src, "m.txt");
  assertEquals(
    a.text,
    "Dost hailed the “glorious” bond, dubbed “the axis of friendship” and a vile plot.\n",
  );
  assertEquals(a.labels.map((l) => [l.technique, l.speaker ?? null]), [
    ["Loaded_Language", "Ilhan Dost"],
    ["Name_Calling,Labeling", "?"],
    ["Loaded_Language", null],
    ["Loaded_Language", "Aurel Varga"],
  ]);
  assertEquals([...a.text].slice(a.labels[0].start, a.labels[0].end).join(""), "glorious");
  await withTempDir(async (dir) => {
    await writeDevset([a], dir);
    assertEquals(
      await Deno.readTextFile(`${dir}/dev-speakers.tsv`),
      "article_id\tstart\tend\tspeaker\n09\t17\t25\tIlhan Dost\n09\t45\t63\t?\n09\t76\t80\tAurel Varga\n",
    );
  });
  assertThrows(
    () => parseMarkedDevset("=== 1 wire\na {L@ |b}\n", "m.txt"),
    /article 1 \(line 1\): empty speaker in \{L@\|…\}/,
  );
});
