import { findQuotes, isDistancingQuote, isScareQuote, quoteAt, quoteContent } from "./quotes.ts";
import { assert, assertEquals, assertMatch } from "../testing.ts";

function contents(text: string): string[] {
  const { quotes } = findQuotes(text);
  return quotes.map((q) => quoteContent(q, text));
}

Deno.test("findQuotes: straight and curly double quotes, spans include the marks", () => {
  const text = 'He said "no" and “yes”.';
  const { quotes, problems } = findQuotes(text);
  assertEquals(problems, []);
  assertEquals(quotes.map((q) => [q.start, q.end, q.contentStart, q.contentEnd, q.depth]), [
    [8, 12, 9, 11, 0],
    [17, 22, 18, 21, 0],
  ]);
  assertEquals(contents(text), ["no", "yes"]);
});

Deno.test("findQuotes: single quotes nested in double quotes get depth 1", () => {
  const curly = "He said “it is Russia’s ‘red line’ now” today.";
  const { quotes, problems } = findQuotes(curly);
  assertEquals(problems, []);
  assertEquals(quotes.map((q) => [quoteContent(q, curly), q.depth]), [
    ["it is Russia’s ‘red line’ now", 0],
    ["red line", 1],
  ]);
  const straight = `She said "the 'special operation' is a war."`;
  assertEquals(findQuotes(straight).quotes.map((q) => [quoteContent(q, straight), q.depth]), [
    ["the 'special operation' is a war.", 0],
    ["special operation", 1],
  ]);
});

Deno.test("findQuotes: apostrophes are not quotes", () => {
  for (
    const text of [
      "Russia’s war and Putin's visit; don’t, can't.",
      "both countries’ far-reaching objective",
      "the countries' leaders met",
      "rock ’n’ roll and rock 'n' roll in the ’90s and '90s",
      "rock ‘n’ roll",
    ]
  ) {
    const { quotes, problems } = findQuotes(text);
    assertEquals(quotes, [], text);
    assertEquals(problems, [], text);
  }
  // Apostrophes inside a quote do not close it.
  assertEquals(contents("“Russia’s and Kim’s ‘friends’ don’t care”"), [
    "Russia’s and Kim’s ‘friends’ don’t care",
    "friends",
  ]);
});

Deno.test("findQuotes: a quotation over several paragraphs is one quote", () => {
  const text = "He said:\n\n“First paragraph.\n\n“Second paragraph.\n\n“Third.” Then narration.";
  const { quotes, problems } = findQuotes(text);
  assertEquals(problems, []);
  assertEquals(quotes.length, 1);
  const q = quotes[0];
  assertEquals([q.start, q.closed, q.multiParagraph, q.depth], [10, true, true, 0]);
  assertEquals(text.slice(q.start, q.end), "“First paragraph.\n\n“Second paragraph.\n\n“Third.”");
  // Same with straight quotes and one paragraph per line.
  const straight = '"One.\n"Two."\nAfter.';
  const s = findQuotes(straight);
  assertEquals(s.problems, []);
  assertEquals(s.quotes.map((x) => [x.start, x.end, x.multiParagraph]), [[0, 12, true]]);
});

Deno.test("findQuotes: unbalanced quotes are reported, not thrown", () => {
  const text = "He said “this never closes.\n\nNext paragraph is narration.";
  const { quotes, problems } = findQuotes(text);
  assertEquals(quotes.length, 1);
  assertEquals([quotes[0].start, quotes[0].end, quotes[0].closed], [8, 27, false]);
  assertEquals(problems.length, 1);
  assertEquals(problems[0].offset, 8);
  assertMatch(problems[0].message, /unclosed quote “/);

  const stray = findQuotes("A closing ” mark alone.");
  assertEquals(stray.quotes, []);
  assertEquals(stray.problems.map((p) => p.offset), [10]);
  assertMatch(stray.problems[0].message, /without an opening quote/);

  const atEnd = findQuotes('Text ends "inside');
  assertEquals(atEnd.quotes.map((q) => [q.start, q.end, q.closed]), [[10, 17, false]]);
  assertMatch(atEnd.problems[0].message, /text ended/);

  // A second opening curly mark abandons the first one.
  const twice = findQuotes("“one “two” three");
  assertEquals(twice.quotes.map((q) => [q.start, q.end, q.closed]), [[0, 5, false], [5, 10, true]]);
});

Deno.test("findQuotes: offsets are code points, not UTF-16 units", () => {
  const text = "😀 said “😀 ok”";
  const { quotes } = findQuotes(text);
  assertEquals(quotes.map((q) => [q.start, q.end, q.contentStart, q.contentEnd]), [[7, 13, 8, 12]]);
  assertEquals(quoteContent(quotes[0], text), "😀 ok");
});

Deno.test("findQuotes: seed sentence from article 003 (quoted restrictive regime)", () => {
  const text =
    "“The indefinite restrictive regime imposed by the US and its allies at the UN Security " +
    "Council towards the DPRK should be reconsidered. Today, we are jointly resisting the " +
    "hegemonism,” Putin stated.";
  const { quotes } = findQuotes(text);
  assertEquals(quotes.length, 1);
  const at = text.indexOf("restrictive regime");
  assert(quoteAt(quotes, at, at + "restrictive regime".length) !== undefined);
  assertEquals(quoteAt(quotes, text.indexOf("Putin"), text.indexOf("Putin") + 5), undefined);
});

Deno.test("isScareQuote: one to three words without closing punctuation", () => {
  const text = "the “respected Comrade Kim” and “Comrade” Putin said “To be honest,” and " +
    "“this treaty is nothing new at all”";
  const { quotes } = findQuotes(text);
  assertEquals(quotes.map((q) => [quoteContent(q, text), isScareQuote(q, text)]), [
    ["respected Comrade Kim", true],
    ["Comrade", true],
    ["To be honest,", false],
    ["this treaty is nothing new at all", false],
  ]);
});

Deno.test("quoteAt: returns the innermost quote containing the span", () => {
  const text = "x “a ‘b’ c” y";
  const { quotes } = findQuotes(text);
  assertEquals(quoteAt(quotes, 6, 7)?.depth, 1);
  assertEquals(quoteAt(quotes, 3, 4)?.depth, 0);
  assertEquals(quoteAt(quotes, 0, 1), undefined);
});

Deno.test("findQuotes: blank-lines mode keeps a hard-wrapped quote together", () => {
  const text = "He said “this is\nwrapped” and left.";
  assertEquals(findQuotes(text).quotes[0].closed, false);
  const wrapped = findQuotes(text, { paragraphs: "blank-lines" });
  assertEquals(wrapped.problems, []);
  assertEquals(wrapped.quotes.map((q) => [q.start, q.end, q.closed]), [[8, 25, true]]);
});

Deno.test("findQuotes: \\r\\n, \\r and \\n paragraphs and the surrogates hint give the same quotes", () => {
  const lf = 'He said “one\n“two” and ‘three’\n\n"four';
  const crlf = lf.replaceAll("\n", "\r\n");
  const cr = lf.replaceAll("\n", "\r");
  const expected = findQuotes(lf);
  const shape = (text: string) =>
    findQuotes(text).quotes.map((q) => [
      quoteContent(q, text).replaceAll("\r", ""),
      q.depth,
      q.closed,
      q.multiParagraph,
    ]);
  assertEquals(shape(crlf), shape(lf));
  assertEquals(shape(lf).length, 3);
  assertEquals(findQuotes(cr).quotes, expected.quotes);
  assertEquals(findQuotes(lf, { surrogates: false }), expected);
  const astral = "😀 “a” ‘b’";
  assertEquals(findQuotes(astral).quotes[0].start, 2);
});

// One wire text written with placeholders: <<…>> a double quote, <…> a single quote, ^ an
// apostrophe; a paragraph that ends inside a quote continues in the next one (which opens again).
const WIRE = "Foreign Minister Ana Ruiz said the talks were <<frank and useful,>> adding that " +
  "<<the <border question> is not closed.>>\n" +
  "The ministry^s statement called the accord a <<milestone>>. <<We will not be rushed,>> " +
  "Ruiz told reporters. <<Our partners know our position.\n" +
  "<<They will hear it again tomorrow,>> she added, calling the visit <<overdue>>.\n" +
  "Officials in the region^s capital said the <<joint statement>> was not yet final.";

const STYLES: Record<string, [string, string, string, string, string]> = {
  // open double, close double, open single, close single, apostrophe
  curly: ["“", "”", "‘", "’", "’"],
  straight: ['"', '"', "'", "'", "'"],
  guillemets: ["«", "»", "‹", "›", "’"],
  german: ["„", "“", "‚", "‘", "’"],
  "curly closed with “": ["“", "“", "‘", "’", "’"],
  "reversed guillemets": ["»", "«", "›", "‹", "'"],
};

function styled(style: [string, string, string, string, string]): string {
  const [od, cd, os, cs, ap] = style;
  return WIRE.replaceAll("<<", od).replaceAll(">>", cd).replaceAll("<", os).replaceAll(">", cs)
    .replaceAll("^", ap);
}

Deno.test("findQuotes: one wire text in six quote-mark styles gives the same quotes", () => {
  const spans = (text: string) =>
    findQuotes(text).quotes.map((q) => [
      q.start,
      q.end,
      q.contentStart,
      q.contentEnd,
      q.depth,
      q.closed,
      q.multiParagraph,
    ]);
  const reference = styled(STYLES.curly);
  const expected = spans(reference);
  assertEquals(findQuotes(reference).problems, []);
  assertEquals(findQuotes(reference).quotes.map((q) => quoteContent(q, reference)), [
    "frank and useful,",
    "the ‘border question’ is not closed.",
    "border question",
    "milestone",
    "We will not be rushed,",
    "Our partners know our position.\n“They will hear it again tomorrow,",
    "overdue",
    "joint statement",
  ]);
  assertEquals(findQuotes(reference).quotes[5].multiParagraph, true);
  for (const [name, style] of Object.entries(STYLES)) {
    const text = styled(style);
    assertEquals(spans(text), expected, name);
    assertEquals(findQuotes(text).problems, [], name);
  }
});

Deno.test("findQuotes: “ as a closing mark, mixed straight and curly, ”…” and „…“", () => {
  for (
    const text of [
      "“We are friends,“ the leader added. “Always.“",
      '"We are friends,” the leader added. “Always."',
      "”We are friends,” the leader added. ”Always.”",
      "„We are friends,“ the leader added. „Always.“",
      "«We are friends,» the leader added. «Always.»",
    ]
  ) {
    const { quotes, problems } = findQuotes(text);
    assertEquals(problems, [], text);
    assertEquals(quotes.map((q) => [q.start, q.end, quoteContent(q, text)]), [
      [0, 17, "We are friends,"],
      [36, 45, "Always."],
    ], text);
  }
});

Deno.test("isDistancingQuote: quoted words with a speaker in the sentence are not distancing", () => {
  const attributed = [
    'the minister praised the "unshakeable" bond between the two nations.',
    "It was a response to what Moscow termed 'illegal' sanctions.",
    "Crowds lined the avenue, chanting “friendship” as the motorcade passed.",
    "Late on Sunday, officials released the “final results” of the vote.",
    "The agency described the launch as a “complete success” on Monday.",
    "Kim thanked the guests for their “steadfast support”.",
    "The visit was “long overdue”, a ministry spokeswoman told reporters.",
    "State television dubbed him “the great leader” again.",
    "The talks were «constructive», according to the foreign ministry.",
    "Kim spoke of “historic tasks” ahead.",
    "The regional daily “Morning Star” ran the story on its front page.",
  ];
  for (const text of attributed) {
    const q = findQuotes(text).quotes;
    assertEquals(q.length, 1, text);
    assertEquals(isDistancingQuote(q[0], text), false, text);
  }
  const distancing = [
    "Russia held “elections” in the occupied regions last year.",
    "The regime's 'satellite' crashed into the sea.",
    "Pyongyang's „friendship“ with Moscow has limits.",
    "The so-called “peace plan” was drafted in Moscow.",
    "The minister hailed the so-called “treaty” as a milestone.",
    'The two leaders toasted their "brotherhood" over dinner.',
  ];
  for (const text of distancing) {
    const q = findQuotes(text).quotes;
    assertEquals(q.length, 1, text);
    assertEquals(isDistancingQuote(q[0], text), true, text);
  }
  // A speaker's sentence does not reach into the next sentence.
  const two = "Kim said the summit went well. The “friendship” is hollow.";
  assertEquals(findQuotes(two).quotes.map((q) => isDistancingQuote(q, two)), [true]);
  // An attribution source given by the caller in the same sentence is a speaker.
  const src = "Ruiz: the “partnership” is real.";
  assertEquals(isDistancingQuote(findQuotes(src).quotes[0], src, { sources: [] }), true);
  assertEquals(
    isDistancingQuote(findQuotes(src).quotes[0], src, { sources: [{ start: 0, end: 4 }] }),
    false,
  );
  // Longer quotes are quotations, never scare quotes.
  const long = "Protesters walked in, “long live the friendship of our peoples”.";
  assertEquals(isDistancingQuote(findQuotes(long).quotes[0], long), false);
});
