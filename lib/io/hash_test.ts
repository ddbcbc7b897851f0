import { assertEquals } from "../testing.ts";
import { inputHashesTable, sha256Hex, sha256OfFile, shortDigest } from "./hash.ts";

Deno.test("sha256Hex gives the lower-case hex digest", async () => {
  assertEquals(
    await sha256Hex(new TextEncoder().encode("abc")),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("inputHashesTable: paths from data/ on, in the order given", () => {
  assertEquals(
    inputHashesTable({
      "/home/x/project/data/lexicons/framing.csv": "aa",
      "/home/x/project/data/actors.csv": "bb",
      "other.csv": "cc",
    }).toRecords(),
    [
      { input: "data/lexicons/framing.csv", sha256: "aa" },
      { input: "data/actors.csv", sha256: "bb" },
      { input: "other.csv", sha256: "cc" },
    ],
  );
  assertEquals(inputHashesTable({}).height, 0);
});

Deno.test("shortDigest: equal strings share a digest; a changed character changes it", () => {
  const a = shortDigest('["Kim meets Putin","Daily A",null]');
  assertEquals(a, shortDigest('["Kim meets Putin","Daily A",null]'));
  assertEquals(/^[0-9a-z]{1,11}$/.test(a), true);
  const seen = new Set<string>();
  for (let i = 0; i < 10000; i++) seen.add(shortDigest(`["Title ${i}","Daily A",null]`));
  assertEquals(seen.size, 10000);
  assertEquals(shortDigest("") === shortDigest(" "), false);
});

Deno.test("sha256OfFile: the sha256 of the whole file, read in pieces (empty, and over 4 MiB)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/empty`, new Uint8Array(0));
    assertEquals(
      await sha256OfFile(`${dir}/empty`),
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    const big = new Uint8Array(9_000_001).map((_, i) => (i * 31 + (i >> 13)) & 255);
    await Deno.writeFile(`${dir}/big`, big);
    assertEquals(await sha256OfFile(`${dir}/big`), await sha256Hex(big));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
