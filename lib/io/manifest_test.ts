import { assert, assertEquals, assertMatch, assertThrows } from "../testing.ts";
import { CorpusError, parseCsv } from "./csv.ts";
import {
  editDistance,
  isIsoDate,
  isOutletNamed,
  nearestName,
  normaliseArticlePath,
  parseManifest,
} from "./manifest.ts";

const HEADER = "id,file,outlet,published,url,title,language,notes\n";

Deno.test("parseCsv keeps the starting line of records with quoted newlines", () => {
  const t = parseCsv('id,note\r\n1,"two\nlines, and ""quotes"""\n\n2,plain\n', "m.csv");
  assertEquals(t.header, ["id", "note"]);
  assertEquals(t.rows, [
    { line: 2, fields: ["1", 'two\nlines, and "quotes"'] },
    { line: 5, fields: ["2", "plain"] },
  ]);
});

Deno.test("parseCsv names the line of an unterminated quote and of a short row", () => {
  assertThrows(
    () => parseCsv('id,note\n1,ok\n2,"open\n', "m.csv"),
    /m\.csv line 3: .*never closed/,
  );
  assertThrows(() => parseCsv("id,note\n1,ok\n2\n", "m.csv"), /m\.csv line 3: 1 fields .* has 2/);
});

Deno.test("parseManifest reads rows, empty cells as null, outlet_named from the label", () => {
  const rows = parseManifest(
    HEADER + '000,a.txt,unnamed (000),,,"Title, with comma",en,\n' +
      "002,b.txt,RBC-Ukraine,2024-06-19,,,en,note\n",
    "m.csv",
  );
  assertEquals(rows.length, 2);
  assertEquals(rows[0], {
    line: 2,
    id: "000",
    file: "a.txt",
    outlet: "unnamed (000)",
    outlet_named: false,
    published: null,
    url: null,
    title: "Title, with comma",
    language: "en",
    notes: null,
  });
  assertEquals(rows[1].outlet_named, true);
  assertEquals(rows[1].published, "2024-06-19");
});

Deno.test("parseManifest: a missing required column names the column and the header line", () => {
  const e = assertThrows(
    () => parseManifest("id,file,published\n000,a.txt,\n", "data/articles.csv"),
    /^data\/articles\.csv line 1 \(header\): required column 'outlet' is missing — add it/,
  );
  assert(e instanceof CorpusError);
  assertEquals([e.line, e.column], [1, "outlet"]);
});

Deno.test("parseManifest: duplicate ids name both lines", () => {
  const e = assertThrows(
    () =>
      parseManifest(
        HEADER + "000,a.txt,X,,,,,\n001,b.txt,Y,,,,,\n000,c.txt,Z,,,,,\n",
        "data/articles.csv",
      ),
    /^data\/articles\.csv lines 2 and 4: duplicate id '000' — ids must be unique/,
  );
  assert(e instanceof CorpusError);
});

Deno.test("parseManifest: the same file listed twice names both lines", () => {
  assertThrows(
    () => parseManifest(HEADER + "000,a.txt,X,,,,,\n001,a.txt,Y,,,,,\n", "m.csv"),
    /m\.csv lines 2 and 3: file 'a\.txt' is listed twice/,
  );
});

Deno.test("parseManifest: a malformed date names line and column and says what to write", () => {
  const e = assertThrows(
    () => parseManifest(HEADER + "000,a.txt,X,,,,,\n001,b.txt,Y,19/06/2024,,,,\n", "m.csv"),
    /^m\.csv line 3, column 'published': '19\/06\/2024' is not a date — write it as YYYY-MM-DD/,
  );
  assert(e instanceof CorpusError);
  assertEquals([e.line, e.column], [3, "published"]);
  assertThrows(() => parseManifest(HEADER + "0,a.txt,X,2024-02-30,,,,\n", "m.csv"), /line 2/);
});

Deno.test("parseManifest: an empty id or outlet names line and column", () => {
  assertThrows(
    () => parseManifest(HEADER + ",a.txt,X,,,,,\n", "m.csv"),
    /m\.csv line 2, column 'id': empty/,
  );
  assertThrows(
    () => parseManifest(HEADER + "000,a.txt,,,,,,\n", "m.csv"),
    /m\.csv line 2, column 'outlet': empty — write the outlet, or 'unnamed \(<id>\)'/,
  );
});

Deno.test("parseManifest: line numbers count quoted multi-line notes", () => {
  assertThrows(
    () => parseManifest(HEADER + '000,a.txt,X,,,,,"one\ntwo"\n001,b.txt,Y,June,,,,\n', "m.csv"),
    /m\.csv line 4, column 'published'/,
  );
});

Deno.test("isOutletNamed and isIsoDate", () => {
  assertEquals(
    ["unnamed (001)", "unknown", "", "ViewUS Global"].map(isOutletNamed),
    [false, false, false, true],
  );
  assertEquals(
    ["2024-12-04", "2024-13-01", "2024-6-1", "2023-02-29", "2024-02-29"].map(isIsoDate),
    [true, false, false, false, true],
  );
});

Deno.test("parseManifest: an unknown column is an error that suggests the nearest known name", () => {
  const e = assertThrows(
    () => parseManifest("id,file,outlet,publised\n000,a.txt,X,2024-06-01\n", "m.csv"),
    /^m\.csv line 1 \(header\): unknown column 'publised' — did you mean 'published'\? the columns are id, file/,
  );
  assert(e instanceof CorpusError);
  assertEquals([e.line, e.column], [1, "publised"]);
  assertThrows(
    () => parseManifest("id,file,outlet,zzzzzz\n000,a.txt,X,1\n", "m.csv"),
    /unknown column 'zzzzzz' — the columns are/,
  );
});

Deno.test("normaliseArticlePath: ./ and // are normalised; .., absolute paths, backslashes refused", () => {
  assertEquals(normaliseArticlePath("./a.txt"), { path: "a.txt" });
  assertEquals(normaliseArticlePath("sub//./b.txt"), { path: "sub/b.txt" });
  assertMatch(normaliseArticlePath("sub/../../x.txt").error!, /leaves the articles folder/);
  assertMatch(normaliseArticlePath("/etc/passwd").error!, /is an absolute path/);
  assertMatch(normaliseArticlePath("C:/x.txt").error!, /is an absolute path/);
  assertMatch(normaliseArticlePath("..\\x.txt").error!, /backslash/);
  assertEquals([editDistance("publised", "published"), nearestName("Title", ["title"])], [
    1,
    "title",
  ]);
});

Deno.test("parseCsv: an unclosed quote is reported on the line where the field starts", () => {
  assertThrows(
    () => parseCsv('id,file,outlet\n1,a.txt,X\n2,"b.txt,Y\n3,c.txt,"Z"\n', "m.csv"),
    /^m\.csv line 3: the quoted field that starts on this line runs to line 4, where text follows its closing quote — probably its closing '"' is missing on line 3/,
  );
  assertThrows(
    () => parseCsv('id,note\n1,"a"b\n', "m.csv"),
    /^m\.csv line 2: text after a closing quote — a field that contains '"' must be quoted/,
  );
});
