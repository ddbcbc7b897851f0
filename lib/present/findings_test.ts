import pl from "nodejs-polars";
import { corpusFindings, framingFindings, sourcingFindings } from "./findings.ts";
import { assertEquals, assertThrows } from "../testing.ts";

const rows = (n: number, id = "a1") =>
  pl.DataFrame({ article_id: Array.from({ length: n }, () => id) });

Deno.test("corpusFindings: articles, outlets in the shared wording, words, dates, cleaning", () => {
  const articles = pl.DataFrame({
    id: ["a1", "a2", "a3"],
    outlet: ["Daily A", "Daily A", "unnamed (a3)"],
    n_words: [1200, 300, 450],
    published: ["2024-06-19", null, "2024-06-21"],
  });
  const removed = pl.DataFrame({ article_id: ["a2", "a3", "a3", "a3"] });
  assertEquals(
    corpusFindings({ articles, paragraphs: rows(12), sentences: rows(40), removed }),
    "**3 articles**: 1 named outlet and 1 article whose outlet is not given. 1,950 words in " +
      "12 paragraphs and 40 sentences; articles run from 300 to 1,200 words, published " +
      "2024-06-19 to 2024-06-21 (1 article without a date). Cleaning removed 4 lines of page " +
      "debris and metadata, most from article a3 (3).",
  );
  const none = corpusFindings({
    articles: articles.head(1),
    paragraphs: rows(1),
    sentences: rows(1),
    removed: pl.DataFrame({ article_id: [] as string[] }),
  });
  assertEquals(
    none,
    "**1 article**: 1 named outlet. 1,200 words in 1 paragraph and 1 sentence; articles run " +
      "from 1,200 to 1,200 words, published 2024-06-19. Cleaning removed no lines.",
  );
});

/** A loadedShareByOutlet-like table. */
function share(rs: Array<[string, string, number, number]>, articlesPerOutlet = 1) {
  return pl.DataFrame({
    outlet: rs.map((r) => r[0]),
    target: rs.map((r) => r[1]),
    loaded: rs.map((r) => r[2]),
    neutral: rs.map((r) => r[3]),
    n_articles_outlet: rs.map(() => articlesPerOutlet),
  });
}

Deno.test("framingFindings: overall share, most and least loaded outlet, own voice vs quotes", () => {
  const s = share([
    ["A", "person", 6, 4],
    ["A", "state", 2, 0],
    ["B", "person", 1, 9],
    ["unnamed (3)", "person", 2, 0], // too few references to rank
  ]);
  const byVoice = pl.DataFrame({
    outlet: ["A", "A", "B"],
    voice_group: ["own voice", "others' words", "own voice"],
    loaded: [1, 7, 1],
    neutral: [9, 1, 10],
  });
  assertEquals(
    framingFindings({ share: s, byVoice }),
    "**11 of 24 (46%) references** to people, states, agreements and actions use a loaded term " +
      "rather than a neutral one. The most loaded wording is **A**'s, 8 of 12 (67%); the least, " +
      "B's, 1 of 10 (10%) (among outlets with at least 5 references). In their own voice " +
      "outlets use loaded terms in 2 of 21 (10%) references; in the words they quote or " +
      "paraphrase, 7 of 8 (88%). Every outlet has one article here, so differences between " +
      "outlets are differences between articles.",
  );
  assertEquals(
    framingFindings({ share: share([["<b>X</b>", "person", 5, 5], ["Y_*", "person", 0, 5]], 3) }),
    "**5 of 15 (33%) references** to people, states, agreements and actions use a loaded term " +
      "rather than a neutral one. The most loaded wording is **&lt;b&gt;X&lt;/b&gt;**'s, " +
      "5 of 10 (50%); the least, Y\\_\\*'s, 0 of 5 (0%).",
  );
  assertEquals(
    framingFindings({ share: share([]) }),
    "**No loaded or neutral references** were found: the lexicon matched nothing here.",
  );
  assertThrows(
    () => framingFindings({ share: pl.DataFrame({ outlet: ["A"] }) }),
    /framingFindings: the table has no columns "loaded", "neutral"; it has outlet; pass the table from loadedShareByOutlet/,
  );
});

Deno.test("sourcingFindings: attributions, direct quotes, state media and the most cited source", () => {
  const m = (outlet: string, measure: string, n: number, total: number) => ({
    outlet,
    measure,
    n,
    total,
  });
  const measures = pl.DataFrame([
    m("A", "direct_share", 3, 10),
    m("B", "direct_share", 1, 6),
    m("A", "state_media_reliance", 2, 10),
    m("B", "state_media_reliance", 3, 6),
    m("unnamed (3)", "direct_share", 0, 2),
    m("unnamed (3)", "state_media_reliance", 2, 2),
  ]);
  const cited = pl.DataFrame({
    source: ["KCNA", "Putin"],
    source_type: ["state_media", "official"],
    attributions: [5, 3],
    outlets: [2, 1],
  });
  assertEquals(
    sourcingFindings({ measures, cited }),
    "**18 attributions**; 4 of 18 (22%) are direct quotes. 7 of 18 (39%) are made by state " +
      "media or relayed through them, most in B: 3 of 6 (50%). The most cited source is " +
      "**KCNA** (state media), 5 attributions in 2 outlets.",
  );
  assertEquals(
    sourcingFindings({ measures: measures.head(0), cited }),
    "**No attributions** were found in these articles.",
  );
});
