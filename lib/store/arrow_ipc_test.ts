import { assertEquals, assertThrows } from "../testing.ts";
import { type TableSchema, typedFrame } from "../tables/schema.ts";
import { arrowStream, frameFromArrow } from "./arrow_ipc.ts";

const SCHEMA: TableSchema = [
  ["id", "str"],
  ["n", "int"],
  ["x", "float"],
  ["ok", "bool"],
  ["kind", "cat"],
];

Deno.test("arrowStream: read back by polars, the frame typedFrame builds from the same values", () => {
  const columns = [
    // ASCII, null, non-ASCII with a lone surrogate, empty, an astral character, and a high
    // surrogate ending one value before a low surrogate opening the next (must stay apart).
    ["a", null, "Pjöngjang “said” \ud800", "", "🙂", "x\ud83d", "\ude42y"],
    [1, null, -5, 2 ** 40 + 3, -(2 ** 35) - 1, 0, 9_007_199_254_740_991],
    [0.5, null, -1e300, 3, 0, 1 / 3, -0],
    [true, false, null, true, false, true, true],
    ["said", "told", null, "said", "", "x", "y"],
  ];
  const got = frameFromArrow(arrowStream(SCHEMA, columns));
  const want = typedFrame(SCHEMA, Object.fromEntries(SCHEMA.map(([n], i) => [n, columns[i]])));
  assertEquals(got.dtypes.map(String), want.dtypes.map(String));
  assertEquals(got.toRecords(), want.toRecords());
  assertEquals(got.getColumn("id").toArray()[5], "x\ufffd");
  assertEquals(got.getColumn("id").toArray()[6], "\ufffdy");
  assertEquals(got.getColumn("n").toArray()[6], 9_007_199_254_740_991);
});

Deno.test("arrowStream: no rows gives an empty frame with the schema's columns and types", () => {
  const got = frameFromArrow(arrowStream(SCHEMA, SCHEMA.map(() => [])));
  assertEquals(got.height, 0);
  assertEquals(got.columns, SCHEMA.map(([n]) => n));
  assertEquals(
    got.dtypes.map(String),
    typedFrame(SCHEMA, Object.fromEntries(SCHEMA.map(([n]) => [n, []]))).dtypes.map(String),
  );
});

Deno.test("arrowStream: columns that do not fit the schema are an error naming the column", () => {
  assertThrows(() => arrowStream(SCHEMA, [["a"]]), /1 columns for a schema of 5/);
  assertThrows(
    () => arrowStream(SCHEMA, [["a", "b"], [1], [1, 2], [true, false], ["x", "y"]]),
    /column n has 1 values, not 2/,
  );
});
