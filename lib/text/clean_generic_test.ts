/**
 * Generic page cleaning on pages written for these tests in several site styles (none of the
 * bundled outlets), and the guard that keeps text when a rule matches inside a long line.
 * Rules come from lib/testdata/ingest/cleaning_rules.csv, a copy of data/cleaning_rules.csv.
 */
import { assert, assertEquals } from "../testing.ts";
import {
  cleanArticle,
  type CleanedArticle,
  cleaningRulesFromCsv,
  DEBRIS_LINE_MAX,
} from "./clean.ts";

const RULES = cleaningRulesFromCsv(
  await Deno.readTextFile(new URL("../testdata/ingest/cleaning_rules.csv", import.meta.url)),
  "lib/testdata/ingest/cleaning_rules.csv",
);

const kept = (c: CleanedArticle) => c.paragraphs.map((p) => p.text);
const words = (c: CleanedArticle) =>
  c.paragraphs.reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0);
const removedBy = (c: CleanedArticle) => Object.fromEntries(c.removed.map((r) => [r.text, r.rule]));

Deno.test("wire style: caption credit, link line, share widget, time stamps removed", () => {
  const page = [
    "Ukraine and Poland agree on grain transit",
    "2 hours ago",
    "Updated 14:02 GMT",
    "Share this article",
    "WARSAW (Reuters) - Ukraine and Poland agreed on Tuesday to speed up grain transit, " +
    "officials said.",
    "Trucks wait at the border crossing near Dorohusk. (AP Photo/Czarek Sokolowski)",
    "The deal follows months of protests by Polish farmers.",
    "Also read: Farmers block roads across Poland",
    '"We found a solution," the minister told reporters.',
    "Facebook Twitter Email",
  ].join("\n");
  const c = cleanArticle(page, RULES, { file: "wire.txt" });
  assertEquals(c.title, "Ukraine and Poland agree on grain transit");
  assertEquals(kept(c), [
    "WARSAW (Reuters) - Ukraine and Poland agreed on Tuesday to speed up grain transit, " +
    "officials said.",
    "The deal follows months of protests by Polish farmers.",
    '"We found a solution," the minister told reporters.',
  ]);
  assertEquals(removedBy(c)["2 hours ago"], "time-ago");
  assertEquals(removedBy(c)["Updated 14:02 GMT"], "time-labelled");
  assertEquals(c.date_line, "14:02 GMT");
  assertEquals(removedBy(c)["Share this article"], "prompt-share-follow");
  assertEquals(
    removedBy(c)["Trucks wait at the border crossing near Dorohusk. (AP Photo/Czarek Sokolowski)"],
    "caption-credit-trailing",
  );
  assertEquals(removedBy(c)["Also read: Farmers block roads across Poland"], "link-labelled");
  assertEquals(removedBy(c)["Facebook Twitter Email"], "prompt-share-follow");
  assertEquals(c.shrunk, false);
  assertEquals(c.shrink_warning, null);
});

Deno.test("tabloid style: all-caps promos, photo credits, a caption between debris lines", () => {
  const page = [
    "Minister quits after row over hospital cash",
    "By Sarah Jones",
    "Photo: Getty",
    "Minister leaves Downing Street",
    "Follow us on Instagram",
    "The health minister resigned last night after a furious row over hospital funding.",
    "SHOCK AS STAR QUITS SOAP AFTER 20 YEARS",
    'Friends said she had been "under enormous pressure" for weeks.',
    "(File photo)",
    "John Smith/Getty Images",
    "Read more",
    "TOP TEN HOLIDAY DESTINATIONS",
    "Celebrity chef opens new restaurant",
    "Downing Street said a replacement would be named today.",
  ].join("\n");
  const c = cleanArticle(page, RULES, { file: "tabloid.txt" });
  assertEquals(kept(c), [
    "The health minister resigned last night after a furious row over hospital funding.",
    'Friends said she had been "under enormous pressure" for weeks.',
    "Downing Street said a replacement would be named today.",
  ]);
  assertEquals(c.byline, "Sarah Jones");
  assertEquals(c.credit, "Getty");
  const by = removedBy(c);
  assertEquals(by["Minister leaves Downing Street"], "between-short-unpunctuated");
  assertEquals(by["SHOCK AS STAR QUITS SOAP AFTER 20 YEARS"], "headline-all-caps");
  assertEquals(by["(File photo)"], "caption-photo-label");
  assertEquals(by["John Smith/Getty Images"], "caption-credit-trailing");
  assertEquals(by["Follow us on Instagram"], "prompt-share-follow");
  // "Read more" opens a headline list that ends at the next sentence-like body line.
  assertEquals(by["Celebrity chef opens new restaurant"], "block-you-may-also-like");
});

Deno.test("regional press and state media: newsletter prompts, labelled credits, cookie buttons", () => {
  const page = [
    "Council approves new tram line",
    "Published 19 June 2024",
    "We use cookies to improve your experience on our website.",
    "Accept all",
    "Manage preferences",
    "The city council on Wednesday approved a 12-kilometre tram line to the northern suburbs.",
    "Image: Reuters",
    "Construction is expected to start next spring, the mayor's office said.",
    "Subscribe to our newsletter for the latest local news.",
    "Related: Bus fares to rise in September",
    "Follow TASS on Telegram.",
    "Opponents say the 300-million-euro budget is unrealistic.",
  ].join("\n");
  const c = cleanArticle(page, RULES, { file: "regional.txt" });
  assertEquals(kept(c), [
    "The city council on Wednesday approved a 12-kilometre tram line to the northern suburbs.",
    "Construction is expected to start next spring, the mayor's office said.",
    "Opponents say the 300-million-euro budget is unrealistic.",
  ]);
  assertEquals(c.date_line, "19 June 2024");
  assertEquals(c.credit, "Reuters");
  const by = removedBy(c);
  assertEquals(by["Accept all"], "notice-consent-button");
  assertEquals(
    by["Subscribe to our newsletter for the latest local news."],
    "prompt-subscribe-sentence",
  );
  assertEquals(by["Follow TASS on Telegram."], "prompt-subscribe-sentence");
  assertEquals(by["Related: Bus fares to rise in September"], "link-labelled");
});

Deno.test("live blog: time stamps alone on a line go, entries stay", () => {
  const page = [
    "Live: Storm hits the coast",
    "14:02 GMT",
    "Winds of up to 120 km/h have been recorded in the port, the weather service says.",
    "5 mins ago",
    "June 19, 2024",
    "Watch: Waves batter the seafront",
    "Ferries between the islands have been cancelled for the rest of the day.",
  ].join("\n");
  const c = cleanArticle(page, RULES, { file: "live.txt" });
  assertEquals(kept(c), [
    "Winds of up to 120 km/h have been recorded in the port, the weather service says.",
    "Ferries between the islands have been cancelled for the rest of the day.",
  ]);
  const by = removedBy(c);
  assertEquals(by["14:02 GMT"], "time-stamp-time");
  assertEquals(by["5 mins ago"], "time-ago");
  assertEquals(by["June 19, 2024"], "time-stamp-date");
  assertEquals(by["Watch: Waves batter the seafront"], "link-labelled");
});

Deno.test("body lines that start like debris are kept", () => {
  const body = [
    "Share prices fell sharply on Monday after the announcement.",
    "Follow the money, the prosecutor told the court.",
    "Related talks will continue in Beijing next week.",
    "More than 20 people were injured, police said.",
    "Watch this space, the minister said on Tuesday.",
    "NATO",
    "Email records show the contract was signed in May.",
  ];
  const c = cleanArticle(["A headline", ...body].join("\n"), RULES);
  assertEquals(kept(c), body);
  assertEquals(c.removed.map((r) => r.rule), ["title-first-line"]);
});

Deno.test("a long single-line article holding debris phrases keeps its words", () => {
  const sentence =
    "The two leaders signed the agreement in the capital on Wednesday, officials said. ";
  const article = sentence.repeat(10) +
    "If you prefer the English version of our website, switch now. " +
    sentence.repeat(10) + "Photo credit (AP Photo/Evan Vucci)";
  assert(article.length > DEBRIS_LINE_MAX);
  const c = cleanArticle(article, RULES, { file: "one_line.txt" });
  const total = article.split(/\s+/).filter(Boolean).length;
  // Only the two matched spans go: "prefer the English version of our website" (6 words)
  // and the trailing credit "(AP Photo/Evan Vucci)" (3 words).
  assertEquals(words(c), total - 6 - 3);
  assertEquals(
    c.removed.map((r) => [r.rule, r.text]),
    [
      ["notice-language-switch", "prefer the English version of our website"],
      ["caption-credit-trailing", "(AP Photo/Evan Vucci)"],
    ],
  );
  for (const r of c.removed) assert(r.span !== undefined, "a span removal records its offsets");
  assertEquals(c.shrunk, false);
  // Paragraph text is the file text at its offsets.
  for (const p of c.paragraphs) assertEquals(article.slice(p.file_start, p.file_end), p.text);
});

Deno.test("a long line matched whole by a line rule is kept whole", () => {
  const article = "Source: " + "The ministry said the talks would resume next month. ".repeat(12);
  const c = cleanArticle(article, RULES);
  assertEquals(c.removed, []);
  assertEquals(c.source_line, null);
  assertEquals(kept(c), [article.trim()]);
});

Deno.test("an article that cleaning shrinks by more than half is flagged with a message", () => {
  const page = [
    "Short story",
    "The vote was postponed until Friday.",
    "Recommended",
    ...Array.from({ length: 12 }, (_, i) => `Headline number ${i} about something else entirely`),
  ].join("\n");
  const c = cleanArticle(page, RULES, { file: "mostly_debris.html" });
  assertEquals(kept(c), ["The vote was postponed until Friday."]);
  assertEquals(c.shrunk, true);
  assert(
    c.shrink_warning !== null &&
      c.shrink_warning.startsWith("mostly_debris.html: cleaning kept 36 of "),
  );
  assert(c.shrink_warning!.includes("block-you-may-also-like 13"));
});

Deno.test("scope: a site rule applies only to its outlet or site", () => {
  const rules = cleaningRulesFromCsv(
    [
      "id,category,match,pattern,action,ignore_case,note,scope",
      "teaser,promo,regex,^Tap for more$,drop,true,,Harbour Times",
      "teaser-site,promo,regex,^Swipe for more$,drop,true,,harbourtimes.example",
    ].join("\n"),
    "rules.csv",
  );
  const page = "Tap for more\nSwipe for more\nThe port reopened on Monday.";
  assertEquals(kept(cleanArticle(page, rules)).length, 3);
  assertEquals(kept(cleanArticle(page, rules, { outlet: "harbour times" })), [
    "Swipe for more",
    "The port reopened on Monday.",
  ]);
  assertEquals(
    kept(cleanArticle(page, rules, { url: "https://www.news.harbourtimes.example/a/1" })),
    ["Tap for more", "The port reopened on Monday."],
  );
  assertEquals(rules.rules.map((r) => r.scope), ["harbour times", "harbourtimes.example"]);
});
