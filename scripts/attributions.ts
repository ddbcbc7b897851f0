/**
 * `deno task attributions DIR`: extracts the attributions of every `*.txt` file under DIR
 * (recursively, sorted by path) and writes JSONL to stdout, one attribution per line:
 * `{"file","source":{"start","end","text"}|null,"source_id","source_type","cue":{...}|null,
 * "content":{...},"kind","via"}`. Files are read as UTF-8 with newlines untouched; offsets are
 * code points into the file's text. `file` is the path relative to DIR.
 *
 * @module
 */
import { extractAttributions } from "../lib/attributions.ts";
import { loadGazetteer } from "../lib/sources.ts";

/**
 * The `*.txt` files under `dir`, as paths relative to it, sorted.
 *
 * @example
 * ```ts
 * await listTextFiles("data/articles"); // ["000_….txt", …]
 * ```
 */
export async function listTextFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(rel === "" ? dir : `${dir}/${rel}`)) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory) await walk(path);
      else if (e.isFile && e.name.endsWith(".txt")) out.push(path);
    }
  };
  await walk("");
  return out.sort();
}

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
  if (Deno.args.length !== 1) {
    console.error("usage: deno task attributions DIR   (writes JSONL to stdout)");
    Deno.exit(2);
  }
  const dir = Deno.args[0].replace(/\/+$/, "") || "/";
  try {
    const stat = await Deno.stat(dir);
    if (!stat.isDirectory) throw new Error(`${dir}: not a folder; give a folder of .txt files`);
    const gaz = await loadGazetteer();
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const encoder = new TextEncoder();
    for (const file of await listTextFiles(dir)) {
      let text: string;
      try {
        text = decoder.decode(await Deno.readFile(`${dir}/${file}`));
      } catch (e) {
        if (e instanceof TypeError) {
          throw new Error(`${dir}/${file}: not valid UTF-8; convert the file to UTF-8 first`);
        }
        throw e;
      }
      const lines = attributionLines(file, text, gaz);
      if (lines.length > 0) await Deno.stdout.write(encoder.encode(lines.join("\n") + "\n"));
    }
  } catch (e) {
    console.error(
      e instanceof Deno.errors.NotFound ? `${dir}: no such folder` : (e as Error).message,
    );
    Deno.exit(1);
  }
}
