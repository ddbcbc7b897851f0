import { assert, assertEquals, assertMatch, assertThrows } from "../testing.ts";
import {
  cleanArticle,
  type CleanedArticle,
  type CleaningRules,
  cleaningRulesFromCsv,
  loadCleaningRules,
  parseCleaningRules,
} from "./clean.ts";
import { decodeArticleBytes } from "../io/decode.ts";
import { CorpusError } from "../io/csv.ts";
import { parseManifest } from "../io/manifest.ts";

const DATA = new URL("../testdata/bundled/", import.meta.url);
const RULES = await loadCleaningRules(new URL("cleaning_rules.csv", DATA).pathname);
const MANIFEST = parseManifest(
  await Deno.readTextFile(new URL("articles.csv", DATA)),
  "data/articles.csv",
);

async function cleanSeed(id: string): Promise<{ c: CleanedArticle; text: string; body: string }> {
  const entry = MANIFEST.find((e) => e.id === id)!;
  const bytes = await Deno.readFile(new URL(`articles/${entry.file}`, DATA));
  const { text } = decodeArticleBytes(bytes, entry.file);
  const c = cleanArticle(text, RULES, {
    title: entry.title,
    file: entry.file,
    outlet: entry.outlet,
    url: entry.url,
  });
  return { c, text, body: c.paragraphs.map((p) => p.text).join("\n\n") };
}

const cpSlice = (t: string, s: number, e: number) => Array.from(t).slice(s, e).join("");

/** Lines of each seed that are article body, counted by hand from `cat -A`. */
const odd = (from: number, to: number) =>
  Array.from({ length: (to - from) / 2 + 1 }, (_, i) => from + 2 * i);
const BODY_LINES: Record<string, number[]> = {
  // title (1), 7 paragraphs on odd lines 3..15, "Copyright 2024," (17)
  "000": odd(3, 15),
  // title (1), 18 paragraphs on lines 2..19 (single newlines), "Add Comment" (20)
  "001": Array.from({ length: 18 }, (_, i) => i + 2),
  // title, "Publication date", 2 repeated titles, source line (1-7); intro (9), subheading (11),
  // 5 bullets (13-17), then subheadings and paragraphs on odd lines 19..89; cookie (91) and
  // language-switch (93) notices
  "002": [9, 11, 13, 14, 15, 16, 17, ...odd(19, 89)],
  // no title line: all 8 lines are body
  "003": [1, 2, 3, 4, 5, 6, 7, 8],
  // navigation (1), title (3), byline (5), credits (7-8), 5 paragraphs (10-18), then debris
  "004": odd(10, 18),
};
const EXPECTED_COUNTS: Record<string, number> = {
  "000": 7,
  "001": 18,
  "002": 43,
  "003": 8,
  "004": 5,
};

for (const id of Object.keys(BODY_LINES)) {
  Deno.test(`seed ${id}: every body paragraph is kept, nothing else`, async () => {
    const { c, text } = await cleanSeed(id);
    assertEquals(c.paragraphs.length, EXPECTED_COUNTS[id]);
    assertEquals(c.paragraphs.map((p) => p.line), BODY_LINES[id]);
    // Paragraph text is exactly the file text at its offsets (code points).
    for (const p of c.paragraphs) assertEquals(cpSlice(text, p.file_start, p.file_end), p.text);
    // Every non-blank line is either kept or reported as removed, with a rule id.
    const lines = text.split("\n");
    const nonBlank = lines.flatMap((l, i) => l.replace(/\u00a0/g, " ").trim() ? [i + 1] : []);
    const accounted = [...c.paragraphs.map((p) => p.line), ...c.removed.map((r) => r.line)]
      .sort((a, b) => a - b);
    assertEquals(accounted, nonBlank);
    for (const r of c.removed) assertEquals(r.text, lines[r.line - 1]);
  });
}

Deno.test("seed 000: copyright footer and title gone, the '( – The Kyiv' line kept", async () => {
  const { c, body } = await cleanSeed("000");
  assert(!body.includes("Copyright"));
  assert(!body.includes("Russia Strikes Military Assistance Deal"));
  assertEquals(c.title, "Russia Strikes Military Assistance Deal With N. Korea");
  assertEquals(
    c.paragraphs[0].text,
    "( – The Kyiv Independent’s latest figures show that Russia has suffered massive losses of " +
      "troops (534,360) and equipment since it launched a full-scale invasion of Ukraine. As the " +
      "Russo-Ukrainian War winds its way toward its third anniversary, Russian President Vladimir " +
      "Putin recently traveled to North Korea to renew a military assistance deal with Kim Jong-un.",
  );
  assertEquals(
    c.paragraphs[6].text,
    "“All the clauses were the same in our previous agreement,” Putin explained, adding, “There " +
      "is nothing new here” from the original 1962 treaty.",
  );
  assertEquals(c.removed.map((r) => r.rule), ["title-line-repeat", "footer-copyright"]);
  assertEquals(c.warnings, []);
});

Deno.test("seed 001: comment widget gone, first and last paragraph exact", async () => {
  const { c, body } = await cleanSeed("001");
  assert(!body.includes("Add Comment"));
  assert(!body.includes("Assist Each Other If Attacked"));
  assertEquals(
    c.paragraphs[0].text,
    "Russian President, Vladimir Putin, and North Korean president, Kim Jong Un, have finalised " +
      "a strategic partnership, committing to mutual aid in case of attack during a summit in " +
      "Pyongyang on Wednesday.",
  );
  assertEquals(
    c.paragraphs[17].text,
    "Tensions remain elevated on the Korean Peninsula, with ongoing military exercises and " +
      "provocations from both sides reminiscent of Cold War-era tactics.",
  );
  assertEquals(c.removed.map((r) => r.rule), ["title-line-repeat", "widget-add-comment"]);
});

Deno.test("seed 002: source line, date label, repeated titles, notices gone; kinds", async () => {
  const { c, body } = await cleanSeed("002");
  for (
    const debris of [
      "Publication date",
      "Source:",
      "RBC Ukraine",
      "cookies",
      "English version of our website",
      "Would you like to switch",
      "agreement: details",
      "\u00a0",
      "•",
    ]
  ) assert(!body.includes(debris), `body still holds ${JSON.stringify(debris)}`);
  assertEquals(c.source_line, "RBC Ukraine");
  assertEquals(c.date_line, null); // the label has no date
  assertEquals(c.removed.filter((r) => r.rule === "title-line-repeat").length, 3);
  const subheadings = c.paragraphs.filter((p) => p.kind === "subheading").map((p) => p.text);
  assertEquals(subheadings, [
    "Points of attention",
    "Dictators Putin and Kim Jong-un signed a new agreement",
    "What can be in the new document",
    "Why a new treaty to both dictators",
    "Possible consequences of the treaty between the Russian Federation and the DPRK for Ukraine",
  ]);
  const bullets = c.paragraphs.filter((p) => p.kind === "bullet");
  assertEquals(bullets.length, 5);
  assertEquals(
    bullets[0].text,
    "Putin and Kim Jong-un have signed a strategic partnership agreement that could raise " +
      "concerns in Ukraine over possible military cooperation and arms supplies.",
  );
  assertEquals(
    c.paragraphs[0].text,
    "The illegitimate president of Russia, Vladimir Putin, concluded a strategic partnership " +
      "agreement with North Korean dictator Kim Jong-un. There is no text of the agreement yet, " +
      "but many media outlets are writing about the military alliance, as the document provides " +
      "for mutual protection.",
  );
  assertEquals(
    c.paragraphs[42].text,
    "First, North Korea will continue to supply weapons and primarily, of course, ammunition. " +
      "Secondly, deliveries of equipment can begin. But there are no inexhaustible reserves. And " +
      "another such moment. If Russia can scoop up everything and fight to the last, then Kim " +
      "Jong-un is a paranoid who expects an attack from Japan, South Korea, the USA, and really " +
      "believes in it. Therefore, supplies will be limited.",
  );
});

Deno.test("seed 003: no title line, nothing removed, a warning says the title is unknown", async () => {
  const { c } = await cleanSeed("003");
  assertEquals(c.title, null);
  assertEquals(c.removed, []);
  assertEquals(c.warnings.length, 1);
  assertMatch(c.warnings[0], /003_792d328d63c8fd01\.txt: no title — the first line is body text/);
  assertEquals(
    c.paragraphs[7].text,
    "Following the summit, Putin flew to Vietnam for a state visit. Video footage from AFP " +
      "captured his arrival in Hanoi early Thursday morning, marking the continuation of his " +
      "diplomatic engagements in the region.",
  );
});

Deno.test("seed 004: byline, credit, contact, widgets, headline lists all gone", async () => {
  const { c, body } = await cleanSeed("004");
  for (
    const debris of [
      "Quick access to main page",
      "Daniel Kim",
      "Views",
      "Yonhap",
      "content@viewusglobal.com",
      "Comments0",
      "Latest Stories",
      "You May Also Like",
      "Popular Now",
      "Must-Reads",
      "do_shortcode",
      "&nbsp",
      "BUSINESS",
      "LATEST",
      "ENTERTAINMENT",
      "NVIDIA",
      "BLACKPINK",
      "Azerbaijan",
      "Here’s What It Means",
      "\u00a0",
      "•",
    ]
  ) assert(!body.includes(debris), `body still holds ${JSON.stringify(debris)}`);
  assert(!c.paragraphs.some((p) => p.text === "300"));
  assertEquals(c.byline, "Daniel Kim");
  assertEquals(c.credit, "Yonhap News");
  assertEquals(
    c.title,
    "North Korea and Russia Just Signed a Massive New Military Deal – Here’s What It Means",
  );
  assertEquals(
    c.paragraphs[0].text.slice(0, 49),
    "On Wednesday, a new treaty to restore the militar",
  );
  assertEquals(
    c.paragraphs[4].text,
    "This development marks the completion of all treaty enactment procedures, approximately six " +
      "months after North Korean leader Kim Jong Un and President Vladimir Putin signed it in " +
      "Pyongyang on June 19. The comprehensive strategic partnership treaty specifies mutual " +
      "military support in case either country faces war, effectively reinstating their military " +
      "alliance.",
  );
  const rules = new Set(c.removed.map((r) => r.rule));
  for (
    const r of [
      "nav-skip-links",
      "meta-byline-views",
      "meta-credit-agency",
      "meta-byline-repeat",
      "meta-contact-email",
      "widget-comments-count",
      "widget-bare-number",
      "block-latest-stories",
      "template-residue",
      "block-you-may-also-like",
      "block-popular-now",
      "block-must-reads",
      "list-category-label",
      "list-item-number",
    ]
  ) assert(rules.has(r), `rule ${r} removed nothing`);
});

// ---- generic behaviour on small texts -----------------------------------------------

Deno.test("a headline block ends at the next body-like line, which is kept", () => {
  const text = [
    "A Title",
    "First paragraph of the story.",
    "Popular Now",
    "  • 1",
    "    Some Other Headline About Markets",
    "    BUSINESS&nbsp",
    "The story goes on here with a full sentence of text.",
    "Must-Reads",
    "Short tail headline",
  ].join("\n");
  const c = cleanArticle(text, RULES);
  assertEquals(c.paragraphs.map((p) => p.text), [
    "First paragraph of the story.",
    "The story goes on here with a full sentence of text.",
  ]);
  assertEquals(c.removed.map((r) => [r.line, r.rule]), [
    [1, "title-first-line"],
    [3, "block-popular-now"],
    [4, "list-item-number"],
    [5, "block-popular-now"],
    [6, "list-category-label"],
    [8, "block-must-reads"],
    [9, "block-must-reads"],
  ]);
});

Deno.test("the manifest title wins; a differing file title gives a warning naming the line", () => {
  const c = cleanArticle("\nFile Title Here\nBody sentence.", RULES, {
    title: "Manifest Title",
    file: "x.txt",
  });
  assertEquals(c.title, "Manifest Title");
  assertEquals(c.fileTitle, "File Title Here");
  assertEquals(c.warnings, [
    "x.txt line 2: title line 'File Title Here' differs from the manifest title " +
    "'Manifest Title'; the manifest title is used",
  ]);
});

Deno.test("bullet paragraphs start after the marker; offsets count code points", () => {
  const text = "Title 😀\n  • 😀 first point.\nPlain 🚀 line.";
  const c = cleanArticle(text, RULES);
  assertEquals(c.paragraphs.map((p) => [p.kind, p.text, p.file_start, p.file_end]), [
    ["bullet", "😀 first point.", 12, 26],
    ["text", "Plain 🚀 line.", 27, 40],
  ]);
  for (const p of c.paragraphs) assertEquals(cpSlice(text, p.file_start, p.file_end), p.text);
});

Deno.test("an article that is all debris keeps no paragraphs and warns", () => {
  const c = cleanArticle("Add Comment\nComments0", RULES, { title: "T", file: "e.txt" });
  assertEquals(c.paragraphs, []);
  assert(c.warnings.some((w) => /e\.txt: no body text left after cleaning/.test(w)));
});

Deno.test("bad rules name the line and column", () => {
  const rec = (o: Record<string, string>) => ({
    id: "r",
    category: "c",
    match: "exact",
    pattern: "x",
    action: "drop",
    ...o,
  });
  assertThrows(
    () => parseCleaningRules([rec({}), rec({ id: "s", action: "remove" })], "rules.csv"),
    /^rules\.csv line 3, column 'action': 'remove' is not one of drop, block_start/,
  );
  assertThrows(
    () => parseCleaningRules([rec({ match: "regex", pattern: "(" })], "rules.csv"),
    /^rules\.csv line 2, column 'pattern': invalid regular expression/,
  );
  assertThrows(
    () => parseCleaningRules([rec({}), rec({})], "rules.csv"),
    /^rules\.csv lines 2 and 3: duplicate rule id 'r'/,
  );
  assertThrows(
    () => parseCleaningRules([rec({ pattern: "" })], "rules.csv"),
    /line 2, column 'pattern': empty/,
  );
  const e = assertThrows(
    () => cleaningRulesFromCsv("id,category,pattern,action\nx,y,z,drop\n", "r.csv"),
    /^r\.csv line 1 \(header\): required column 'match' is missing/,
  );
  assert(e instanceof CorpusError);
});

Deno.test("rules from CSV: exact and prefix matches; an old no_sentence_break row is named", () => {
  assertThrows(
    () =>
      cleaningRulesFromCsv(
        "id,category,match,pattern,action,ignore_case,note\n" +
          "ab,sentence,exact,Mr.,no_sentence_break,false,\n",
        "r.csv",
      ),
    /^r\.csv line 2, column 'action': no_sentence_break rules are gone: abbreviations are listed in abbreviations\.csv .* move 'Mr\.' there/,
  );
  const rules: CleaningRules = cleaningRulesFromCsv(
    "id,category,match,pattern,action,ignore_case,note\n" +
      "ex,widget,exact,Share this,drop,true,\n" +
      'pre,source,prefix,"Source:",source_line,false,\n',
    "r.csv",
  );
  const c = cleanArticle("SHARE  THIS\nSource:  Wire Co\nBody text.", rules);
  assertEquals(c.paragraphs.map((p) => p.text), ["Body text."]);
  assertEquals(c.source_line, "Wire Co");
  assertEquals(c.removed.map((r) => r.rule), ["ex", "pre"]);
});

Deno.test("regex rules with length / word lookaheads: same lines as the full regex", () => {
  const rules = cleaningRulesFromCsv(
    "id,category,match,pattern,action,ignore_case,note\n" +
      'ck,notice,regex,"^(?=.{0,12}$)(?=.*\\bcookies?\\b).*$",drop,true,\n',
    "r.csv",
  );
  const lines = [
    "Our COOKIES", // dropped: short, has the word (any case)
    "coo\u212Aie ok", // dropped: KELVIN SIGN matches k case-insensitively, as in the full regex
    "😀😀😀😀 cookie", // dropped: 11 code points (15 UTF-16 units)
    "cookies here", // dropped: exactly 12
    "cookies here!", // kept: 13 code points
    "cook ie", // kept: no word 'cookie'
  ];
  const c = cleanArticle(lines.join("\n"), rules);
  const expected = lines.filter((l) => /^(?=.{0,12}$)(?=.*\bcookies?\b).*$/iu.test(l));
  assertEquals(expected.length, 4);
  assertEquals(c.removed.map((r) => r.text), expected);
  assertEquals(c.paragraphs.map((p) => p.text), lines.filter((l) => !expected.includes(l)));
});

Deno.test("same_as_title compares collapsed text, ignoring case, whatever the first word", () => {
  const c = cleanArticle(
    "Talks  Resume\nbody one.\n  TALKS\tresume \nTalks resumed\nΟΔΟΣ Χ\nbody two.",
    RULES,
    { title: "talks resume" },
  );
  assertEquals(c.removed.map((r) => r.line), [1, 3]);
  assertEquals(
    c.paragraphs.map((p) => p.text),
    ["body one.", "Talks resumed", "ΟΔΟΣ Χ", "body two."],
  );
  const s = cleanArticle("Body first.\nΟΔΟΣ  Χ\nmore.", RULES, { title: "οδος χ" });
  assertEquals(s.removed.map((r) => r.line), [2]);
});
