import { assert, assertEquals, assertMatch } from "../testing.ts";
import { headlineChanges, type HeadlineRow } from "../measures/headline.ts";
import { changesSection } from "./changes.ts";

const row = (
  outlet: string,
  measure: HeadlineRow["measure"],
  value: number,
  lower: number | null = null,
  upper: number | null = null,
): HeadlineRow => ({ outlet, measure, value, lower, upper, n: 10 });

Deno.test("changesSection: articles added by outlet, measures before → after, moves marked, text escaped", () => {
  const before = [row("A<b>", "articles", 3), row("A<b>", "direct share", 0.2, 0.1, 0.3)];
  const after = [
    row("A<b>", "articles", 5),
    row("A<b>", "direct share", 0.6, 0.45, 0.75),
    row("unnamed (009)", "articles", 1),
  ];
  const html = changesSection({
    date: "2026-12-01T10:00:00.000Z",
    changes: headlineChanges(before, after),
    before,
    after,
  });
  assertMatch(html, /Since the last report \(2026-12-01 10:00\)/);
  assertMatch(html, /\+3 articles \(A&lt;b&gt; \+2, outlet not given \(009\) \+1\)/);
  assertMatch(
    html,
    /<tr class="moved"><td>A&lt;b&gt;<\/td><td>direct share<\/td><td>20%<\/td><td>60%<\/td><td>45%–75%<\/td>/,
  );
  assert(!html.includes("<b>"), "outlet names are escaped");
  const first = changesSection({ date: null, changes: [], before: [], after });
  assertMatch(first, /First report of this corpus<\/h2><p>6 articles/);
  const same = changesSection({ date: "2026-12-01T10:00:00Z", changes: [], before, after: before });
  assertMatch(same, /\+0 articles\.[\s\S]*No headline measure changed/);
  assertEquals(same.includes("<table>"), false);
});
