import { assertRejects } from "../testing.ts";
import { parseActors } from "./actors.ts";

Deno.test("parseActors refuses exclusion contexts that could backtrack, naming the line and column", async () => {
  const head = "actor,alias,kind,type,exclude_before,exclude_after\n";
  await assertRejects(
    () => parseActors(head + "Kim Jong Un,Kim,name,person,(\\w+\\s?)+sanctions,\n", "actors.csv"),
    /actors\.csv line 2, column exclude_before, character 1: .* could take minutes/,
  );
  await assertRejects(
    () => parseActors(head + "Kim Jong Un,Kim,name,person,,(a|aa)*b\n", "actors.csv"),
    /actors\.csv line 2, column exclude_after.*could take minutes/,
  );
});
