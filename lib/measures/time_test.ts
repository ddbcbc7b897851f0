import pl from "nodejs-polars";
import { assert, assertEquals, withTempDir } from "../testing.ts";
import { loadCorpus } from "../tables/corpus.ts";
import { loadedShareOverTime, periodOf, sourcingOverTime, timeSpan } from "./time.ts";

Deno.test("periodOf: the Monday of the ISO week, or the month", () => {
  assertEquals(periodOf("2024-06-19", "week"), "2024-06-17");
  assertEquals(periodOf("2024-06-17", "week"), "2024-06-17");
  assertEquals(periodOf("2024-06-23", "week"), "2024-06-17");
  assertEquals(periodOf("2024-06-24", "week"), "2024-06-24");
  assertEquals(periodOf("2024-01-01", "week"), "2024-01-01");
  assertEquals(periodOf("2023-01-01", "week"), "2022-12-26");
  assertEquals(periodOf("2024-06-19", "month"), "2024-06");
  assertEquals(periodOf("June 2024", "week"), null);
});

const TEXTS = [
  "Summit\n\nThe dictator Kim greeted President Putin at the airport on Wednesday.",
  "Talks\n\n“We are friends,” Putin said. The regime in Pyongyang praised the treaty.",
  "Reaction\n\nThe despotic regime signed the treaty, officials said. Kim smiled.",
];

/** A corpus of two outlets over three weeks (articles written for the test). */
async function multiWeek(dir: string) {
  await Deno.mkdir(`${dir}/articles`, { recursive: true });
  const dates = [
    "2024-06-17",
    "2024-06-19",
    "2024-06-25",
    "2024-07-02",
    "2024-07-04",
    "2024-06-18",
  ];
  const rows = dates.map((d, i) => {
    const outlet = i % 2 === 0 ? "Daily A" : "Daily B";
    return `a${i},a${i}.txt,${outlet},${d},,,,`;
  });
  await Deno.writeTextFile(
    `${dir}/articles.csv`,
    "id,file,outlet,published,url,title,language,notes\n" + rows.join("\n") + "\n",
  );
  for (let i = 0; i < dates.length; i++) {
    await Deno.writeTextFile(`${dir}/articles/a${i}.txt`, TEXTS[i % TEXTS.length]);
  }
  return await loadCorpus({ dataDir: dir });
}

Deno.test("timeSpan: no periods within a week, weeks up to half a year, months beyond", () => {
  const span = (dates: string[]) =>
    timeSpan(pl.DataFrame({ published: pl.Series("published", dates, pl.Utf8) }));
  assertEquals(span(["2024-06-17", "2024-06-21"]), { days: 4, unit: null });
  assertEquals(span(["2024-06-17", "2024-07-04"]), { days: 17, unit: "week" });
  assertEquals(span(["2024-01-17", "2024-09-04"]).unit, "month");
});

Deno.test("loadedShareOverTime and sourcingOverTime: one row per outlet, week and target, counts from that week's articles", async () => {
  await withTempDir(async (dir) => {
    const c = await multiWeek(dir);
    assertEquals(timeSpan(c.articles), { days: 17, unit: "week" });
    const share = loadedShareOverTime(c.hits, c.articles, {
      mentions: c.mentions,
      actors: c.resources.actors,
    });
    assertEquals(share.columns.slice(0, 4), ["outlet", "period", "unit", "voice_group"]);
    const periods = [...new Set(share.getColumn("period").toArray())].sort();
    assertEquals(periods, ["2024-06-17", "2024-06-24", "2024-07-01"]);
    // Daily A, week of 2024-06-17: articles a0 (text 0) only; own-voice loaded hits by hand.
    const own = c.hits.filter(
      pl.col("article_id").eq(pl.lit("a0")).and(pl.col("voice").isIn(["headline", "narration"]))
        .and(pl.col("category").isIn(["loaded_negative", "loaded_positive"])),
    );
    const cell = share.filter(
      pl.col("outlet").eq(pl.lit("Daily A")).and(pl.col("period").eq(pl.lit("2024-06-17"))),
    );
    assertEquals(cell.getColumn("loaded").sum(), own.height);
    assert(own.height >= 1, "the test text has a loaded word in the outlet's own voice");
    assertEquals(cell.getColumn("n_articles_outlet").toArray()[0], 1);

    const sourcing = sourcingOverTime(c.attributions, c.articles);
    assertEquals(
      [...new Set(sourcing.getColumn("measure").toArray())].sort(),
      ["direct_share", "state_media_reliance"],
    );
    const b = sourcing.filter(
      pl.col("outlet").eq(pl.lit("Daily B")).and(pl.col("period").eq(pl.lit("2024-06-17"))),
    );
    // Daily B in the week of 2024-06-17: a1 (text 1) and a5 (text 2).
    const bTotal = c.attributions.filter(pl.col("article_id").isIn(["a1", "a5"])).height;
    assertEquals(b.getColumn("total").toArray()[0], bTotal);
  });
});
