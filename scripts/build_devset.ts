/**
 * `deno run -A scripts/build_devset.ts MARKED_FILE OUT_DIR`
 *
 * Builds the framing development set (`lib/testdata/devset/framing/`) from its hand-annotated
 * source: a text file of articles, each opened by a line `=== <id> <style>` (id: digits; style:
 * wire, tabloid, opinion, state, regional, live, analysis, business, …) followed by the article
 * (first line the headline), in which annotated spans are written `{L|words}` (Loaded_Language),
 * `{N|words}` (Name_Calling,Labeling) or `{D|words}` (Distancing). A span inside a quotation or
 * a paraphrase names its speaker after `@`, as a careful reader would name them:
 * `{L@Ilhan Dost|steadfast}`, `{N@opposition lawmakers|puppet}`; `{L@?|words}` marks quoted or
 * reported words whose speaker the text does not name ("dubbed “the Butcher”", "was accused of
 * a grovelling PR disaster"). Writes `OUT_DIR/dev-articles/article<id>.txt` (markup removed),
 * `OUT_DIR/dev-TC.labels` (PTC format, code points, end exclusive), `OUT_DIR/dev-speakers.tsv`
 * (`article_id, start, end, speaker` of the spans with a speaker) and `OUT_DIR/dev-styles.tsv`.
 * Each file is written to a temporary name and renamed. The source is never modified.
 *
 * @module
 */

/** Techniques of the markup letters. */
export const MARKUP_TECHNIQUES: Readonly<Record<string, string>> = {
  L: "Loaded_Language",
  N: "Name_Calling,Labeling",
  D: "Distancing",
};

/** The speaker of quoted or reported words whose speaker the text does not name. */
export const UNNAMED_SPEAKER = "?";

/** One label of a built article; `speaker` only on spans inside a quotation or paraphrase. */
export interface DevLabel {
  technique: string;
  start: number;
  end: number;
  /** Who says these words (`{L@Name|…}`), or {@linkcode UNNAMED_SPEAKER}. */
  speaker?: string;
}

/** One built article. */
export interface DevArticle {
  id: string;
  style: string;
  text: string;
  labels: DevLabel[];
}

/**
 * Parses the marked source into articles with labels (code-point offsets into the clean text).
 * Throws an Error naming the file and line for a malformed header or markup.
 *
 * @example
 * ```ts
 * const [a] = parseMarkedDevset("=== 01 opinion\nA {L|vile} plot.\n", "x.txt");
 * a.labels; // [{ technique: "Loaded_Language", start: 2, end: 6 }]
 * ```
 */
export function parseMarkedDevset(source: string, file: string): DevArticle[] {
  const out: DevArticle[] = [];
  const lines = source.split(/\r?\n/);
  let current: { id: string; style: string; body: string[]; line: number } | null = null;
  const finish = () => {
    if (!current) return;
    out.push(build(current.id, current.style, current.body, current.line, file));
  };
  lines.forEach((line, i) => {
    if (line.startsWith("===")) {
      finish();
      const m = /^=== (\d+) ([a-z][a-z_-]*)\s*$/.exec(line);
      if (!m) {
        throw new Error(`${file} line ${i + 1}: expected "=== <digits> <style>", got "${line}"`);
      }
      if (out.some((a) => a.id === m[1])) {
        throw new Error(`${file} line ${i + 1}: article ${m[1]} appears twice`);
      }
      current = { id: m[1], style: m[2], body: [], line: i + 1 };
    } else if (current) current.body.push(line);
    else if (line.trim() !== "") {
      throw new Error(`${file} line ${i + 1}: text before the first "=== <id> <style>" line`);
    }
  });
  finish();
  return out;
}

function build(id: string, style: string, body: string[], line: number, file: string): DevArticle {
  const raw = body.join("\n").replace(/\n+$/, "") + "\n";
  let text = "";
  let cps = 0;
  const labels: DevArticle["labels"] = [];
  const re = /\{([A-Z])(?:@([^{}|]*))?\|([^{}]*)\}/g;
  let pos = 0;
  for (const m of raw.matchAll(re)) {
    const technique = MARKUP_TECHNIQUES[m[1]];
    if (!technique) {
      throw new Error(
        `${file}: article ${id} (line ${line}): unknown markup {${m[1]}|…} — use L, N or D`,
      );
    }
    const speaker = m[2]?.trim().replace(/\s+/g, " ");
    if (speaker === "") {
      throw new Error(
        `${file}: article ${id} (line ${line}): empty speaker in {${m[1]}@|…} — write ` +
          `{${m[1]}@Name|words}, or {${m[1]}@${UNNAMED_SPEAKER}|words} when the text names no one`,
      );
    }
    const before = raw.slice(pos, m.index);
    text += before;
    cps += [...before].length;
    const start = cps;
    text += m[3];
    cps += [...m[3]].length;
    labels.push(
      speaker === undefined ? { technique, start, end: cps } : {
        technique,
        start,
        end: cps,
        speaker,
      },
    );
    pos = m.index + m[0].length;
  }
  text += raw.slice(pos);
  if (/[{}]/.test(text)) {
    throw new Error(
      `${file}: article ${id} (line ${line}): unbalanced { or } in the markup — write {L|words}`,
    );
  }
  return { id, style, text, labels };
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${Deno.pid}`;
  await Deno.writeTextFile(tmp, text);
  await Deno.rename(tmp, path);
}

/**
 * Writes the articles, labels, speakers and styles of `articles` under `outDir`.
 *
 * @example
 * ```ts
 * await writeDevset(parseMarkedDevset(src, "x.txt"), "lib/testdata/devset/framing");
 * ```
 */
export async function writeDevset(articles: readonly DevArticle[], outDir: string): Promise<void> {
  await Deno.mkdir(`${outDir}/dev-articles`, { recursive: true });
  for (const a of articles) await writeAtomic(`${outDir}/dev-articles/article${a.id}.txt`, a.text);
  const labels = articles.flatMap((a) =>
    a.labels.map((l) => `${a.id}\t${l.technique}\t${l.start}\t${l.end}\n`)
  );
  await writeAtomic(`${outDir}/dev-TC.labels`, labels.join(""));
  const speakers = articles.flatMap((a) =>
    a.labels.filter((l) => l.speaker !== undefined)
      .map((l) => `${a.id}\t${l.start}\t${l.end}\t${l.speaker}\n`)
  );
  await writeAtomic(
    `${outDir}/dev-speakers.tsv`,
    "article_id\tstart\tend\tspeaker\n" + speakers.join(""),
  );
  await writeAtomic(
    `${outDir}/dev-styles.tsv`,
    "article_id\tstyle\n" + articles.map((a) => `${a.id}\t${a.style}\n`).join(""),
  );
}

if (import.meta.main) {
  const [src, out] = Deno.args;
  if (!src || !out) {
    console.error("usage: deno run -A scripts/build_devset.ts MARKED_FILE OUT_DIR");
    Deno.exit(2);
  }
  try {
    const articles = parseMarkedDevset(await Deno.readTextFile(src), src);
    await writeDevset(articles, out);
    const n = articles.reduce((s, a) => s + a.labels.length, 0);
    console.log(`${articles.length} articles, ${n} labels written to ${out}`);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
