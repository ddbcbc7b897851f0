/**
 * `task add` end to end on a data folder made in a temporary directory from the fixtures in
 * lib/testdata/ingest/ (pages written for the tests in three site styles, a Media Cloud CSV and a
 * news-please JSONL export). Nothing here reads data/.
 */
import { assert, assertEquals, assertMatch } from "../testing.ts";
import { withTempDir } from "../testing.ts";
import { parseManifest } from "../io/manifest.ts";
import { cleanArticle, cleaningRulesFromCsv } from "../text/clean.ts";
import { addArticles, type AddOutcome, binaryReason, formatOutcome } from "./add.ts";
import { extractPage } from "./html.ts";
import { isoDateOf } from "./dates.ts";
import { manifestWithRows } from "./manifest_write.ts";
import { SAME_EVENT, WIRE, WIRE_EDITED } from "../testdata/ingest/texts.ts";

const FIXTURES = new URL("../testdata/ingest/", import.meta.url).pathname;
const PAGES = `${FIXTURES}pages/`;
const EXPORTS = `${FIXTURES}exports/`;
const RULES_TEXT = await Deno.readTextFile(`${FIXTURES}cleaning_rules.csv`);
const RULES = cleaningRulesFromCsv(RULES_TEXT, "cleaning_rules.csv");

const SEED_MANIFEST = [
  "id,file,outlet,published,url,title,language,notes",
  '000,000_a.txt,Seed Gazette,2024-06-01,,Seed story,en,"a note, with a comma"',
  "",
].join("\n");
const SEED_TEXT =
  "Seed story\n\nThe seed article has one paragraph about a local election result.\n";

/** A data folder with a one-article manifest, the rules and the export column table. */
async function dataDir(dir: string): Promise<string> {
  const data = `${dir}/data`;
  await Deno.mkdir(`${data}/articles`, { recursive: true });
  await Deno.writeTextFile(`${data}/articles.csv`, SEED_MANIFEST);
  await Deno.writeTextFile(`${data}/articles/000_a.txt`, SEED_TEXT);
  await Deno.writeTextFile(`${data}/cleaning_rules.csv`, RULES_TEXT);
  await Deno.copyFile(`${FIXTURES}export_columns.csv`, `${data}/export_columns.csv`);
  return data;
}

async function manifest(data: string) {
  return parseManifest(await Deno.readTextFile(`${data}/articles.csv`), "articles.csv");
}

const lines = (outcomes: AddOutcome[]) => outcomes.map(formatOutcome);

async function bodyOf(data: string, file: string, title: string | null) {
  const c = cleanArticle(await Deno.readTextFile(`${data}/articles/${file}`), RULES, { title });
  return c.paragraphs.map((p) => p.text).join("\n");
}

Deno.test("extractPage reads metadata from og, JSON-LD, canonical, <time> and <title>", async () => {
  const wire = extractPage(await Deno.readTextFile(`${PAGES}wire_site.html`));
  assert(wire.ok);
  const { paragraphs, ...meta } = wire.article;
  assertEquals(meta, {
    title: "Black Sea grain deal extended for another year",
    outlet: "Global Wire Service",
    published: "2024-07-02T09:30:00Z",
    url: "https://globalwire.example/world/grain-deal-extended-2024",
    byline: "Maria Lopez, Ahmed Khan",
    language: "en",
  });
  assert(paragraphs.some((p) => p.startsWith("ISTANBUL, July 2 - Russia and Ukraine agreed")));
  const tabloid = extractPage(await Deno.readTextFile(`${PAGES}tabloid.html`));
  assert(tabloid.ok);
  assertEquals(tabloid.article.published, "2024-03-14T22:41:00Z");
  assertEquals(
    tabloid.article.url,
    "https://www.dailyclarion.example/news/politics/mp-quits-expenses-123456",
  );
  assertEquals(tabloid.article.byline, "Kevin Doyle");
  assertEquals(tabloid.article.language, "en-GB");
  const regional = extractPage(await Deno.readTextFile(`${PAGES}regional.htm`));
  assert(regional.ok);
  assertEquals(regional.article.title, "Neue Straßenbahnlinie beschlossen");
  assertEquals(regional.article.outlet, "Nordstadt Anzeiger");
  const front = extractPage(await Deno.readTextFile(`${PAGES}front_page.html`));
  assertEquals(front.ok, false);
});

Deno.test("isoDateOf reads ISO, European and English dates; refuses the rest", () => {
  assertEquals(isoDateOf("2024-06-19T23:10:00-04:00"), "2024-06-19");
  assertEquals(isoDateOf("2024-06-19 10:02:11"), "2024-06-19");
  assertEquals(isoDateOf("19.06.2024"), "2024-06-19");
  assertEquals(isoDateOf("Wed, 19 Jun 2024 10:00:00 GMT"), "2024-06-19");
  assertEquals(isoDateOf("June 19, 2024"), "2024-06-19");
  assertEquals(isoDateOf("1718791200"), "2024-06-19");
  assertEquals(isoDateOf("06/19/2024"), null);
  assertEquals(isoDateOf("2024-02-30"), null);
  assertEquals(isoDateOf("sometime last week"), null);
});

Deno.test("add: three site styles of saved pages — page kept byte for byte, debris cleaned", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    const r = await addArticles(
      [`${PAGES}wire_site.html`, `${PAGES}tabloid.html`, `${PAGES}regional.htm`],
      { dataDir: data },
    );
    assertEquals(lines(r.outcomes).map((l) => l.replace(/\d+ words/, "N words")), [
      "added 001 (Global Wire Service, N words)",
      "added 002 (The Daily Clarion, N words)",
      "added 003 (Nordstadt Anzeiger, N words)",
    ]);
    const rows = await manifest(data);
    assertEquals(rows.map((e) => e.id), ["000", "001", "002", "003"]);
    assertEquals(rows[0].notes, "a note, with a comma"); // the old row is unchanged
    assertEquals(rows[1].published, "2024-07-02");
    assertEquals(rows[2].published, "2024-03-14");
    assertEquals(rows[3].published, null);
    assertMatch(rows[3].notes!, /published as given: 'Mittwoch, irgendwann im Juni'/);
    assert(
      r.outcomes[2].warnings.some((w) => /regional\.htm: published date .* cannot be read/.test(w)),
    );
    assertEquals(rows[1].url, "https://globalwire.example/world/grain-deal-extended-2024");
    assertEquals(rows[3].language, "de");
    // The new columns are added to the header; page and byline filled.
    const raw = await Deno.readTextFile(`${data}/articles.csv`);
    assert(raw.startsWith("id,file,outlet,published,url,title,language,notes,page,byline\n"));
    for (
      const [i, name] of [[1, "wire_site.html"], [2, "tabloid.html"], [3, "regional.htm"]] as const
    ) {
      const row = raw.split("\n")[i + 1];
      const page = row.split(",").find((c) => /^\d{3}_[0-9a-f]{16}\.html?$/.test(c))!;
      assertEquals(page.replace(/\.htm$/, ".html").slice(0, 3), rows[i].id);
      // Byte for byte.
      assertEquals(
        await Deno.readFile(`${data}/articles/${page}`),
        await Deno.readFile(`${PAGES}${name}`),
      );
      assertEquals(rows[i].file, page.replace(/\.html?$/, ".txt"));
    }
    const wire = await bodyOf(data, rows[1].file, rows[1].title);
    for (
      const gone of [
        "cookies",
        "2 hours ago",
        "Facebook",
        "Getty Images",
        "Read more",
        "SHIPPING RATES",
        "harvest forecast",
      ]
    ) {
      assert(!wire.includes(gone), `wire body still holds ${gone}`);
    }
    assert(wire.includes("has allowed more than 30 million tonnes of grain"));
    assertEquals(wire.split("\n").length, 4);
    const tabloid = await bodyOf(data, rows[2].file, rows[2].title);
    for (
      const gone of ["File photo", "Photo: PA", "SHOCK AS", "Follow us", "Share this", "By Kevin"]
    ) {
      assert(!tabloid.includes(gone), `tabloid body still holds ${gone}`);
    }
    assertEquals(tabloid.split("\n").length, 4);
    const regional = await bodyOf(data, rows[3].file, rows[3].title);
    assertEquals(regional.split("\n").length, 3);
    assert(
      !regional.includes("Subscribe") && !regional.includes("Watch:") &&
        !regional.includes("Image:"),
    );
  });
});

Deno.test("add: CSV and JSONL exports, a row without text and a bad JSON line skipped by line", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    const r = await addArticles(
      [`${EXPORTS}mediacloud.csv`, `${EXPORTS}newsplease.jsonl`],
      { dataDir: data },
    );
    const out = lines(r.outcomes);
    assertEquals(out.length, 6);
    assertMatch(out[0], /^added 001 \(North Post, 3\d words\)$/);
    assertMatch(out[1], /^skipped .*mediacloud\.csv line 4: no article text — row skipped$/);
    assertMatch(out[2], /^added 002 \(South Herald, 2\d words\)$/);
    assertMatch(out[3], /^added 003 \(alpine-courier\.example, 2\d words\)$/);
    assertMatch(out[4], /^skipped .*newsplease\.jsonl line 2: not valid JSON/);
    assertMatch(out[5], /^skipped .*newsplease\.jsonl line 3: no article text/);
    const rows = await manifest(data);
    assertEquals(rows[1].title, "Leaders sign defence pact");
    assertEquals(rows[1].published, "2024-06-19");
    assertEquals(rows[1].url, "https://www.northpost.example/world/pact");
    assertEquals(rows[2].published, null);
    assertMatch(rows[2].notes!, /sometime last week/);
    assertEquals(rows[3].published, "2024-05-12");
    assertEquals(rows[3].language, "en");
    // The stored text is title, blank line, text; the body keeps both paragraphs.
    const stored = await Deno.readTextFile(`${data}/articles/${rows[1].file}`);
    assert(stored.startsWith("Leaders sign defence pact\n\nTwo leaders signed a defence pact"));
    assertEquals((await bodyOf(data, rows[1].file, rows[1].title)).split("\n").length, 2);
    assertMatch(await Deno.readTextFile(`${data}/articles.csv`), /,Lena Berg\n$/);
  });
});

Deno.test("add: an unknown export layout lists the columns found and the names accepted", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    const r = await addArticles([`${EXPORTS}unknown_layout.csv`, `${EXPORTS}no_rows.csv`], {
      dataDir: data,
    });
    assertEquals(r.outcomes.map((o) => o.kind), ["skipped", "skipped"]);
    const why = formatOutcome(r.outcomes[0]);
    assertMatch(why, /unknown export layout/);
    assertMatch(why, /Columns found: headline, summary\./);
    assertMatch(why, /text: text, content, body/);
    assertMatch(why, /outlet: media_name, outlet, source/);
    assertMatch(formatOutcome(r.outcomes[1]), /no_rows\.csv: the export has a header but no rows/);
    assertEquals(await Deno.readTextFile(`${data}/articles.csv`), SEED_MANIFEST);
  });
});

Deno.test("add: bad inputs are reported by file and skipped, the rest added", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    const inputs = `${dir}/in`;
    await Deno.mkdir(`${inputs}/sub`, { recursive: true });
    await Deno.writeFile(`${inputs}/a_empty.txt`, new Uint8Array());
    await Deno.writeFile(
      `${inputs}/b_image.txt`,
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    );
    await Deno.writeTextFile(`${inputs}/c_notes.pdf`, "not a pdf");
    await Deno.copyFile(`${PAGES}front_page.html`, `${inputs}/d_front.html`);
    await Deno.writeTextFile(`${inputs}/sub/e_story.txt`, "Harbour reopens\n\n" + WIRE + "\n");
    await Deno.writeTextFile(`${inputs}/f_debris.txt`, "Share this article\nFollow us on X\n");
    const r = await addArticles([inputs, `${dir}/missing.txt`], {
      dataDir: data,
      outlet: "Port News",
    });
    assertEquals(
      lines(r.outcomes).map((l) => l.replace(`${dir}/`, "")),
      [
        "skipped in/a_empty.txt: empty file",
        "skipped in/b_image.txt: binary file (PNG image) — not a text, page or export",
        "skipped in/c_notes.pdf: unsupported extension '.pdf' — give .txt, .html, .htm, .csv or .jsonl",
        "skipped in/d_front.html: Readability found no article in the page (4 words of text, fewer than 20)",
        "skipped in/f_debris.txt: no article text left after cleaning (2 lines removed)",
        // WIRE: 188 space-separated tokens, one of them a lone "-".
        "added 001 (Port News, 187 words)",
        "skipped missing.txt: not found",
      ].map((l) => l.replace(`${dir}/`, "")),
    );
    const rows = await manifest(data);
    assertEquals(rows.map((e) => [e.id, e.outlet, e.title]), [
      ["000", "Seed Gazette", "Seed story"],
      ["001", "Port News", "Harbour reopens"],
    ]);
    assertEquals(binaryReason(new TextEncoder().encode("plain text\n")), null);
    assertEquals(binaryReason(new Uint8Array([65, 0, 66])), "binary file (NUL bytes)");
  });
});

Deno.test("add: exact copy not added, near copy linked, same-event article not; re-adding changes nothing", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    const inputs = `${dir}/in`;
    await Deno.mkdir(inputs);
    await Deno.writeTextFile(`${inputs}/1_wire.txt`, "Pact signed in Pyongyang\n\n" + WIRE + "\n");
    // Another outlet runs the wire story with a new headline and an edited first sentence.
    await Deno.writeTextFile(
      `${inputs}/2_edited.txt`,
      "Moscow and Pyongyang vow mutual defence\n\n" + WIRE_EDITED + "\n",
    );
    // A third runs it word for word under its own headline (same cleaned body).
    await Deno.writeTextFile(
      `${inputs}/3_same.txt`,
      "Russia, North Korea sign pact\n\n" + WIRE + "\n",
    );
    await Deno.writeTextFile(`${inputs}/4_event.txt`, "Putin in Pyongyang\n\n" + SAME_EVENT + "\n");
    const r = await addArticles([inputs], { dataDir: data });
    const out = lines(r.outcomes);
    assertMatch(out[0], /^added 001 \(unnamed \(001\), \d+ words\)$/);
    assertMatch(
      out[1],
      /^added 002 \(unnamed \(002\), \d+ words; near copy of 001, similarity 0\.[6-9]\d\)$/,
    );
    assertMatch(out[2], /^copy of 001 \(.*3_same\.txt: same cleaned text, not added again\)$/);
    assertMatch(out[3], /^added 003 \(unnamed \(003\), \d+ words\)$/);
    const raw = await Deno.readTextFile(`${data}/articles.csv`);
    assert(raw.split("\n")[0].endsWith(",copy_of,similarity"));
    const row2 = raw.split("\n").find((l) => l.startsWith("002,"))!;
    assertMatch(row2, /,001,0\.[6-9]\d$/);
    assertMatch(raw.split("\n").find((l) => l.startsWith("003,"))!, /,,$/);
    // Again: nothing changes, and each input says which article it is a copy of.
    const files = [...Deno.readDirSync(`${data}/articles`)].map((e) => e.name).sort();
    const again = await addArticles([inputs], { dataDir: data });
    assertEquals(again.outcomes.map((o) => o.kind === "copy" ? o.id : o.kind), [
      "001",
      "002",
      "001",
      "003",
    ]);
    assertEquals(again.rows, []);
    assertEquals(await Deno.readTextFile(`${data}/articles.csv`), raw);
    assertEquals([...Deno.readDirSync(`${data}/articles`)].map((e) => e.name).sort(), files);
  });
});

Deno.test("add: a file name clash gets a new name; the existing file is not touched", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    const input = `${dir}/story.txt`;
    const text =
      "Bridge closed\n\nThe bridge will be closed for six weeks of repairs, the council said.\n";
    await Deno.writeTextFile(input, text);
    // A stray file already has the name the article would get.
    const hash = Array.from(
      new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))),
      (b) => b.toString(16).padStart(2, "0"),
    ).join("").slice(0, 16);
    await Deno.writeTextFile(`${data}/articles/001_${hash}.txt`, "someone else's file");
    await addArticles([input], { dataDir: data });
    assertEquals(
      await Deno.readTextFile(`${data}/articles/001_${hash}.txt`),
      "someone else's file",
    );
    const rows = await manifest(data);
    assertEquals(rows[1].file, `001_${hash}-2.txt`);
    assertEquals(await Deno.readTextFile(`${data}/articles/${rows[1].file}`), text);
  });
});

Deno.test("manifestWithRows keeps old rows byte for byte, quotes cells, adds new columns", () => {
  const old = 'id,file,outlet,notes\r\n000,a.txt,X,"say ""hi"", ok"\r\n';
  assertEquals(
    manifestWithRows(old, [{ id: "001", file: "b.txt", outlet: "Y, Z", notes: "" }], "m.csv"),
    old + '001,b.txt,"Y, Z",\r\n',
  );
  assertEquals(
    manifestWithRows(old, [{
      id: "001",
      file: "b.txt",
      outlet: "Y",
      copy_of: "000",
      similarity: "0.80",
    }], "m.csv"),
    'id,file,outlet,notes,copy_of,similarity\r\n000,a.txt,X,"say ""hi"", ok",,\r\n' +
      "001,b.txt,Y,,000,0.80\r\n",
  );
});

Deno.test("add killed mid-run leaves the manifest whole: old rows, then whole new rows only", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    const inputs = `${dir}/in`;
    await Deno.mkdir(inputs);
    for (let i = 0; i < 40; i++) {
      await Deno.writeTextFile(
        `${inputs}/${String(i).padStart(2, "0")}.txt`,
        `Story ${i}\n\nArticle number ${i} reports that ${
          "the council met again today and ".repeat(3)
        }` +
          `agreed on item ${i * 7919} of ${i * 104729} in district ${i}.\n`,
      );
    }
    const script = new URL("../../scripts/add.ts", import.meta.url).pathname;
    const seen = new Set<number>();
    for (const delay of [300, 900, 1500, 2500]) {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", script, "--data", data, "--batch", "3", inputs],
        stdout: "null",
        stderr: "null",
      }).spawn();
      await new Promise((res) => setTimeout(res, delay));
      try {
        child.kill("SIGKILL");
      } catch {
        // Already finished.
      }
      await child.status;
      const text = await Deno.readTextFile(`${data}/articles.csv`);
      const rows = parseManifest(text, "articles.csv"); // throws on a partial row
      assertEquals(rows[0].notes, "a note, with a comma");
      for (const e of rows) await Deno.stat(`${data}/articles/${e.file}`); // every file is there
      assert(text.endsWith("\n"));
      seen.add(rows.length);
      console.log("KILL", delay, rows.length);
      // No temporary manifest is left visible as a manifest.
      assertEquals(
        [...Deno.readDirSync(data)].filter((e) => e.name === "articles.csv").length,
        1,
      );
    }
    // A last full run completes the corpus without duplicates.
    const done = await addArticles([inputs], { dataDir: data });
    const rows = await manifest(data);
    assertEquals(rows.length, 41);
    assertEquals(new Set(rows.map((e) => e.title)).size, 41);
    assert(done.outcomes.every((o) => o.kind !== "skipped"));
  });
});
