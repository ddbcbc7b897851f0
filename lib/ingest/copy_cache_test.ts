/**
 * The copy index `task add` keeps between runs: a later run cleans only the articles that are
 * new or changed since, and finds copies of articles added by earlier runs or by hand.
 */
import { assert, assertEquals, assertMatch, withTempDir } from "../testing.ts";
import { addArticles, formatOutcome } from "./add.ts";
import { copyCacheDir, readKeptCopyIndex } from "./copy_cache.ts";
import { SAME_EVENT, WIRE, WIRE_EDITED } from "../testdata/ingest/texts.ts";

const FIXTURES = new URL("../testdata/ingest/", import.meta.url).pathname;

async function dataDir(dir: string): Promise<string> {
  const data = `${dir}/data`;
  await Deno.mkdir(`${data}/articles`, { recursive: true });
  await Deno.writeTextFile(
    `${data}/articles.csv`,
    "id,file,outlet,published,url,title,language,notes\n" +
      "000,000_a.txt,Seed Gazette,2024-06-01,,Seed story,en,\n",
  );
  await Deno.writeTextFile(
    `${data}/articles/000_a.txt`,
    "Seed story\n\nThe seed article has one paragraph about a local election result.\n",
  );
  await Deno.copyFile(`${FIXTURES}cleaning_rules.csv`, `${data}/cleaning_rules.csv`);
  await Deno.copyFile(`${FIXTURES}export_columns.csv`, `${data}/export_columns.csv`);
  return data;
}

async function input(dir: string, name: string, text: string): Promise<string> {
  await Deno.mkdir(`${dir}/in`, { recursive: true });
  await Deno.writeTextFile(`${dir}/in/${name}`, text);
  return `${dir}/in/${name}`;
}

Deno.test("copy index kept: a later run cleans only new or changed articles and finds earlier runs' copies", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    const first = await addArticles([await input(dir, "wire.txt", `Pact signed\n\n${WIRE}\n`)], {
      dataDir: data,
    });
    assertEquals(first.indexed, 1); // the seed article: no kept index yet
    assertMatch(formatOutcome(first.outcomes[0]), /^added 001 /);
    assert((await Deno.stat(`${copyCacheDir(data)}/index.json`)).isFile);

    // Second run: nothing cleaned but the input; the near copy of 001 is found in the kept index.
    const second = await addArticles(
      [await input(dir, "edited.txt", `Allies vow defence\n\n${WIRE_EDITED}\n`)],
      { dataDir: data },
    );
    assertEquals(second.indexed, 0);
    assertMatch(formatOutcome(second.outcomes[0]), /^added 002 .*near copy of 001, similarity/);
    // The exact copy of 001 is refused from the kept index.
    const third = await addArticles([await input(dir, "again.txt", `Pact\n\n${WIRE}\n`)], {
      dataDir: data,
    });
    assertEquals([third.indexed, formatOutcome(third.outcomes[0]).slice(0, 11)], [
      0,
      "copy of 001",
    ]);

    // A row added by hand: only it is cleaned, and it is found as a copy.
    await Deno.writeTextFile(`${data}/articles/900_hand.txt`, `Putin visit\n\n${SAME_EVENT}\n`);
    await Deno.writeTextFile(
      `${data}/articles.csv`,
      "900,900_hand.txt,Hand Post,2024-06-20,,Putin visit,en,,,\n",
      { append: true },
    );
    const hand = await addArticles([await input(dir, "event.txt", `Visit\n\n${SAME_EVENT}\n`)], {
      dataDir: data,
    });
    assertEquals(hand.indexed, 1);
    assertMatch(formatOutcome(hand.outcomes[0]), /^copy of 900 /);

    // An article file edited in place: only it is cleaned again; its old body is no longer found.
    await Deno.writeTextFile(
      `${data}/articles/900_hand.txt`,
      "Putin visit\n\nA different text about the harvest festival in the northern hills.\n",
    );
    const edited = await addArticles(
      [await input(dir, "event2.txt", `Visit again\n\n${SAME_EVENT}\n`)],
      { dataDir: data },
    );
    assertEquals(edited.indexed, 1);
    assertMatch(formatOutcome(edited.outcomes[0]), /^added \d+ /);

    // Another rules file, or a damaged index: every article is cleaned again.
    await Deno.writeTextFile(
      `${data}/cleaning_rules.csv`,
      (await Deno.readTextFile(`${data}/cleaning_rules.csv`)) +
        "zz-test,link,exact,A line no test has,drop,false,added by the test,generic\n",
    );
    const rules = await addArticles([await input(dir, "x.txt", `Pact\n\n${WIRE}\n`)], {
      dataDir: data,
    });
    const articles = (await Deno.readTextFile(`${data}/articles.csv`)).trim().split("\n").length -
      1;
    assertEquals(rules.indexed, articles);
    assertMatch(formatOutcome(rules.outcomes[0]), /^copy of 001 /);
    await Deno.writeTextFile(`${copyCacheDir(data)}/index.json`, "{ damaged");
    const damaged = await addArticles([await input(dir, "y.txt", `Pact\n\n${WIRE}\n`)], {
      dataDir: data,
    });
    assertEquals(damaged.indexed, articles);
    assertMatch(formatOutcome(damaged.outcomes[0]), /^copy of 001 /);
  });
});

Deno.test("copy index kept: each run appends the new signatures to the kept file; bytes left by a killed run are cut off", async () => {
  await withTempDir(async (dir) => {
    const data = await dataDir(dir);
    await addArticles([await input(dir, "wire.txt", `Pact signed\n\n${WIRE}\n`)], {
      dataDir: data,
    });
    const cache = copyCacheDir(data);
    const index = async () => (await readKeptCopyIndex(data))!.file;
    const first = await index();
    assertEquals([first.format, first.slots, first.entries.id], [3, 2, ["000", "001"]]);
    const base = Deno.readTextFileSync(`${cache}/index.json`);
    const bytes = (name: string) => Deno.statSync(`${cache}/${name}`).size;
    assertEquals(bytes(first.signatures), 2 * first.numHashes * 4);
    // A killed run left half a signature past the valid slots.
    Deno.writeFileSync(`${cache}/${first.signatures}`, new Uint8Array(100), { append: true });
    const second = await addArticles(
      [await input(dir, "event.txt", `Putin visit\n\n${SAME_EVENT}\n`)],
      { dataDir: data },
    );
    assertEquals(second.indexed, 0);
    // The new entry went to the journal: index.json is as it was.
    assertEquals(Deno.readTextFileSync(`${cache}/index.json`), base);
    assertEquals(Deno.readTextFileSync(`${cache}/${first.journal}`).trim().split("\n").length, 1);
    const after = await index();
    assertEquals([after.signatures, after.slots, after.entries.slot], [first.signatures, 3, [
      0,
      1,
      2,
    ]]);
    assertEquals(bytes(after.signatures), 3 * first.numHashes * 4);
    // The kept signatures still find copies: the edited wire story is linked to 001.
    const third = await addArticles(
      [await input(dir, "edited.txt", `Allies vow defence\n\n${WIRE_EDITED}\n`)],
      { dataDir: data },
    );
    assertEquals(third.indexed, 0);
    assertMatch(formatOutcome(third.outcomes[0]), /^added 003 .*near copy of 001, similarity/);
  });
});
