import { assert, assertEquals, withTempDir } from "../../lib/testing.ts";
import { extractPage } from "../../lib/ingest/html.ts";
import { benchAddPages, benchArrival, folderCorpusFromCsv, syntheticPage } from "./add_pages.ts";

const FIXTURES = new URL("../../lib/testdata/ingest/", import.meta.url).pathname;

Deno.test("syntheticPage: Readability finds the article and the page metadata", () => {
  const paragraphs = [
    "The council met on Tuesday to discuss the new budget for the coming year.",
    "Officials said the plan would be published in full next week, after a final vote.",
  ];
  const r = extractPage(
    syntheticPage({
      outlet: "Daily Post",
      title: "Budget talks",
      published: "2024-06-19",
      paragraphs,
      n: 7,
    }),
    { minWords: 5 },
  );
  assert(r.ok);
  assertEquals(r.article.outlet, "Daily Post");
  assertEquals(r.article.url, "https://www.dailypost.example/news/7");
  for (const p of paragraphs) assert(r.article.paragraphs.includes(p));
});

Deno.test("benchAddPages adds every generated page to an empty corpus", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/articles`);
    await Deno.writeTextFile(
      `${dir}/articles.csv`,
      "id,file,outlet\n000,a.txt,Seed\n",
    );
    await Deno.writeTextFile(
      `${dir}/articles/a.txt`,
      [
        "The minister said the talks with the union would resume on Monday morning.",
        "Negotiators from both sides met for six hours but failed to reach a deal.",
        "A spokesperson for the union said members were ready to strike next month.",
        "The government has offered a pay rise of four percent over two years.",
        "Opposition parties called for an independent mediator to be appointed.",
      ].join("\n"),
    );
    await Deno.copyFile(`${FIXTURES}cleaning_rules.csv`, `${dir}/cleaning_rules.csv`);
    await Deno.copyFile(`${FIXTURES}export_columns.csv`, `${dir}/export_columns.csv`);
    const r = await benchAddPages({ pages: 4, dataDir: dir });
    assertEquals([r.pages, r.added + r.copies, r.skipped], [4, 4, 0]);
    assert(r.meanPageBytes > 5000);
  });
});

Deno.test("benchArrival: a corpus folder from a corpus CSV; task add of pages after the index is built re-indexes nothing", async () => {
  const bundled = new URL("../../lib/testdata/bundled/", import.meta.url).pathname;
  await withTempDir(async (dir) => {
    const csv = `${dir}/corpus.csv`;
    await Deno.writeTextFile(
      csv,
      "id,outlet,published,title,text\n" +
        'a1,Daily Post,2024-06-19,Talks resume,"The minister said talks would resume.\n\n' +
        'Negotiators met for six hours, the ""union"" said."\n' +
        "a2,Evening Star,2024-06-20,,A spokesperson said members were ready to strike.\n",
    );
    const data = `${dir}/data`;
    assertEquals(await folderCorpusFromCsv(csv, data, bundled), 2);
    assertEquals(
      await Deno.readTextFile(`${data}/articles/a1.txt`),
      'Talks resume\n\nThe minister said talks would resume.\n\nNegotiators met for six hours, the "union" said.\n',
    );
    assertEquals(
      (await Deno.readTextFile(`${data}/articles.csv`)).split("\n")[2],
      "a2,a2.txt,Evening Star,2024-06-20,,,en,",
    );
    const r = await benchArrival({ data, pages: 3, sourceData: bundled });
    assertEquals([r.articles, r.firstIndexed, r.pages, r.indexed], [2, 2, 3, 0]);
    assertEquals(r.added + r.copies, 3);
    assert(r.addMs > 0 && r.firstMs > 0);
  });
});
