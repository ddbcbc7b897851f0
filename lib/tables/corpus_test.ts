import { assert, assertEquals, assertMatch, assertRejects } from "../testing.ts";
import {
  type Corpus,
  CorpusError,
  countWords,
  listCorpus,
  loadCorpus,
  sha256Hex,
} from "./corpus.ts";
import { decodeArticleBytes } from "../io/decode.ts";

const DATA = new URL("../testdata/bundled/", import.meta.url).pathname;
const FIXTURE = new URL("../testdata/corpus/", import.meta.url).pathname;
const HEADER = "id,file,outlet,published,url,title,language,notes\n";

const cpSlice = (t: string, s: number, e: number) => Array.from(t).slice(s, e).join("");

type Row = Record<string, unknown>;
const rows = (df: Corpus["articles"]): Row[] => df.toRecords() as Row[];

const tempDirs: string[] = [];
globalThis.addEventListener("unload", () => {
  for (const d of tempDirs) Deno.removeSync(d, { recursive: true });
});

/** A temp corpus folder: manifest text and files (name → text or bytes). */
async function tempCorpus(
  manifest: string,
  files: Record<string, string | Uint8Array>,
): Promise<{ dir: string; manifest: string; articlesDir: string }> {
  const dir = await Deno.makeTempDir({ prefix: "corpus_test_" });
  tempDirs.push(dir);
  await Deno.mkdir(`${dir}/articles`);
  await Deno.writeTextFile(`${dir}/articles.csv`, manifest);
  for (const [name, content] of Object.entries(files)) {
    const path = `${dir}/articles/${name}`;
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else await Deno.writeFile(path, content);
  }
  return { dir, manifest: `${dir}/articles.csv`, articlesDir: `${dir}/articles` };
}

/** Every table's offsets slice its text exactly. */
function assertOffsetsSliceBody(c: Corpus): void {
  const bodies = new Map(rows(c.articles).map((a) => [a.id as string, a.body as string]));
  for (const a of rows(c.articles)) {
    assertEquals(a.n_chars, Array.from(a.body as string).length);
  }
  for (const p of rows(c.paragraphs)) {
    const body = bodies.get(p.article_id as string)!;
    assertEquals(cpSlice(body, p.start as number, p.end as number), p.text);
  }
  const paraRange = new Map(
    rows(c.paragraphs).map((p) => [`${p.article_id}/${p.paragraph}`, [p.start, p.end]]),
  );
  for (const s of rows(c.sentences)) {
    const body = bodies.get(s.article_id as string)!;
    assertEquals(cpSlice(body, s.start as number, s.end as number), s.text);
    const [ps, pe] = paraRange.get(`${s.article_id}/${s.paragraph}`) as number[];
    assert((s.start as number) >= ps && (s.end as number) <= pe, "sentence inside its paragraph");
  }
}

async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) Object.assign(out, await hashTree(p));
    else if (e.isFile) out[p] = await sha256Hex(await Deno.readFile(p));
  }
  return out;
}

Deno.test("loadCorpus on the seeds: articles, counts, metadata, hashes", async () => {
  const before = await hashTree(DATA);
  const c = await loadCorpus();
  const arts = rows(c.articles);
  assertEquals(arts.map((a) => a.id), ["000", "001", "002", "003", "004"]);
  assertEquals(arts.map((a) => a.outlet), [
    "unnamed (000)",
    "unnamed (001)",
    "RBC-Ukraine",
    "unnamed (003)",
    "ViewUS Global",
  ]);
  assertEquals(arts.map((a) => a.outlet_named), [false, false, true, false, true]);
  assertEquals(arts.map((a) => a.encoding), ["utf-8", "utf-8", "utf-8", "utf-8", "utf-8"]);
  assertEquals(arts[2].source_line, "RBC Ukraine");
  assertEquals(arts[4].byline, "Daniel Kim");
  assertEquals(arts[4].credit, "Yonhap News");
  assertEquals(arts[4].published, "2024-12-04");
  assertEquals(arts[3].title, null);
  const perArticle = rows(c.paragraphs.groupBy("article_id").len().sort("article_id"));
  assertEquals(perArticle.map((r) => r.len), [7, 18, 43, 8, 5]);
  for (const a of arts) {
    assertEquals(a.n_words, countWords(a.body as string));
    assertEquals(a.sha256, await sha256Hex(await Deno.readFile(`${DATA}articles/${a.file}`)));
  }
  assertEquals(c.hashes.manifest, await sha256Hex(await Deno.readFile(`${DATA}articles.csv`)));
  assertEquals(
    c.hashes["cleaning_rules.csv"],
    await sha256Hex(await Deno.readFile(`${DATA}cleaning_rules.csv`)),
  );
  assertEquals(
    c.hashes["lexicons/framing.csv"],
    await sha256Hex(await Deno.readFile(`${DATA}lexicons/framing.csv`)),
  );
  // 003 has no title; 004 loses more than half its text to cleaning (related-headline lists).
  assertEquals(c.warnings.length, 2);
  assertMatch(c.warnings[0], /articles\/003_792d328d63c8fd01\.txt: no title/);
  assertMatch(c.warnings[1], /004_bfd3abdf462c3d5d\.txt/);
  assertEquals(rows(c.articles).map((a) => a.shrunk), [false, false, false, false, true]);
  assertEquals(rows(c.removed).filter((r) => r.article_id === "004").length, 88 - 5);
  // Raw files are never modified.
  assertEquals(await hashTree(DATA), before);
});

Deno.test("loadCorpus on the seeds: every offset slices the body; file offsets the file", async () => {
  const c = await loadCorpus();
  assertOffsetsSliceBody(c);
  const files = new Map(rows(c.articles).map((a) => [a.id as string, a.file as string]));
  for (const p of rows(c.paragraphs)) {
    const bytes = await Deno.readFile(`${DATA}articles/${files.get(p.article_id as string)}`);
    const { text } = decodeArticleBytes(bytes, "x");
    assertEquals(cpSlice(text, p.file_start as number, p.file_end as number), p.text);
  }
  // Sentence numbers run 0.. within each article.
  const s004 = rows(c.sentences).filter((s) => s.article_id === "004");
  assertEquals(s004.map((s) => s.sentence), s004.map((_, i) => i));
  assertEquals(s004.length, 10);
});

Deno.test("loadCorpus on a fixture with astral characters: code-point offsets", async () => {
  const c = await loadCorpus({
    manifest: `${FIXTURE}articles.csv`,
    articlesDir: `${FIXTURE}articles`,
  });
  const [a] = rows(c.articles);
  assertEquals(a.title, "Emoji 😀 test");
  assertEquals(a.n_chars, 147);
  assertEquals(rows(c.paragraphs).map((p) => [p.start, p.end, p.file_start, p.file_end]), [
    [0, 116, 14, 130],
    [118, 147, 132, 161],
  ]);
  assertEquals(rows(c.sentences).map((s) => [s.text, s.start, s.end]), [
    ["The 🚀 launch was on Feb. 9 in the U.S. and cost 1.5 million.", 0, 60],
    ["Mr. Kim said “it went well. Very well.”", 61, 100],
    ["Then 😀 he left.", 101, 116],
    ["Second 𝔸 paragraph ends here!", 118, 147],
  ]);
  assertOffsetsSliceBody(c);
  assertEquals(rows(c.removed).map((r) => r.rule), ["title-line-repeat", "widget-add-comment"]);
});

Deno.test("loadCorpus: manifest row whose file is missing", async () => {
  const t = await tempCorpus(
    HEADER + "a,a.txt,X,,,,,\nb,b.txt,Y,,,,,\nx,x.txt,Z,,,,,\n",
    { "a.txt": "T\nBody.", "b.txt": "T\nBody." },
  );
  const e = await assertRejects(() => loadCorpus(t));
  assert(e instanceof CorpusError);
  assertEquals(
    e.message,
    `${t.manifest} line 4: file 'x.txt' not found in ${t.articlesDir}/ — ` +
      `fix the file column or add the file`,
  );
});

Deno.test("loadCorpus: a file not in the manifest is loaded with outlet unknown and a warning", async () => {
  const t = await tempCorpus(HEADER + "a,a.txt,X,,,,,\n", {
    "a.txt": "Title A\nBody of a.",
    "zz_new.txt": "Title Z\nBody of z.",
  });
  const c = await loadCorpus(t);
  const arts = rows(c.articles);
  assertEquals(arts.map((a) => [a.id, a.outlet, a.outlet_named]), [
    ["a", "X", true],
    ["zz_new", "unknown", false],
  ]);
  assertEquals(c.warnings, [
    `${t.articlesDir}/zz_new.txt: not listed in ${t.manifest} — loaded with outlet 'unknown'; ` +
    `add a row for it to the manifest`,
  ]);
});

Deno.test("loadCorpus: duplicate ids, missing column, bad date, empty file", async () => {
  let t = await tempCorpus(HEADER + "a,a.txt,X,,,,,\na,b.txt,Y,,,,,\n", {
    "a.txt": "T\nBody.",
    "b.txt": "T\nBody.",
  });
  await assertRejects(() => loadCorpus(t), /line?s 2 and 3: duplicate id 'a'/);

  t = await tempCorpus("id,file,title\na,a.txt,T\n", { "a.txt": "T\nBody." });
  await assertRejects(
    () => loadCorpus(t),
    /articles\.csv line 1 \(header\): required column 'outlet' is missing/,
  );

  t = await tempCorpus(HEADER + "a,a.txt,X,June 2024,,,,\n", { "a.txt": "T\nBody." });
  await assertRejects(
    () => loadCorpus(t),
    /articles\.csv line 2, column 'published': 'June 2024' is not a date/,
  );

  t = await tempCorpus(HEADER + "a,a.txt,X,,,,,\ne,e.txt,Y,,,,,\n", {
    "a.txt": "T\nBody.",
    "e.txt": "",
  });
  const e = await assertRejects(() => loadCorpus(t));
  assertEquals(
    e.message,
    `${t.articlesDir}/e.txt: the file is empty (listed at ${t.manifest} line 3) — ` +
      `add the article text or remove its row from the manifest`,
  );
});

Deno.test("loadCorpus: non-UTF-8 bytes are read as Windows-1252 with a warning", async () => {
  const enc = new TextEncoder();
  const bytes = new Uint8Array([
    ...enc.encode("Title\nKim said "),
    0x93,
    ...enc.encode("no"),
    0x94,
    ...enc.encode(" today."),
  ]);
  const t = await tempCorpus(HEADER + "a,a.txt,X,,,,,\n", { "a.txt": bytes });
  const c = await loadCorpus(t);
  const [a] = rows(c.articles);
  assertEquals(a.encoding, "windows-1252");
  assertEquals(a.body, "Kim said “no” today.");
  assertEquals(c.warnings.length, 1);
  assertMatch(c.warnings[0], new RegExp(`^${t.articlesDir}/a\\.txt: not valid UTF-8`));
  assertMatch(c.warnings[0], /byte offset 15/);
});

Deno.test("loadCorpus: LF and CRLF+BOM versions of a corpus give identical tables", async () => {
  const article =
    "Title 😀\n\nFirst “quoted. Still” para.\n  • A bullet.\n\nLast one.\nAdd Comment\n";
  const manifest = HEADER + 'a,a.txt,X,2024-06-19,,,en,"multi\nline note"\n';
  const lf = await tempCorpus(manifest, { "a.txt": article });
  const bom = [0xef, 0xbb, 0xbf];
  const crlf = await tempCorpus("\uFEFF" + manifest.replaceAll("\n", "\r\n"), {
    "a.txt": new Uint8Array([
      ...bom,
      ...new TextEncoder().encode(article.replaceAll("\n", "\r\n")),
    ]),
  });
  const x = await loadCorpus(lf);
  const y = await loadCorpus(crlf);
  assertEquals(x.warnings, []);
  assertEquals(y.warnings, []);
  assertEquals(rows(x.paragraphs), rows(y.paragraphs));
  assertEquals(rows(x.sentences), rows(y.sentences));
  assertEquals(rows(x.removed), rows(y.removed));
  const strip = (r: Row) => ({ ...r, sha256: null });
  assertEquals(rows(x.articles).map(strip), rows(y.articles).map(strip));
  assertEquals(rows(x.articles)[0].notes, "multi\nline note");
});

Deno.test("loadCorpus: default paths do not depend on the working directory", async () => {
  // A separate process, so that changing the cwd cannot disturb other tests.
  const tmp = await Deno.makeTempDir();
  tempDirs.push(tmp);
  const corpusUrl = new URL("./corpus.ts", import.meta.url).href;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "--config",
      new URL("../../deno.json", import.meta.url).pathname,
      `const { loadCorpus } = await import(${JSON.stringify(corpusUrl)});` +
      `const c = await loadCorpus(); console.log(c.articles.height, Deno.cwd());`,
    ],
    cwd: tmp,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout).trim();
  assertEquals([out.code, stdout], [0, `5 ${await Deno.realPath(tmp)}`]);
});

Deno.test("loadCorpus: dataDir without its own rules falls back to the bundled rules", async () => {
  const t = await tempCorpus(HEADER + "a,a.txt,X,,,,,\n", { "a.txt": "Title\nBody.\nAdd Comment" });
  const c = await loadCorpus({ dataDir: t.dir });
  assertEquals(
    c.hashes["cleaning_rules.csv"],
    await sha256Hex(await Deno.readFile(`${DATA}cleaning_rules.csv`)),
  );
  assertEquals(rows(c.articles)[0].body, "Body.");
  await Deno.writeTextFile(
    `${t.dir}/cleaning_rules.csv`,
    "id,category,match,pattern,action\nmine,widget,exact,Body.,drop\n",
  );
  const d = await loadCorpus({ dataDir: t.dir });
  assertEquals(rows(d.removed).map((r) => r.rule), ["mine"]);
  assertEquals(rows(d.articles)[0].body, "Title\n\nAdd Comment");
});

Deno.test("loadCorpus: a missing manifest or articles folder says what to pass", async () => {
  const t = await tempCorpus(HEADER, {});
  await assertRejects(
    () => loadCorpus({ ...t, manifest: `${t.dir}/nope.csv` }),
    /nope\.csv: manifest not found/,
  );
  await assertRejects(
    () => loadCorpus({ ...t, articlesDir: `${t.dir}/none` }),
    /none\/: articles folder not found — create it or pass its path as 'articlesDir'/,
  );
});

Deno.test("loadCorpus refuses files from outside the articles folder, naming the manifest line", async () => {
  const t = await tempCorpus(HEADER + "a,a.txt,X,,,,,\nb,../secret.txt,Y,,,,,\n", {
    "a.txt": "T\nBody.",
  });
  await Deno.writeTextFile(`${t.dir}/secret.txt`, "Private\nNot part of the corpus.");
  await assertRejects(
    () => loadCorpus(t),
    new RegExp(
      `articles\\.csv line 3, column 'file': '\\.\\./secret\\.txt' leaves the articles folder`,
    ),
  );
  await Deno.writeTextFile(t.manifest, HEADER + `a,a.txt,X,,,,,\nb,${t.dir}/secret.txt,Y,,,,,\n`);
  await assertRejects(
    () => loadCorpus(t),
    /line 3, column 'file': '.*secret\.txt' is an absolute path/,
  );
  // A symlink inside the folder that points outside it.
  await Deno.symlink(`${t.dir}/secret.txt`, `${t.articlesDir}/link.txt`);
  await Deno.writeTextFile(t.manifest, HEADER + "a,a.txt,X,,,,,\nb,link.txt,Y,,,,,\n");
  const e = await assertRejects(() => loadCorpus(t));
  assert(e instanceof CorpusError);
  assertEquals(
    e.message,
    `${t.manifest} line 3: file 'link.txt' is a link to a file outside ${t.articlesDir}/ — ` +
      `only files inside the articles folder are read; copy the file there`,
  );
  assertEquals([e.line, e.column], [3, "file"]);
});

Deno.test("loadCorpus: a folder or a binary file listed as an article is an error with its line", async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const t = await tempCorpus(HEADER + "a,a.txt,X,,,,,\nb,sub,Y,,,,,\n", {
    "a.txt": "T\nBody.",
    "photo.txt": png,
  });
  await Deno.mkdir(`${t.articlesDir}/sub`);
  await assertRejects(
    () => loadCorpus(t),
    new RegExp(`articles\\.csv line 3: file 'sub' is a folder, not a file — name a text file`),
  );
  await Deno.writeTextFile(t.manifest, HEADER + "a,a.txt,X,,,,,\np,photo.txt,Y,,,,,\n");
  await assertRejects(
    () => loadCorpus(t),
    /articles\.csv line 3: file 'photo\.txt' is not a text file \(it is a PNG image\) — list only plain-text/,
  );
  // Unlisted, the binary file is skipped with a warning instead of becoming an article.
  await Deno.writeTextFile(t.manifest, HEADER + "a,a.txt,X,,,,,\n");
  const c = await loadCorpus(t);
  assertEquals(rows(c.articles).map((a) => a.id), ["a"]);
  assert(
    c.warnings.some((w) =>
      w === `${t.articlesDir}/photo.txt: skipped — not a text file (it is a PNG image)`
    ),
    c.warnings.join("\n"),
  );
});

Deno.test("loadCorpus: a.txt and ./a.txt are one file, listed twice", async () => {
  const t = await tempCorpus(HEADER + "a,a.txt,X,,,,,\nb,./a.txt,Y,,,,,\n", {
    "a.txt": "T\nBody.",
  });
  await assertRejects(
    () => loadCorpus(t),
    /articles\.csv lines 2 and 3: file 'a\.txt' is listed twice \(written '\.\/a\.txt' on line 3\)/,
  );
});

Deno.test("listCorpus / loadCorpus with manifest: false: every .txt under the folder, id = path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "corpus_test_" });
  tempDirs.push(dir);
  await Deno.mkdir(`${dir}/sub`);
  await Deno.writeTextFile(`${dir}/b.txt`, "Kim meets Putin\n\nThe talks went on.\n");
  await Deno.writeTextFile(`${dir}/sub/a.txt`, "The leaders met.\n");
  await Deno.writeTextFile(`${dir}/empty.txt`, "");
  await Deno.writeTextFile(`${dir}/notes.md`, "Not an article.");
  const listing = await listCorpus({ articlesDir: dir, manifest: false });
  assertEquals(listing.articles.map((a) => [a.entry.id, a.entry.file, a.entry.outlet]), [
    ["b.txt", "b.txt", "unknown"],
    ["empty.txt", "empty.txt", "unknown"],
    ["sub/a.txt", "sub/a.txt", "unknown"],
  ]);
  assertEquals(listing.warnings, []);
  assertEquals(listing.skipped, [{ path: "notes.md", reason: "not .txt" }]);
  const corpus = await loadCorpus({ articlesDir: dir, manifest: false });
  assertEquals(rows(corpus.articles).map((r) => [r.id, r.title, r.n_words]), [
    ["b.txt", "Kim meets Putin", 4],
    ["empty.txt", null, 0],
    ["sub/a.txt", null, 3],
  ]);
  // An empty file is an empty article with a warning, not an error; nothing says "not listed".
  assert(corpus.warnings.some((w) => /empty\.txt: the file is empty — nothing to analyse/.test(w)));
  assertEquals(corpus.warnings.filter((w) => /not listed/.test(w)), []);
});

Deno.test("loadCorpus: sentences split as the attribution extractor splits them", async () => {
  const body = [
    "Former President George H.W. Bush spoke in Austin on Tuesday, aides said.",
    "''We won. They lost,'' he told reporters. He left at 5 p.m. on Friday. 37% of voters agreed.",
    "Kim Jong Un said: “It is over. We won.” Then he left for Pyongyang.",
  ].join("\n\n");
  const t = await tempCorpus(HEADER + "a,a.txt,Wire,,,,,\n", {
    "a.txt": `Bush speaks in Austin\n\n${body}\n`,
  });
  const c = await loadCorpus(t);
  assertEquals(rows(c.sentences).map((s) => [s.paragraph, s.text]), [
    [0, "Former President George H.W. Bush spoke in Austin on Tuesday, aides said."],
    [1, "''We won. They lost,'' he told reporters."],
    [1, "He left at 5 p.m. on Friday."],
    [1, "37% of voters agreed."],
    [2, "Kim Jong Un said: “It is over. We won.”"],
    [2, "Then he left for Pyongyang."],
  ]);
  assertOffsetsSliceBody(c);
});
