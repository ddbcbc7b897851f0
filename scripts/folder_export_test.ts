import pl from "nodejs-polars";
import { assertEquals, assertRejects, withTempDir } from "../lib/testing.ts";
import {
  type ExportTable,
  noCleanRules,
  openFolder,
  readFiles,
  rowsByArticle,
  writeArticleLines,
} from "./folder_export.ts";

Deno.test("rowsByArticle: each article's rows, in the corpus tables' order within it", () => {
  // Two articles interleaved as a store's segments may hold them; within "h" the analysis gave a
  // body hit, a title hit, then two body hits at the same span (their order must be kept).
  const df = pl.DataFrame({
    article_id: ["h", "g", "h", "h", "h", "g"],
    field: ["body", "body", "title", "body", "body", "title"],
    start: [9, 4, 2, 5, 5, 0],
    end: [12, 6, 4, 8, 8, 3],
    term: ["a", "b", "c", "d", "e", "f"],
  });
  const hits = { table: "hits", columns: ["field", "term"], within: ["__field", "start", "end"] };
  const got = rowsByArticle(df, hits as ExportTable);
  assertEquals([...got.keys()], ["h", "g"]);
  assertEquals(got.get("h")!.map((r) => r.term), ["c", "d", "e", "a"]);
  assertEquals(got.get("g")!.map((r) => r.term), ["f", "b"]);
  // Only article_id and the columns asked for; sort keys that are not columns are left out.
  assertEquals(got.get("g")![0], { article_id: "g", field: "title", term: "f" });
  const paragraphs = { table: "paragraphs", columns: ["start"], within: ["paragraph"] };
  const p = pl.DataFrame({ article_id: ["a", "a", "a"], paragraph: [2, 0, 1], start: [7, 0, 3] });
  assertEquals(
    rowsByArticle(p, paragraphs as ExportTable).get("a")!.map((r) => r.start),
    [0, 3, 7],
  );
  assertEquals(rowsByArticle(p.head(0), paragraphs as ExportTable).size, 0);
});

Deno.test("readFiles: every file's bytes in the order given, with few or many reads in flight", async () => {
  await withTempDir(async (dir) => {
    const paths: string[] = [];
    for (let i = 0; i < 40; i++) {
      paths.push(`${dir}/${i}.txt`);
      await Deno.writeTextFile(paths[i], `file ${i}`);
    }
    const dec = new TextDecoder();
    for (const limit of [1, 3, 16, 100]) {
      const got = (await readFiles(paths, limit)).map((b) => dec.decode(b));
      assertEquals(got, paths.map((_, i) => `file ${i}`), `limit ${limit}`);
    }
    assertEquals(await readFiles([]), []);
    await assertRejects(() => readFiles([...paths, `${dir}/missing.txt`]), /missing\.txt/);
  });
});

Deno.test("noCleanRules keeps the title and paragraph-kind rules only", () => {
  const rules = "id,category,match,pattern,action,ignore_case,note\n" +
    'drop-ad,notice,exact,Advertisement,drop,true,"an ad, alone"\n' +
    'title,title,regex,"^.{1,200}$",title,false,\n' +
    "bullet,structure,regex,^• (?<value>.*)$,bullet,false,\n" +
    "byline,byline,regex,^By (?<value>.+)$,byline,false,\n";
  assertEquals(
    noCleanRules(rules, "rules.csv"),
    "id,category,match,pattern,action,ignore_case,note\n" +
      'title,title,regex,"^.{1,200}$",title,false,\n' +
      "bullet,structure,regex,^• (?<value>.*)$,bullet,false,\n",
  );
});

Deno.test("writeArticleLines: the same lines in listing order whatever the chunk size", async () => {
  await withTempDir(async (dir) => {
    // Five files; "b.txt" has no rows (never read: it is not even there), "e.txt" has a title
    // line. Offsets of a body row map through its paragraph into the file as stored (CRLF kept).
    const files: Record<string, string> = {
      "a.txt": "Alpha one.\r\nAlpha two.\r\n",
      "c.txt": "Gamma.\n",
      "d.txt": "Delta here.\n",
      "e.txt": "The title\n\nEpsilon body.\n",
    };
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    const ids = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"];
    const tables: Record<string, pl.DataFrame> = {
      // Store order is not listing order: rowsOf gives rows by segment.
      hits: pl.DataFrame({
        article_id: ["e.txt", "a.txt", "a.txt", "e.txt", "d.txt", "c.txt"],
        field: ["body", "body", "body", "title", "body", "body"],
        start: [0, 11, 0, 4, 0, 0],
        end: [7, 16, 5, 9, 5, 5],
        text: ["Epsilon", "Alpha", "Alpha", "title", "Delta", "Gamma"],
      }),
      // a.txt's body is "Alpha one.\nAlpha two." (paragraphs at body 0 and 11).
      paragraphs: pl.DataFrame({
        article_id: ["a.txt", "a.txt", "c.txt", "d.txt", "e.txt"],
        paragraph: [1, 0, 0, 0, 0],
        start: [11, 0, 0, 0, 0],
        end: [21, 10, 6, 11, 14],
        file_start: [11, 0, 0, 0, 11],
        file_end: [21, 10, 6, 11, 25],
      }),
      removed: pl.DataFrame({
        article_id: ["e.txt"],
        line: [1],
        category: ["title"],
      }),
    };
    const corpus = {
      rowsOf: (t: string, want: readonly string[]) =>
        tables[t].filter(pl.col("article_id").isIn([...want])),
    };
    const table = {
      table: "hits",
      columns: ["field", "start", "end", "text"],
      within: ["__field", "start", "end"],
    } as ExportTable;
    const run = async (chunkArticles: number) => {
      let out = "";
      const n = await writeArticleLines(dir, ids, corpus, table, (file, rows) =>
        rows.map((r) => {
          const [s, e] = r.field === "title"
            ? file.offsets.title(Number(r.start), Number(r.end))!
            : file.offsets.body(Number(r.start), Number(r.end));
          return `${file.id} ${s}-${e} ${files[file.id].slice(s, e)}`;
        }), {
        chunkArticles,
        write: (b) => Promise.resolve(void (out += new TextDecoder().decode(b))),
      });
      return { n, out };
    };
    const expected = [
      "a.txt 0-5 Alpha",
      "a.txt 12-17 Alpha",
      "c.txt 0-5 Gamma",
      "d.txt 0-5 Delta",
      "e.txt 4-9 title",
      "e.txt 11-18 Epsilon",
    ];
    for (const chunk of [1, 2, 3, 100]) {
      assertEquals(await run(chunk), { n: 6, out: expected.join("\n") + "\n" }, `chunk ${chunk}`);
    }
  });
});

Deno.test("writeArticleLines over a real store: the corpus tables' rows and order, any chunk size", async () => {
  await withTempDir(async (tmp) => {
    const dir = `${tmp}/corpus`;
    await Deno.mkdir(`${dir}/sub`, { recursive: true });
    // A headline with a loaded word, quotes, several paragraphs: rows in title and body.
    await Deno.writeTextFile(
      `${dir}/a.txt`,
      "Regime accused of crackdown\n\nThe regime launched a brutal crackdown, officials said.\n\n" +
        '"It is a dictatorship," said Anna Berg, a spokeswoman for the opposition.\n',
    );
    await Deno.writeTextFile(`${dir}/b.txt`, "Nothing loaded here at all.\n");
    await Deno.writeTextFile(
      `${dir}/sub/c.txt`,
      "Talks resume\n\nThe minister said the talks were constructive. Critics called the " +
        "deal a sham and a disgrace.\n",
    );
    const { files, corpus } = await openFolder({ dir, store: `${tmp}/store`, clean: true });
    for (
      const [t, columns, within] of [
        ["hits", ["field", "start", "end", "term"], ["__field", "start", "end"]],
        ["attributions", ["field", "content_start", "content_end", "kind"], ["attribution"]],
      ] as const
    ) {
      const table = { table: t, columns, within } as ExportTable;
      const lines = async (chunkArticles: number) => {
        let out = "";
        await writeArticleLines(
          dir,
          files,
          corpus,
          table,
          (file, rows) => rows.map((r) => `${file.id} ${JSON.stringify(r)}`),
          {
            chunkArticles,
            write: (b) => Promise.resolve(void (out += new TextDecoder().decode(b))),
          },
        );
        return out;
      };
      // The corpus table (every article, listing order, the corpus tables' order within one).
      const full = corpus[t].select("article_id", ...columns).toRecords().map((r) =>
        `${r.article_id} ${JSON.stringify(r)}`
      );
      assertEquals(full.length > 2, true, `${t}: rows to compare`);
      for (const chunk of [1, 2, 1000]) {
        assertEquals(await lines(chunk), full.join("\n") + "\n", `${t}, chunks of ${chunk}`);
      }
    }
  });
});
