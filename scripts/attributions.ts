/**
 * `deno task attributions DIR [--no-clean] [--store PATH]`: the attributions of every `*.txt` file
 * under DIR (recursively, sorted by path) as JSONL on stdout, one attribution per line:
 * `{"file","source":{"start","end","text"}|null,"source_id","source_type","cue":{...}|null,
 * "content":{...},"kind","via"}`. `file` is the path relative to DIR; offsets are Unicode code
 * points into the file's text as stored (UTF-8, byte-order mark and line ends kept).
 *
 * The folder is opened through the store (`openCorpus` with `manifest: false`; default store
 * `.cache/store/<name of DIR>` beside DIR), the same one `deno task hits DIR` uses, so the second
 * export reuses the first's analysis. A title-like first line is the headline (the notebooks' rule)
 * and its attributions come first. Lines the cleaning rules remove as page debris (related
 * headlines, comment widgets, …) are skipped unless `--no-clean` (which keeps the title rule and
 * uses its own store). stderr gets the store line and what was read and skipped.
 *
 * @module
 */
import { type ExportTable, openFolder, readSummary, writeArticleLines } from "./folder_export.ts";

const USAGE = "usage: deno task attributions DIR [--no-clean] [--store PATH]   (writes JSONL)";

/** Parsed command line. */
export interface AttributionsArgs {
  dir: string;
  store?: string;
  clean: boolean;
}

/**
 * Parses the command line; throws an Error with the usage on a bad one.
 *
 * @example
 * ```ts
 * parseAttributionsArgs(["corpus/", "--no-clean"]).clean; // false
 * ```
 */
export function parseAttributionsArgs(argv: readonly string[]): AttributionsArgs {
  const a: AttributionsArgs = { dir: "", clean: true };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--no-clean") a.clean = false;
    else if (x === "--store") {
      a.store = argv[++i];
      if (!a.store) throw new Error(`--store needs a path\n${USAGE}`);
    } else if (x.startsWith("--store=")) a.store = x.slice("--store=".length);
    else if (x.startsWith("--")) throw new Error(`unknown option ${x}\n${USAGE}`);
    else if (a.dir === "") a.dir = x;
    else throw new Error(`more than one DIR given (${a.dir}, ${x})\n${USAGE}`);
  }
  if (a.dir === "") throw new Error(`no DIR given\n${USAGE}`);
  return a;
}

/** A span of the file: code-point offsets and its text as analysed. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** One attribution as exported: spans into the file as stored. */
export interface AttributionRecord {
  source: Span | null;
  source_id: string | null;
  source_type: string | null;
  cue: Span | null;
  content: Span;
  kind: string;
  via: string | null;
}

/**
 * One JSONL record, keys in the documented order.
 *
 * @example
 * ```ts
 * attributionRecord("a.txt", record); // '{"file":"a.txt","source":{"start":16,…},…}'
 * ```
 */
export function attributionRecord(file: string, a: AttributionRecord): string {
  return JSON.stringify({
    file,
    source: a.source,
    source_id: a.source_id,
    source_type: a.source_type,
    cue: a.cue,
    content: a.content,
    kind: a.kind,
    via: a.via,
  });
}

/** The store table written, its columns, and each article's rows in the corpus tables' order. */
const TABLE: ExportTable = {
  table: "attributions",
  columns: [
    "field",
    "source_start",
    "source_end",
    "source_text",
    "cue_start",
    "cue_end",
    "cue_text",
    "content_start",
    "content_end",
    "content_text",
    "source_id",
    "source_type",
    "kind",
    "via",
  ],
  within: ["attribution"],
};

async function main(argv: string[]): Promise<number> {
  let args: AttributionsArgs;
  try {
    args = parseAttributionsArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  try {
    const { files, corpus } = await openFolder(args);
    const n = await writeArticleLines(args.dir, files, corpus, TABLE, (file, rs) => {
      const lines: string[] = [];
      for (const r of rs) {
        const title = r.field === "title";
        let missed = false;
        const span = (name: "source" | "cue" | "content"): Span | null => {
          const start = r[`${name}_start`];
          const end = r[`${name}_end`];
          if (start === null || end === null) return null;
          const text = r[`${name}_text`] as string;
          const at = title
            ? file.offsets.title(Number(start), Number(end), text)
            : file.offsets.body(Number(start), Number(end));
          if (at === null) missed = true;
          return at === null ? null : { start: at[0], end: at[1], text };
        };
        const source = span("source");
        const cue = span("cue");
        const content = span("content");
        if (missed || content === null) {
          file.titleLeftOut++;
          continue;
        }
        lines.push(attributionRecord(file.id, {
          source,
          source_id: (r.source_id as string | null) ?? null,
          source_type: (r.source_type as string | null) ?? null,
          cue,
          content,
          kind: r.kind as string,
          via: (r.via as string | null) ?? null,
        }));
      }
      return lines;
    });
    console.error(`${n} attributions; ${readSummary(files)}`);
    return 0;
  } catch (e) {
    if (e instanceof Deno.errors.BrokenPipe) return 0; // stdout closed early (`| head`)
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
