import { assertEquals, withTempDir } from "../testing.ts";
import { appendJournalLine, readJournal } from "./journal.ts";

const line = (v: unknown) => new TextEncoder().encode(JSON.stringify(v) + "\n");

Deno.test("readJournal: a missing journal has no lines", async () => {
  await withTempDir(async (dir) => {
    assertEquals(await readJournal(`${dir}/j.jsonl`), { lines: [], bytes: 0, bad: false });
  });
});

Deno.test("appendJournalLine: lines read back in order; a partial last line (a killed append) is ignored and cut off by the next append", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/j.jsonl`;
    let end = await appendJournalLine(path, 0, line({ a: 1 }));
    assertEquals(end, 8); // {"a":1}\n
    end = await appendJournalLine(path, end, line({ b: "é" }));
    assertEquals(end, 8 + 11);
    // A run killed while appending: half a line, no newline.
    await Deno.writeTextFile(path, '{"c":', { append: true });
    const read = await readJournal(path);
    assertEquals(read, { lines: [{ a: 1 }, { b: "é" }], bytes: 19, bad: false });
    end = await appendJournalLine(path, read.bytes, line({ d: 4 }));
    assertEquals(await Deno.readTextFile(path), '{"a":1}\n{"b":"é"}\n{"d":4}\n');
    assertEquals((await readJournal(path)).lines, [{ a: 1 }, { b: "é" }, { d: 4 }]);
    assertEquals(end, 27);
  });
});

Deno.test("readJournal: a whole line that does not parse ends the journal there, and says so", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/j.jsonl`;
    await Deno.writeTextFile(path, '{"a":1}\n{"a":\n{"a":3}\n');
    assertEquals(await readJournal(path), { lines: [{ a: 1 }], bytes: 8, bad: true });
  });
});

Deno.test("appendJournalLine: a line without its newline is refused", async () => {
  await withTempDir(async (dir) => {
    let message = "";
    try {
      await appendJournalLine(`${dir}/j.jsonl`, 0, new TextEncoder().encode("{}"));
    } catch (e) {
      message = (e as Error).message;
    }
    assertEquals(message.includes("must end with a newline"), true);
  });
});
