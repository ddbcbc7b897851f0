import pl from "nodejs-polars";
import { hashesTable, removedByCategory, removedByRule, structureByArticle } from "./corpus.ts";
import { assertEquals, assertThrows } from "../testing.ts";

// Three articles; "b" has no paragraphs, sentences or removed lines.
const articles = pl.DataFrame({
  id: ["c", "a", "b"],
  outlet: ["Outlet C", "Outlet A", "Outlet B"],
  n_words: [30, 10, 0],
});
const paragraphs = pl.DataFrame({ article_id: ["a", "a", "c"], paragraph: [0, 1, 0] });
const sentences = pl.DataFrame({
  article_id: ["a", "a", "a", "c", "c"],
  sentence: [0, 1, 2, 0, 1],
});
const removed = pl.DataFrame({
  article_id: ["a", "a", "c", "a"],
  line: [1, 2, 9, 7],
  category: ["navigation", "title", "navigation", "navigation"],
});

Deno.test("structureByArticle counts paragraphs, sentences and removed lines per article", () => {
  const out = structureByArticle({ articles, paragraphs, sentences, removed });
  assertEquals(out.columns, [
    "id",
    "outlet",
    "n_paragraphs",
    "n_sentences",
    "n_words",
    "n_removed",
  ]);
  assertEquals(out.toRecords(), [
    { id: "c", outlet: "Outlet C", n_paragraphs: 1, n_sentences: 2, n_words: 30, n_removed: 1 },
    { id: "a", outlet: "Outlet A", n_paragraphs: 2, n_sentences: 3, n_words: 10, n_removed: 3 },
    { id: "b", outlet: "Outlet B", n_paragraphs: 0, n_sentences: 0, n_words: 0, n_removed: 0 },
  ]);
});

Deno.test("removedByCategory gives one row per article and category", () => {
  const out = removedByCategory(removed, articles);
  assertEquals(out.toRecords(), [
    { article_id: "a", outlet: "Outlet A", category: "navigation", n_lines: 2 },
    { article_id: "a", outlet: "Outlet A", category: "title", n_lines: 1 },
    { article_id: "c", outlet: "Outlet C", category: "navigation", n_lines: 1 },
  ]);
});

Deno.test("summaries name the table and the missing column", () => {
  assertThrows(
    () => removedByCategory(pl.DataFrame({ article_id: ["a"] }), articles),
    /removedByCategory: the removed table has no column "category"; it has article_id; pass the tables of openCorpus\(\) or loadCorpus\(\)/,
  );
  assertThrows(
    () =>
      structureByArticle({
        articles: pl.DataFrame({ id: ["a"] }),
        paragraphs,
        sentences,
        removed,
      }),
    /structureByArticle: the articles table has no columns "outlet", "n_words"; it has id/,
  );
});

Deno.test("hashesTable lists inputs sorted with their sha256", () => {
  assertEquals(hashesTable({ rules: "22", manifest: "11" }).toRecords(), [
    { input: "manifest", sha256: "11" },
    { input: "rules", sha256: "22" },
  ]);
  assertEquals(hashesTable({}).height, 0);
});

Deno.test("removedByRule sums lines and code points per outlet and rule, titles left out", () => {
  const arts = pl.DataFrame({ id: ["a", "b", "c"], outlet: ["Post", "Post", "Herald"] });
  const rem = pl.DataFrame({
    article_id: ["a", "b", "b", "c", "a", "c"],
    rule: ["share", "share", "caption", "share", "title-first-line", "time-ago"],
    category: ["share", "share", "caption", "share", "title", "timestamp"],
    text: ["Share this", "  Share on X ", "(File photo)", "Tweet", "A title", "2 hours ago 🕑"],
  });
  assertEquals(removedByRule(rem, arts).toRecords(), [
    { outlet: "Herald", rule: "time-ago", category: "timestamp", lines: 1, characters: 13 },
    { outlet: "Herald", rule: "share", category: "share", lines: 1, characters: 5 },
    { outlet: "Post", rule: "share", category: "share", lines: 2, characters: 20 },
    { outlet: "Post", rule: "caption", category: "caption", lines: 1, characters: 12 },
  ]);
  assertEquals(removedByRule(rem, arts, { withTitle: true }).height, 5);
  assertThrows(
    () => removedByRule(rem.drop("text"), arts),
    /removedByRule: the removed table has no column "text"/,
  );
});
