import { csvRows, parseCsv, readCsvBatches, readCsvRows } from "./csv.ts";
import { assertEquals, assertRejects, assertThrows, withTempDir } from "../testing.ts";

async function collect(path: string, opts: { batchSize?: number; chunkBytes?: number }) {
  const out = [];
  for await (const b of readCsvBatches(path, opts)) out.push(b);
  return out;
}

const TRICKY = "\uFEFFid,outlet,text\r\n" +
  'a1,Baltic Courier,"He said ""no"", twice."\r\n' +
  'a2,"Mail, & Guardian","Line one\n\nLine “two” 😀"\n' +
  "\n" +
  "a3,Plain,unquoted text\n" +
  'a4,Last,""';

Deno.test("readCsvBatches reads quoted commas, line breaks, doubled quotes, CRLF, BOM", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/c.csv`;
    await Deno.writeTextFile(path, TRICKY);
    for (const chunkBytes of [1, 3, 7, 1 << 20]) {
      const batches = await collect(path, { batchSize: 2, chunkBytes });
      assertEquals(batches.map((b) => b.header), [["id", "outlet", "text"], [
        "id",
        "outlet",
        "text",
      ]]);
      assertEquals(batches.map((b) => b.rows), [
        [
          ["a1", "Baltic Courier", 'He said "no", twice.'],
          ["a2", "Mail, & Guardian", "Line one\n\nLine “two” 😀"],
        ],
        [["a3", "Plain", "unquoted text"], ["a4", "Last", ""]],
      ]);
      assertEquals(batches.map((b) => b.firstLine), [2, 7]);
    }
  });
});

Deno.test("readCsvBatches names the file and line of a bad record", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/bad.csv`;
    await Deno.writeTextFile(path, 'id,outlet,text\na1,X,"ok\nstill ok"\na2,Y\n');
    await assertRejects(
      () => collect(path, {}),
      new RegExp(
        `${path} line 4: 2 fields but the header \\(line 1\\) has 3 \\(id, outlet, text\\)`,
      ),
    );
    await Deno.writeTextFile(path, 'id,outlet,text\na1,X,ok\na2,Y,"never closed\n');
    await assertRejects(
      () => collect(path, { chunkBytes: 4 }),
      new RegExp(`${path} line 3: a quoted field is never closed`),
    );
    await Deno.writeTextFile(path, 'id,outlet,text\na1,X,"closed"junk\n');
    await assertRejects(
      () => collect(path, {}),
      new RegExp(`${path} line 2: text after a closing`),
    );
  });
});

Deno.test("readCsvBatches: an unclosed quote is reported on its own line, not where it ends", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/c.csv`;
    await Deno.writeTextFile(
      path,
      'id,outlet,text\na1,X,"ok"\na2,Y,"broken text\na3,Z,"fine"\na4,W,"more"\n',
    );
    await assertRejects(
      () => collect(path, {}),
      new RegExp(
        `${path} line 3: the quoted field that starts on this line runs to line 4, where text ` +
          `follows its closing quote — probably its closing '"' is missing on line 3`,
      ),
    );
  });
});

Deno.test("readCsvBatches gives the line of every record", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/c.csv`;
    await Deno.writeTextFile(path, 'id,text\na,"x\ny"\n\nb,z\n');
    const [b] = await collect(path, {});
    assertEquals(b.lines, [2, 5]);
  });
});

Deno.test("parseCsv and readCsvBatches read the same records (CR, CRLF in quotes, BOM, blank lines)", async () => {
  const text = '\uFEFF id , text \r\n\r\na1,"one\r\ntwo"\ra2,x\r\n  \na3,"say ""hi"""';
  const t = parseCsv(text, "c.csv");
  assertEquals(t.header, ["id", "text"]);
  assertEquals(t.rows, [
    { line: 3, fields: ["a1", "one\ntwo"] },
    { line: 5, fields: ["a2", "x"] },
    { line: 7, fields: ["a3", 'say "hi"'] },
  ]);
  await withTempDir(async (dir) => {
    const path = `${dir}/c.csv`;
    await Deno.writeTextFile(path, text);
    for (const chunkBytes of [1, 2, 5, 1 << 20]) {
      const batches = await collect(path, { batchSize: 2, chunkBytes });
      assertEquals(batches.flatMap((b) => b.rows), t.rows.map((r) => r.fields));
      assertEquals(batches.flatMap((b) => b.lines), [3, 5, 7]);
      assertEquals(batches[0].header, ["id", "text"]);
    }
  });
});

Deno.test("readCsvRows keys fields by column, empty as null; names the file, line and column", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/cues.csv`;
    await Deno.writeTextFile(path, 'cue,pattern\nsaid,verb\n"told, he",\n');
    assertEquals(readCsvRows(path, ["cue"]), [
      { cue: "said", pattern: "verb" },
      { cue: "told, he", pattern: null },
    ]);
    assertThrows(
      () => readCsvRows(path, ["cue", "category"]),
      new RegExp(`${path}: missing column\\(s\\) "category"; the header \\(line 1\\)`),
    );
    await Deno.writeTextFile(path, 'cue,pattern\nsaid,verb\nsays,"verb\n');
    assertThrows(() => readCsvRows(path, ["cue"]), new RegExp(`${path} line 3: a quoted field`));
    assertThrows(() => readCsvRows(`${dir}/none.csv`, []), /none\.csv: cannot read this CSV file/);
  });
  assertEquals(csvRows(parseCsv("a,b\n1,\n", "x.csv")), [{ a: "1", b: null }]);
});

Deno.test("readCsvBatches: a file that is not UTF-8 is named with the line", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/c.csv`;
    await Deno.writeFile(
      path,
      new Uint8Array([...new TextEncoder().encode("id,text\na,ok\nb,"), 0x93, 10]),
    );
    await assertRejects(() => collect(path, {}), new RegExp(`${path}: not valid UTF-8`));
  });
});
