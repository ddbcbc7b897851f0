import { assertEquals, assertThrows } from "../lib/testing.ts";
import { parseAddArgs } from "./add.ts";

Deno.test("parseAddArgs: paths and options; bad options name the fix", () => {
  assertEquals(parseAddArgs(["a.html", "dir", "--outlet", "Daily Post", "--data", "d"]), {
    paths: ["a.html", "dir"],
    outlet: "Daily Post",
    dataDir: "d",
    copyThreshold: undefined,
    batch: undefined,
  });
  assertEquals(parseAddArgs(["x", "--copy-threshold", "0.7", "--batch", "10"]).copyThreshold, 0.7);
  assertThrows(() => parseAddArgs([]), /no input given/);
  assertThrows(() => parseAddArgs(["x", "--outlet"]), /--outlet needs a value/);
  assertThrows(() => parseAddArgs(["x", "--copy-threshold", "2"]), /must be in \(0, 1\]/);
  assertThrows(() => parseAddArgs(["x", "--force"]), /unknown option --force/);
});
