import { assert, assertEquals, assertRejects, withTempDir } from "../testing.ts";
import { listTextFiles, maskDebris, readSummary, readUtf8 } from "./textfiles.ts";
import { loadCleaningRules } from "../text/clean.ts";
import { codePointLength } from "../text/codepoints.ts";

const RULES = await loadCleaningRules(
  new URL("../testdata/bundled/cleaning_rules.csv", import.meta.url).pathname,
);
const SEEDS = new URL("../testdata/bundled/articles/", import.meta.url).pathname;

Deno.test("maskDebris blanks 004's related-headline lists and keeps every offset", async () => {
  const text = await readUtf8(`${SEEDS}004_bfd3abdf462c3d5d.txt`);
  const masked = maskDebris(text, RULES);
  assertEquals(codePointLength(masked), codePointLength(text));
  assertEquals(masked.split("\n").length, text.split("\n").length);
  for (
    const debris of ["You May Also Like", "Popular Now", "Must-Reads", "BLACKPINK", "Comments0"]
  ) {
    assert(text.includes(debris), debris);
    assert(!masked.includes(debris), `${debris} still there`);
  }
  // Body text stays where it was.
  const at = text.indexOf("KCNA hailed the new treaty");
  assertEquals(masked.indexOf("KCNA hailed the new treaty"), at);
  // The title line is kept.
  assert(masked.includes("North Korea and Russia Just Signed a Massive New Military Deal"));
});

Deno.test("maskDebris keeps CRLF, a byte-order mark and astral characters in place", () => {
  const text = "\uFEFFTitle 😀\r\nBody “quote” 😀.\r\nAdd Comment\r\n";
  const masked = maskDebris(text, RULES);
  assertEquals(masked, "\uFEFFTitle 😀\r\nBody “quote” 😀.\r\n           \r\n");
  assertEquals(maskDebris("Title\nBody.\n", RULES), "Title\nBody.\n");
});

Deno.test("listTextFiles and readUtf8 name the folder or file and what to fix", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/sub`);
  await Deno.writeTextFile(`${dir}/b.txt`, "b");
  await Deno.writeTextFile(`${dir}/sub/a.TXT`, "a");
  await Deno.writeTextFile(`${dir}/notes.md`, "n");
  await Deno.writeFile(`${dir}/bad.txt`, new Uint8Array([0x41, 0x93, 0x42]));
  assertEquals([...(await listTextFiles(dir))], ["b.txt", "bad.txt", "sub/a.TXT"]);
  await assertRejects(
    () => readUtf8(`${dir}/bad.txt`),
    /bad\.txt: not valid UTF-8 \(byte 1 is 0x93\)/,
  );
  await assertRejects(() => listTextFiles(`${dir}/nope`), /folder not found: .*nope/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("listTextFiles lists what it skipped and why; readUtf8 refuses binary files", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/in`);
    await Deno.writeTextFile(`${dir}/in/a.txt`, "Body.");
    await Deno.writeTextFile(`${dir}/in/page.html`, "<p>Body</p>");
    await Deno.writeTextFile(`${dir}/in/notes.md`, "# notes");
    await Deno.writeTextFile(`${dir}/outside.txt`, "Not in the folder.");
    await Deno.symlink(`${dir}/outside.txt`, `${dir}/in/link.txt`);
    await Deno.writeFile(`${dir}/in/photo.txt`, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]));
    const files = await listTextFiles(`${dir}/in`);
    assertEquals([...files], ["a.txt", "photo.txt"]);
    assertEquals(files.skipped, [
      { path: "link.txt", reason: "symlink" },
      { path: "notes.md", reason: "not .txt" },
      { path: "page.html", reason: "not .txt" },
    ]);
    assertEquals(
      readSummary(files),
      "read 2 .txt files; skipped 3: symlink (1: link.txt), not .txt (2: notes.md, page.html) — " +
        "only regular .txt files inside the folder are read",
    );
    await assertRejects(
      () => readUtf8(`${dir}/in/photo.txt`),
      /photo\.txt: not a text file \(it is a PNG image\) — remove it or convert it to text/,
    );
  });
});
