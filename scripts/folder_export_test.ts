import pl from "nodejs-polars";
import { assertEquals } from "../lib/testing.ts";
import { ArticleRows, noCleanRules } from "./folder_export.ts";

Deno.test("ArticleRows: each article gets its rows, also across chunk boundaries", () => {
  const df = pl.DataFrame({
    article_id: ["a", "a", "a", "c", "c", "d"],
    start: [1, 2, 3, 4, 5, 6],
  });
  for (const chunk of [1, 2, 4, 100]) {
    const rows = new ArticleRows(df, ["start"], chunk);
    // "b" has no rows; "a" straddles the first chunk boundary for chunks of 1 and 2.
    const got = ["a", "b", "c", "d", "e"].map((id) => rows.take(id).map((r) => r.start));
    assertEquals(got, [[1, 2, 3], [], [4, 5], [6], []], `chunks of ${chunk}`);
  }
});

Deno.test("noCleanRules keeps the title and paragraph-kind rules only", () => {
  const rules = "id,category,match,pattern,action,ignore_case,note\n" +
    'drop-ad,notice,exact,Advertisement,drop,true,"an ad, alone"\n' +
    'title,title,regex,"^.{1,200}$",title,false,\n' +
    "bullet,structure,regex,^• (?<value>.*)$,bullet,false,\n" +
    "byline,byline,regex,^By (?<value>.+)$,byline,false,\n";
  assertEquals(
    noCleanRules(rules, "rules.csv"),
    "id,category,match,pattern,action,ignore_case,note\n" +
      'title,title,regex,"^.{1,200}$",title,false,\n' +
      "bullet,structure,regex,^• (?<value>.*)$,bullet,false,\n",
  );
});
