import { assert, assertEquals } from "../testing.ts";
import { cleanArticle, cleaningRulesFromCsv, templateKey } from "./clean.ts";
import {
  outletTemplateSets,
  templateCandidates,
  templateLines,
  templateLinesOf,
  templateSetKey,
} from "./templates.ts";

const RULES = cleaningRulesFromCsv(
  await Deno.readTextFile(new URL("../testdata/ingest/cleaning_rules.csv", import.meta.url)),
  "lib/testdata/ingest/cleaning_rules.csv",
);

/** A story of its own: a title and a long first paragraph no other story has. */
function story(n: number, ...rest: string[]): string {
  return [
    `Council meets over budget gap number ${n}`,
    `The county council met on day ${n} of the session to discuss a budget gap that officials ` +
    `said could reach several million pounds by the end of the financial year, councillors said.`,
    ...rest,
  ].join("\n");
}

const FOOTER = "Copyright Northern Echo Media Group. All rights reserved.";
const PROMO = "Got a story? Email newsdesk@example.org";

Deno.test("templateLines: a line in 4 stories and half of the outlet's is a template line", () => {
  const texts = [
    story(1, "Roads will close.", PROMO, FOOTER),
    story(2, "Pupils won a prize.", PROMO, FOOTER, FOOTER),
    story(3, "The mayor resigned.", `  Got a story?  Email newsdesk@example.org`, FOOTER),
    story(4, "Roads will close.", FOOTER),
  ];
  // The footer is in all 4 stories; the promo in 3 (< 4); "Roads will close." in 2.
  assertEquals([...templateLines(texts)], [templateKey(FOOTER)]);
  assertEquals(
    [...templateLines(texts, { minArticles: 3 })].sort(),
    [templateKey(FOOTER), templateKey(PROMO)].sort(),
  );
  // With 9 stories, a line must be in 5 (half): the footer in 4 of 9 is not a template.
  const more = [...texts, ...[5, 6, 7, 8, 9].map((n) => story(n, `Other news ${n}.`))];
  assertEquals(templateLines(more).size, 0);
  // cleanArticle removes the template lines passed to it, by the rule template-repeated-line.
  const c = cleanArticle(texts[1], RULES, { templateLines: templateLinesOf(texts[1], new Set()) });
  assert(c.paragraphs.some((p) => p.text === FOOTER));
  const t = templateLines(texts);
  const cleaned = cleanArticle(texts[1], RULES, { templateLines: t });
  assertEquals(cleaned.paragraphs.filter((p) => p.text === FOOTER).length, 0);
  assertEquals(cleaned.removed.filter((r) => r.rule === "template-repeated-line").length, 2);
});

Deno.test("templateLines: wire stock phrases, quotes and reporting paragraphs are kept", () => {
  const stock = "The Kremlin did not immediately respond to a request for comment.";
  const quote = "“We will not back down,” the minister said.";
  const long =
    "Officials said the talks, which began on Monday in Geneva, would continue into the " +
    "weekend as both sides sought to agree the terms of a ceasefire along the front line.";
  const texts = [
    story(1, stock, quote, long),
    story(2, stock, quote, long),
    story(3, quote, long),
    story(4, quote, long),
    story(5, "Sign up to our newsletter"),
  ];
  // The stock phrase is in 2 of 5 stories; the quote (4 of 5) has quotation marks; the long
  // paragraph (4 of 5) is reporting, over 20 words.
  assertEquals(templateLines(texts).size, 0);
});

Deno.test("templateLines: versions of one story count once", () => {
  // Four saves of one story (same long first paragraph, updated last line) share their short
  // lines: they are one story, so nothing is a template line.
  const versions = [1, 2, 3, 4].map((k) =>
    [
      "Flood warning for the river valley",
      "The Environment Agency issued a flood warning for the river valley on Tuesday after two " +
      "days of heavy rain raised water levels to their highest point in a decade, it said.",
      "Residents were told to move valuables upstairs.",
      "Schools in the valley are closed.",
      `Update ${k}: the water level is still rising.`,
    ].join("\n")
  );
  assertEquals(templateLines(versions).size, 0);
  // The same lines in four different stories are template lines.
  const stories = [1, 2, 3, 4].map((n) =>
    story(n, "Residents were told to move valuables upstairs.", "Schools in the valley are closed.")
  );
  assertEquals(templateLines(stories).size, 2);
});

Deno.test("outletTemplateSets: per outlet; the set's key changes with the set", () => {
  const a = (outlet: string | null, text: string) => ({ outlet, ...templateCandidates(text) });
  const echo = [1, 2, 3, 4].map((n) => a("Echo", story(n, FOOTER)));
  const other = [1, 2, 3, 4].map((n) => a("Courier", story(n, `Courier news ${n}.`)));
  const none = [1, 2, 3, 4].map((n) => a(null, story(n, FOOTER)));
  const sets = outletTemplateSets([...echo, ...other, ...none]);
  assertEquals([...sets.keys()], ["Echo"]);
  const key = templateSetKey(sets.get("Echo"));
  assert(key !== "");
  assertEquals(templateSetKey(new Set()), "");
  const sets2 = outletTemplateSets([...echo.slice(0, 3), a("Echo", story(9, "Other."))]);
  assertEquals(sets2.size, 0);
  const sets3 = outletTemplateSets([...echo, ...[5, 6].map((n) => a("Echo", story(n, PROMO)))]);
  assertEquals(templateSetKey(sets3.get("Echo")), key);
  const sets4 = outletTemplateSets([...echo, ...[5, 6].map((n) => a("Echo", story(n, FOOTER)))]);
  assertEquals(templateSetKey(sets4.get("Echo")), key);
  const sets5 = outletTemplateSets(
    [1, 2, 3, 4].map((n) => a("Echo", story(n, FOOTER, PROMO))),
  );
  assert(templateSetKey(sets5.get("Echo")) !== key);
});
