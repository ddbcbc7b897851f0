/**
 * `deno task hits DIR [--lexicon PATH] [--no-scare-quotes] [--no-clean] [--store PATH]`
 *
 * Opens every `*.txt` file under DIR (recursively, sorted by path) through the store (`openCorpus`
 * with `manifest: false`; default store `.cache/store/<name of DIR>` beside DIR), so a second
 * export of the same folder, or `deno task attributions DIR`, reuses the analysis, and writes the
 * framing hits as JSONL to stdout, one hit per line:
 * `{"file","start","end","text","term","category","target","voice","speaker"}` with `file`
 * relative to DIR and `start`/`end` Unicode code-point offsets into the file's text as stored
 * (UTF-8, byte-order mark and line ends kept; end exclusive), so hits line up with other
 * annotations of the same files.
 *
 * The headline rule is the notebooks': a file's first line is its title when it looks like one
 * (short, not ending with a full stop: the `title` rule of `data/cleaning_rules.csv`), and its hits
 * get voice "headline". Lines the cleaning rules remove as page debris (related-headline lists,
 * comment widgets, cookie notices) are skipped unless `--no-clean` (which keeps the title rule and
 * uses its own store). Voice and speaker come from the one chain (`lib/analyse.ts`).
 * `--no-scare-quotes` leaves out the `scare quotes` (distancing) hits. stderr gets the store line,
 * the lexicon's sha256, and what was read and skipped.
 *
 * @module
 */
import { SCARE_QUOTES_TERM } from "../lib/extract/framing.ts";
import { type ExportTable, openFolder, readSummary, writeArticleLines } from "./folder_export.ts";

const USAGE =
  "usage: deno task hits DIR [--lexicon PATH] [--no-scare-quotes] [--no-clean] [--store PATH]";

/** Options that the cached analysis replaced, and what to do instead. */
const REMOVED: Record<string, string> = {
  "--no-attributions": "--no-attributions was removed: hits come from the cached analysis, " +
    "whose voice and speaker use the attributions found once for both exports; " +
    "ignore the speaker field instead",
};

/** Parsed command line. */
export interface HitsArgs {
  dir: string;
  lexicon?: string;
  store?: string;
  scareQuotes: boolean;
  clean: boolean;
  /** Notes for stderr (an option that is now the default). */
  notes: string[];
}

/**
 * Parses the command line; throws an Error with the usage on a bad one.
 *
 * @example
 * ```ts
 * parseHitsArgs(["corpus/", "--lexicon", "my.csv"]).lexicon; // "my.csv"
 * ```
 */
export function parseHitsArgs(argv: readonly string[]): HitsArgs {
  const a: HitsArgs = { dir: "", scareQuotes: true, clean: true, notes: [] };
  const value = (name: string, i: number): string => {
    const v = argv[i];
    if (!v) throw new Error(`${name} needs a path\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--lexicon") a.lexicon = value(x, ++i);
    else if (x.startsWith("--lexicon=")) a.lexicon = x.slice("--lexicon=".length);
    else if (x === "--store") a.store = value(x, ++i);
    else if (x.startsWith("--store=")) a.store = x.slice("--store=".length);
    else if (x === "--first-line-headline") {
      a.notes.push(
        "--first-line-headline is the default now (a title-like first line is the headline, " +
          "as in the notebooks): the option does nothing",
      );
    } else if (x === "--no-scare-quotes") a.scareQuotes = false;
    else if (x === "--no-clean") a.clean = false;
    else if (x in REMOVED) throw new Error(`${REMOVED[x]}\n${USAGE}`);
    else if (x.startsWith("--")) throw new Error(`unknown option ${x}\n${USAGE}`);
    else if (a.dir === "") a.dir = x;
    else throw new Error(`more than one DIR given (${a.dir}, ${x})\n${USAGE}`);
  }
  if (a.dir === "") throw new Error(`no DIR given\n${USAGE}`);
  return a;
}

/** One hit as exported: offsets into the file as stored. */
export interface HitRecord {
  start: number;
  end: number;
  text: string;
  term: string;
  category: string;
  target: string;
  voice: string;
  speaker: string | null;
}

/**
 * One JSONL record, keys in the documented order.
 *
 * @example
 * ```ts
 * hitRecord("a.txt", hit); // '{"file":"a.txt","start":4,...}'
 * ```
 */
export function hitRecord(file: string, h: HitRecord): string {
  return JSON.stringify({
    file,
    start: h.start,
    end: h.end,
    text: h.text,
    term: h.term,
    category: h.category,
    target: h.target,
    voice: h.voice,
    speaker: h.speaker,
  });
}

/** The store table written, its columns, and each article's rows in the corpus tables' order. */
const TABLE: ExportTable = {
  table: "hits",
  columns: ["field", "start", "end", "text", "term", "category", "target", "voice", "speaker"],
  within: ["__field", "start", "end"],
};

async function main(argv: string[]): Promise<number> {
  let args: HitsArgs;
  try {
    args = parseHitsArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  for (const n of args.notes) console.error(`note: ${n}`);
  try {
    const { files, corpus } = await openFolder(args);
    const lexicon = corpus.resources.lexicon;
    console.error(`lexicon ${lexicon.source} sha256 ${lexicon.sha256}; ${files.length} files`);
    const n = await writeArticleLines(args.dir, files, corpus, TABLE, (file, rs) => {
      const lines: string[] = [];
      for (const r of rs) {
        if (!args.scareQuotes && r.term === SCARE_QUOTES_TERM) continue;
        const start = Number(r.start);
        const end = Number(r.end);
        const span = r.field === "title"
          ? file.offsets.title(start, end, r.text as string)
          : file.offsets.body(start, end);
        if (span === null) {
          file.titleLeftOut++;
          continue;
        }
        lines.push(hitRecord(file.id, {
          start: span[0],
          end: span[1],
          text: r.text as string,
          term: r.term as string,
          category: r.category as string,
          target: r.target as string,
          voice: r.voice as string,
          speaker: (r.speaker as string | null) ?? null,
        }));
      }
      return lines;
    });
    console.error(`${n} hits; ${readSummary(files)}`);
    return 0;
  } catch (e) {
    if (e instanceof Deno.errors.BrokenPipe) return 0; // stdout closed early (e.g. `| head`)
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
