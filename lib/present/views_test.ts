import pl from "nodejs-polars";
import { attributionsAuditView } from "./views.ts";
import { tableBundle } from "./display.ts";
import { assert, assertEquals, assertThrows } from "../testing.ts";

Deno.test("attributionsAuditView: nine worded columns that fit the column, content readable", () => {
  const long = "The treaty is a dangerous step, the ministry said in a statement. ".repeat(5);
  const table = pl.DataFrame([
    pl.Series("article_id", ["000", "001"], pl.Utf8),
    pl.Series("field", ["title", "body"], pl.Utf8),
    pl.Series("source_text", ["KCNA", "he"], pl.Utf8),
    pl.Series("source_id", ["kcna", null], pl.Utf8),
    pl.Series("source_type", ["state_media", null], pl.Utf8),
    pl.Series("country", ["KP", null], pl.Utf8),
    pl.Series("cue_text", ["reported", "said"], pl.Utf8),
    pl.Series("kind", ["indirect", "direct"], pl.Utf8),
    pl.Series("via", [null, null], pl.Utf8),
    pl.Series("resolved", [true, false], pl.Bool),
    pl.Series("rule", ["cue-after-content", "quote-then-cue"], pl.Utf8),
    pl.Series("content_text", [long, "We will respond."], pl.Utf8),
  ]);
  const view = attributionsAuditView(table);
  assertEquals(view.columns, [
    "article",
    "source",
    "identified as",
    "cue",
    "kind",
    "via",
    "resolved",
    "rule",
    "content",
  ]);
  assertEquals(view.row(0), [
    "000 (title)",
    "KCNA",
    "kcna · state media · KP",
    "reported",
    "indirect",
    null,
    "yes",
    "cue-after-content",
    long,
  ]);
  assertEquals(view.row(1).slice(2, 3), [null]);
  const html = String(tableBundle(view, { widths: { content: 320 } })["text/html"]);
  const widths = [...html.matchAll(/<col style="width:(\d+)px">/g)].map((m) => Number(m[1]));
  assert(widths.reduce((a, b) => a + b, 0) <= 960, `${widths}`);
  assertEquals(widths.at(-1), 320);
  assertThrows(
    () => attributionsAuditView(pl.DataFrame({ a: [1] })),
    /attributions table of openCorpus\(\) or loadCorpus\(\)/,
  );
});
