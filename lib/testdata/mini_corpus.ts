/**
 * A small corpus made in a test: the articles written as files with a manifest into a temporary
 * data folder (with any data files given, such as a lexicon), analysed by `loadCorpus`, and the
 * folder removed. Data files the folder lacks come from the fixture data folder.
 *
 * @example
 * ```ts
 * const corpus = await miniCorpus(
 *   [{ id: "a1", outlet: "Daily A", title: "A title", body: "The dictator left." }],
 *   { "lexicons/framing.csv": "pattern,category,target\ndictator*,loaded_negative,person\n" },
 * );
 * corpus.hits.height; // 1
 * ```
 *
 * @module
 */
import { type Corpus, loadCorpus } from "../tables/corpus.ts";
import { withTempDir } from "../testing.ts";

/** One article of a test corpus: its file is the title line, a blank line, then the body. */
export interface MiniArticle {
  id: string;
  outlet: string;
  title?: string | null;
  body: string;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Loads `articles` as a corpus (see the module doc); `files` maps data file names
 * ("lexicons/framing.csv") to their text.
 */
export async function miniCorpus(
  articles: readonly MiniArticle[],
  files: Readonly<Record<string, string>> = {},
): Promise<Corpus> {
  let corpus: Corpus | undefined;
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/articles`, { recursive: true });
    const lines = ["id,file,outlet,published,url,title,language,notes"];
    for (const a of articles) {
      const title = a.title ?? "";
      lines.push([a.id, `${a.id}.txt`, a.outlet, "", "", title, "en", ""].map(csvField).join(","));
      const text = title === "" ? a.body : `${title}\n\n${a.body}`;
      await Deno.writeTextFile(`${dir}/articles/${a.id}.txt`, text);
    }
    await Deno.writeTextFile(`${dir}/articles.csv`, lines.join("\n") + "\n");
    for (const [name, text] of Object.entries(files)) {
      const path = `${dir}/${name}`;
      await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(path, text);
    }
    corpus = await loadCorpus({ dataDir: dir });
  });
  return corpus!;
}
