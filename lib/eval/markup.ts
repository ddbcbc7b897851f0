/**
 * A hand-annotation markup for small attribution test sets, turned into PolNeAR-style brat files
 * (`text/<name>.txt`, `attributions/<name>_dev.ann`) and a table of gold source types
 * (`source_types.tsv`) that `deno task eval:attributions` reads.
 *
 * Markup: the article text with bracketed spans `[S1 …]` (source), `[C1 …]` (cue) and `[Q1 …]`
 * (content) of attribution 1; the source tag may carry the gold source type, `[S1:government
 * Washington]`. A tag repeated with the same number adds a fragment (a discontinuous span).
 * Spans may nest (a relayed attribution inside a report's content). `[` that does not open a
 * tag is text. Offsets are code points of the text without the tags.
 *
 * Run `deno run -A lib/eval/markup.ts MARKUP_DIR OUT_DIR` to rebuild a set from `*.txt` markup
 * files.
 *
 * @module
 */
import type { Fragments } from "./brat.ts";
import { SOURCE_TYPES } from "../resources/gazetteer.ts";

/** One attribution of a markup file. */
export interface MarkupAttribution {
  /** The number of its tags. */
  n: number;
  source: Fragments | null;
  cue: Fragments | null;
  content: Fragments | null;
  /** The gold source type given on the source tag, or null. */
  type: string | null;
}

/** A parsed markup file: the plain text and its attributions, by number. */
export interface MarkupArticle {
  text: string;
  attributions: MarkupAttribution[];
}

const TAG = /^\[([SCQ])(\d+)(?::([a-z_]+))?\s/;

/**
 * Parses markup (see the module documentation). `file` names it in errors: an unclosed tag, a
 * stray `]` after all tags closed is text, an unknown source type, or an attribution without a
 * cue or content is an error naming the file and line.
 *
 * @example
 * ```ts
 * const a = parseMarkup("[S1:official Kim] [C1 said] [Q1 no].", "x.txt");
 * a.text; // "Kim said no."
 * a.attributions[0].source; // [[0, 3]]
 * ```
 */
export function parseMarkup(markup: string, file: string): MarkupArticle {
  const cps = [...markup];
  let text = "";
  let pos = 0; // code points of text
  let line = 1;
  const stack: Array<{ role: string; n: number; start: number; line: number }> = [];
  const byN = new Map<number, MarkupAttribution>();
  const get = (n: number) => {
    let a = byN.get(n);
    if (!a) {
      a = { n, source: null, cue: null, content: null, type: null };
      byN.set(n, a);
    }
    return a;
  };
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i];
    if (ch === "[") {
      const m = TAG.exec(cps.slice(i, i + 40).join(""));
      if (m) {
        const [whole, role, num, type] = m;
        const n = Number(num);
        if (type !== undefined) {
          if (role !== "S") {
            throw new Error(
              `${file} line ${line}: a type is given on [${role}${num}; give it on [S${num}`,
            );
          }
          if (!(SOURCE_TYPES as readonly string[]).includes(type)) {
            throw new Error(
              `${file} line ${line}: source type "${type}" of [S${num} is unknown; use one of ${
                SOURCE_TYPES.join(", ")
              }`,
            );
          }
          get(n).type = type;
        }
        stack.push({ role, n, start: pos, line });
        i += [...whole].length - 1;
        continue;
      }
    }
    if (ch === "]" && stack.length > 0) {
      const t = stack.pop()!;
      const a = get(t.n);
      const key = t.role === "S" ? "source" : t.role === "C" ? "cue" : "content";
      (a[key] ??= []).push([t.start, pos]);
      continue;
    }
    if (ch === "\n") line++;
    text += ch;
    pos++;
  }
  if (stack.length > 0) {
    const t = stack[stack.length - 1];
    throw new Error(`${file} line ${t.line}: tag [${t.role}${t.n} is not closed; add "]"`);
  }
  const attributions = [...byN.values()].sort((a, b) => a.n - b.n);
  for (const a of attributions) {
    if (!a.cue && !a.content) {
      throw new Error(`${file}: attribution ${a.n} has neither cue [C${a.n} nor content [Q${a.n}`);
    }
    for (const f of [a.source, a.cue, a.content]) f?.sort((x, y) => x[0] - y[0]);
  }
  return { text, attributions };
}

/**
 * The brat standoff of parsed attributions (PolNeAR layout: T lines for Source, Cue, Content
 * and Attribution, one E line each).
 *
 * @example
 * ```ts
 * toBrat(parseMarkup("[S1 Kim] [C1 said] [Q1 no].", "x.txt"));
 * // "T1\tSource 0 3\tKim\nT2\tCue 4 8\tsaid\n…E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
 * ```
 */
export function toBrat(article: MarkupArticle): string {
  const cps = [...article.text];
  const lines: string[] = [];
  let t = 0;
  let e = 0;
  const bound = (label: string, f: Fragments) => {
    t++;
    const spans = f.map(([s, x]) => `${s} ${x}`).join(";");
    const text = f.map(([s, x]) => cps.slice(s, x).join("")).join(" ").replace(/\n/g, " ");
    lines.push(`T${t}\t${label} ${spans}\t${text}`);
    return `T${t}`;
  };
  for (const a of article.attributions) {
    const args: string[] = [];
    const src = a.source ? bound("Source", a.source) : null;
    const cue = a.cue ? bound("Cue", a.cue) : null;
    const content = a.content ? bound("Content", a.content) : null;
    const anchor = bound("Attribution", a.cue ?? a.content!);
    if (content) args.push(`Content:${content}`);
    if (cue) args.push(`Cue:${cue}`);
    if (src) args.push(`Source:${src}`);
    e++;
    lines.push(
      `E${e}\t${src ? "Attribution" : "Attribution-no-source"}:${anchor} ${args.join(" ")}`,
    );
  }
  return lines.map((l) => l + "\n").join("");
}

/** The columns of a set's `source_types.tsv`. */
export const SOURCE_TYPE_COLUMNS: readonly string[] = [
  "article",
  "source_start",
  "source_end",
  "source_text",
  "type",
];

/**
 * Rows of `source_types.tsv` for one article: one per attribution with a source and a type.
 *
 * @example
 * ```ts
 * sourceTypeRows("a", parseMarkup("[S1:official Kim] [C1 said] [Q1 no].", "a.txt"));
 * // [["a", "0", "3", "Kim", "official"]]
 * ```
 */
export function sourceTypeRows(name: string, article: MarkupArticle): string[][] {
  const cps = [...article.text];
  return article.attributions.filter((a) => a.source && a.type).map((a) => {
    const f = a.source!;
    const s = f[0][0];
    const e = f[f.length - 1][1];
    return [name, String(s), String(e), cps.slice(s, e).join("").replace(/[\t\n]/g, " "), a.type!];
  });
}

/**
 * Builds a brat set from a folder of markup files (`*.txt`): `OUT/text/<name>.txt`,
 * `OUT/attributions/<name>_dev.ann` and `OUT/source_types.tsv`. Each file is written to a
 * temporary name and renamed.
 *
 * @example
 * ```ts
 * await buildMarkupSet("lib/testdata/devset/sourcing/markup", "lib/testdata/devset/sourcing");
 * ```
 */
export async function buildMarkupSet(markupDir: string, outDir: string): Promise<number> {
  const names: string[] = [];
  for await (const e of Deno.readDir(markupDir)) {
    if (e.isFile && e.name.endsWith(".txt")) names.push(e.name.slice(0, -4));
  }
  names.sort();
  await Deno.mkdir(`${outDir}/text`, { recursive: true });
  await Deno.mkdir(`${outDir}/attributions`, { recursive: true });
  const write = async (path: string, data: string) => {
    await Deno.writeTextFile(`${path}.tmp`, data);
    await Deno.rename(`${path}.tmp`, path);
  };
  const rows: string[][] = [[...SOURCE_TYPE_COLUMNS]];
  for (const name of names) {
    const path = `${markupDir}/${name}.txt`;
    const article = parseMarkup(await Deno.readTextFile(path), path);
    await write(`${outDir}/text/${name}.txt`, article.text);
    await write(`${outDir}/attributions/${name}_dev.ann`, toBrat(article));
    rows.push(...sourceTypeRows(name, article));
  }
  await write(`${outDir}/source_types.tsv`, rows.map((r) => r.join("\t") + "\n").join(""));
  return names.length;
}

if (import.meta.main) {
  if (Deno.args.length !== 2) {
    console.error("usage: deno run -A lib/eval/markup.ts MARKUP_DIR OUT_DIR");
    Deno.exit(2);
  }
  try {
    const n = await buildMarkupSet(Deno.args[0], Deno.args[1]);
    console.log(`${n} articles written to ${Deno.args[1]}`);
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(1);
  }
}
