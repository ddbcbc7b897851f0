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
