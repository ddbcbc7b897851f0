/**
 * `deno task attributions DIR`: extracts the attributions of every `*.txt` file under DIR
 * (recursively, sorted by path) and writes JSONL to stdout, one attribution per line:
 * `{"file","source":{"start","end","text"}|null,"source_id","source_type","cue":{...}|null,
 * "content":{...},"kind","via"}`. Files are read as UTF-8 with newlines untouched; offsets are
 * code points into the file's text. `file` is the path relative to DIR. Lines the cleaning rules
 * remove as page debris (related headlines, comment widgets, …) are skipped, blanked so that
 * offsets do not move, unless `--no-clean`.
 *
 * @module
 */
import { extractAttributions } from "../lib/extract/attributions.ts";
import { loadCleaningRules } from "../lib/text/clean.ts";
import { listTextFiles, maskDebris, readSummary, readUtf8 } from "../lib/io/textfiles.ts";
import { loadGazetteer } from "../lib/resources/gazetteer.ts";

/**
 * The JSONL lines of the attributions of one file's text.
 *
 * @example
 * ```ts
 * attributionLines("a.txt", "“Hi,” Putin said.", gaz)[0]; // {"file":"a.txt","source":{…}…}
 * ```
 */
export function attributionLines(
  file: string,
  text: string,
  gazetteer: Awaited<ReturnType<typeof loadGazetteer>>,
): string[] {
  return extractAttributions(text, gazetteer).map((a) =>
    JSON.stringify({
      file,
      source: a.source,
      source_id: a.source_id,
      source_type: a.source_type,
      cue: a.cue,
      content: a.content,
      kind: a.kind,
      via: a.via,
    })
  );
}

if (import.meta.main) {
  const args = Deno.args.filter((a) => a !== "--no-clean");
  const unknown = args.filter((a) => a.startsWith("--"));
  if (args.length !== 1 || unknown.length) {
    console.error(
      (unknown.length ? `unknown option ${unknown[0]}\n` : "") +
        "usage: deno task attributions DIR [--no-clean]   (writes JSONL to stdout)",
    );
    Deno.exit(2);
  }
  const dir = args[0].replace(/\/+$/, "") || "/";
  try {
    const files = await listTextFiles(dir);
    const gaz = await loadGazetteer();
    const rules = Deno.args.includes("--no-clean")
      ? null
      : await loadCleaningRules(new URL("../data/cleaning_rules.csv", import.meta.url).pathname);
    const encoder = new TextEncoder();
    for (const file of files) {
      const stored = await readUtf8(`${dir}/${file}`);
      const text = rules ? maskDebris(stored, rules) : stored;
      const lines = attributionLines(file, text, gaz);
      if (lines.length > 0) await Deno.stdout.write(encoder.encode(lines.join("\n") + "\n"));
    }
    console.error(readSummary(files));
  } catch (e) {
    if (e instanceof Deno.errors.BrokenPipe) Deno.exit(0); // stdout closed early (`| head`)
    console.error((e as Error).message);
    Deno.exit(1);
  }
}
