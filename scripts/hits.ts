/**
 * `deno task hits DIR [--lexicon PATH] [--first-line-headline] [--no-attributions]
 * [--no-scare-quotes] [--no-clean]`
 *
 * Walks DIR recursively for `*.txt` files (sorted by path), reads each as UTF-8 exactly as
 * stored (newlines and a byte-order mark untouched), finds the framing hits and writes JSONL to
 * stdout, one hit per line:
 * `{"file","start","end","text","term","category","target","voice","speaker"}` with `file`
 * relative to DIR and `start`/`end` Unicode code-point offsets into the file's text (end
 * exclusive), so hits line up with other annotations of the same files.
 *
 * The first line of a file is NOT treated specially by default: it is body text like the rest
 * (voice narration, quote or paraphrase). With `--first-line-headline` hits on the first line get
 * voice "headline". Speakers come from the attribution extractor (`lib/attributions.ts`, with
 * the default gazetteer) unless `--no-attributions`. Lines the cleaning rules
 * (`data/cleaning_rules.csv`) remove as page debris — related-headline lists, comment widgets,
 * cookie notices — are skipped (blanked, so offsets do not move) unless `--no-clean`. The
 * lexicon's sha256 goes to stderr.
 *
 * @module
 */
import { type Attribution, extractAttributions } from "../lib/extract/attributions.ts";
import { loadCleaningRules } from "../lib/text/clean.ts";
import { framingHits, type Hit } from "../lib/extract/framing.ts";
import { loadLexicon } from "../lib/resources/lexicon.ts";
import { loadGazetteer } from "../lib/resources/gazetteer.ts";
import { listTextFiles, maskDebris, readSummary, readUtf8 } from "../lib/io/textfiles.ts";

export { listTextFiles, readUtf8 };

const USAGE =
  "usage: deno task hits DIR [--lexicon PATH] [--first-line-headline] [--no-attributions] [--no-scare-quotes] [--no-clean]";

/** Parsed command line. */
export interface HitsArgs {
  dir: string;
  lexicon?: string;
  firstLineHeadline: boolean;
  attributions: boolean;
  scareQuotes: boolean;
  clean: boolean;
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
  const a: HitsArgs = {
    dir: "",
    firstLineHeadline: false,
    attributions: true,
    scareQuotes: true,
    clean: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--lexicon") {
      const v = argv[++i];
      if (!v) throw new Error(`--lexicon needs a path\n${USAGE}`);
      a.lexicon = v;
    } else if (x.startsWith("--lexicon=")) a.lexicon = x.slice("--lexicon=".length);
    else if (x === "--first-line-headline") a.firstLineHeadline = true;
    else if (x === "--no-attributions") a.attributions = false;
    else if (x === "--no-scare-quotes") a.scareQuotes = false;
    else if (x === "--no-clean") a.clean = false;
    else if (x.startsWith("--")) throw new Error(`unknown option ${x}\n${USAGE}`);
    else if (a.dir === "") a.dir = x;
    else throw new Error(`more than one DIR given (${a.dir}, ${x})\n${USAGE}`);
  }
  if (a.dir === "") throw new Error(`no DIR given\n${USAGE}`);
  return a;
}

/**
 * One JSONL record, keys in the documented order.
 *
 * @example
 * ```ts
 * hitRecord("a.txt", hit); // '{"file":"a.txt","start":4,...}'
 * ```
 */
export function hitRecord(file: string, h: Hit): string {
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

async function writeAll(bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await Deno.stdout.write(bytes.subarray(off));
}

async function main(argv: string[]): Promise<number> {
  let args: HitsArgs;
  try {
    args = parseHitsArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  try {
    const files = await listTextFiles(args.dir);
    const lexicon = await loadLexicon(args.lexicon);
    const gazetteer = args.attributions ? await loadGazetteer() : null;
    const rules = args.clean
      ? await loadCleaningRules(new URL("../data/cleaning_rules.csv", import.meta.url).pathname)
      : null;
    console.error(`lexicon ${lexicon.source} sha256 ${lexicon.sha256}; ${files.length} files`);
    const enc = new TextEncoder();
    let n = 0;
    for (const rel of files) {
      const stored = await readUtf8(`${args.dir}/${rel}`);
      const text = rules ? maskDebris(stored, rules) : stored;
      const attributions: Attribution[] = gazetteer ? extractAttributions(text, gazetteer) : [];
      let hits = framingHits(text, lexicon, { attributions, scareQuotes: args.scareQuotes });
      if (args.firstLineHeadline) {
        const nl = text.search(/\r\n|\r|\n/);
        const firstEnd = nl < 0 ? Infinity : [...text.slice(0, nl)].length;
        hits = hits.map((h) => h.end <= firstEnd ? { ...h, voice: "headline", speaker: null } : h);
      }
      if (hits.length === 0) continue;
      n += hits.length;
      await writeAll(enc.encode(hits.map((h) => hitRecord(rel, h)).join("\n") + "\n"));
    }
    console.error(`${n} hits; ${readSummary(files)}`);
    return 0;
  } catch (e) {
    if (e instanceof Deno.errors.BrokenPipe) return 0; // stdout closed early (e.g. `| head`)
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
