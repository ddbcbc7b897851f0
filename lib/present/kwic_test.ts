import pl from "nodejs-polars";
import { kwicBundle, kwicHtml, kwicTable } from "./kwic.ts";
import { capRows } from "./display.ts";
import { miniCorpus } from "../testdata/mini_corpus.ts";
import { assert, assertEquals } from "../testing.ts";

const corpus = await miniCorpus(
  [{
    id: "a1",
    outlet: "Hostile <b>News</b>",
    title: "<script>alert(1)</script> dictator",
    body: "😀 A dictator <img src=x onerror=alert(1)> ruled.\n\nSecond dictator line.",
  }],
  { "lexicons/framing.csv": "pattern,category,target\ndictator*,loaded_negative,person\n" },
);

Deno.test("kwicTable: context, hit and sentence for every hit", () => {
  const kwic = kwicTable(corpus.hits, corpus, { width: 5 });
  assertEquals(kwic.toRecords().map((r) => [r.field, r.left, r.hit, r.right, r.sentence]), [
    ["title", "ipt> ", "dictator", "", "<script>alert(1)</script> dictator"],
    ["body", "😀 A ", "dictator", " <img", "😀 A dictator <img src=x onerror=alert(1)> ruled."],
    ["body", "  Second ".slice(-5), "dictator", " line", "Second dictator line."],
  ]);
});

Deno.test("kwicHtml: article text is escaped, the hit is marked", () => {
  const html = kwicHtml(kwicTable(corpus.hits, corpus));
  assert(!html.includes("<script>") && !html.includes("<img"), "no live markup from the text");
  assert(html.includes("&lt;img src=x onerror=alert(1)&gt;"));
  assert(html.includes("Hostile &lt;b&gt;News&lt;/b&gt;"));
  assertEquals(html.match(/<mark>dictator<\/mark>/g)?.length, 3);
});

Deno.test("kwicBundle: escaped HTML table and a plain-text count", () => {
  const kwic = kwicTable(corpus.hits, corpus);
  const bundle = kwicBundle(kwic);
  assertEquals(Object.keys(bundle).sort(), ["text/html", "text/plain"]);
  const html = String(bundle["text/html"]);
  assertEquals(html, kwicHtml(kwic));
  assert(!html.includes("<script>") && !html.includes("<img"), "no live markup from the text");
  assertEquals(bundle["text/plain"], "3 hits in context (HTML table)");
  const two = String(kwicBundle(kwic, { maxRows: 2 })["text/html"]);
  assertEquals(two.match(/<mark>/g)?.length, 2);
  assert(two.includes("showing 2 of 3 hits"), two.slice(-200));
});

Deno.test("kwicHtml: fits a 960-pixel column, every outlet shown when cut, sentence on hover", () => {
  const row = (outlet: string, i: number) => ({
    article_id: `a${i}`,
    outlet,
    field: "body",
    voice: "quote",
    speaker: i === 0 ? "Kim Jong Un" : null,
    category: "loaded_negative",
    term: "dictator*",
    left: "x ".repeat(60),
    hit: "dictators",
    right: " y".repeat(60),
    sentence: `Sentence ${i} with "quotes".`,
  });
  const kwic = pl.DataFrame([
    ...Array.from({ length: 9 }, (_, i) => row("Big Daily", i)),
    row("unnamed (z)", 9),
  ]);
  const html = kwicHtml(kwic, { maxRows: 4, name: "audit" });
  const widths = [...html.matchAll(/<col style="width:(\d+)px">/g)].map((m) => Number(m[1]));
  assert(widths.reduce((a, b) => a + b, 0) + widths.length * 13 <= 960, `${widths}`);
  assert(html.includes("outlet not given (z)"), "the small outlet is not hidden");
  assert(html.includes("showing 3 of 10 hits (at most 2 per outlet); the full table is `audit`"));
  assert(html.includes('title="Sentence 0 with &quot;quotes&quot;."'));
  assert(html.includes("quote (Kim Jong Un)"));
  assert(html.includes("loaded (negative): dictator*"));
  assert(!html.includes(">null<"));
});

Deno.test("kwic of the capped hits only: the note counts every hit, the texts read are the shown articles'", () => {
  const hits = corpus.hits;
  const shown = capRows(hits, 2);
  assertEquals(shown.total, 3);
  const kwic = kwicTable(shown.rows, corpus, { width: 5 });
  assertEquals(kwic.height, 2);
  const bundle = kwicBundle(kwic, { cut: shown, name: "notNeutral" });
  assert(
    String(bundle["text/html"]).includes(
      "showing 2 of 3 hits (at most 2 per outlet); the full table is `notNeutral`",
    ),
  );
  assertEquals(bundle["text/plain"], "3 hits in context (HTML table)");
  // Through the store's lazy scan, the same rows as from the whole tables.
  const scanned = kwicTable(shown.rows, {
    ...corpus,
    scan: (t) =>
      (t === "articles" ? corpus.articles.rename({ id: "article_id" }) : corpus.sentences).lazy(),
  }, { width: 5 });
  assertEquals(JSON.stringify(scanned.toRecords()), JSON.stringify(kwic.toRecords()));
});
