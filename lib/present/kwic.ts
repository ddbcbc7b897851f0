/**
 * KWIC (key word in context): every framing hit with the words around it and its sentence, to
 * audit what the lexicon found. The HTML rendering escapes all article text.
 *
 * @module
 */
import pl from "nodejs-polars";
import { codePointLength, utf16Index } from "../text/codepoints.ts";
import { escapeHtml } from "./html.ts";
import type { MimeBundle } from "./render.ts";

/** Options of {@linkcode kwicTable}. */
export interface KwicOptions {
  /** Code points of context on each side (default 60). */
  width?: number;
}

/** The corpus tables KWIC reads: articles (id, title, body) and sentences. */
export interface KwicCorpus {
  articles: pl.DataFrame;
  sentences: pl.DataFrame;
}

const oneLine = (s: string) => s.replace(/\s+/gu, " ");

/**
 * One row per hit (the rows of `hitsTable`, in order): article_id, outlet, field, voice,
 * speaker, category, term, left, hit, right (context, newlines shown as spaces), and sentence
 * (the body sentence holding the hit, or the title).
 *
 * @example
 * ```ts
 * const kwic = kwicTable(hits, corpus, { width: 40 });
 * ```
 */
export function kwicTable(
  hits: pl.DataFrame,
  corpus: KwicCorpus,
  opts: KwicOptions = {},
): pl.DataFrame {
  const width = opts.width ?? 60;
  const texts = new Map<string, { title: string; body: string }>();
  for (const r of corpus.articles.select("id", "title", "body").toRecords()) {
    texts.set(String(r.id), {
      title: r.title == null ? "" : String(r.title),
      body: r.body == null ? "" : String(r.body),
    });
  }
  const sentences = new Map<string, string>();
  for (const s of corpus.sentences.select("article_id", "sentence", "text").toRecords()) {
    sentences.set(`${s.article_id}\u0000${s.sentence}`, String(s.text));
  }
  const indexers = new Map<string, { u: (cp: number) => number; n: number }>();
  const rows = hits.select(
    "article_id",
    "outlet",
    "field",
    "start",
    "end",
    "voice",
    "speaker",
    "category",
    "term",
    "sentence",
  ).toRecords();
  const out: Record<string, Array<string | null>> = {
    article_id: [],
    outlet: [],
    field: [],
    voice: [],
    speaker: [],
    category: [],
    term: [],
    left: [],
    hit: [],
    right: [],
    sentence: [],
  };
  for (const r of rows) {
    const id = String(r.article_id);
    const field = String(r.field);
    const t = texts.get(id);
    if (!t) throw new Error(`kwicTable: hit for article "${id}" but no such article in the corpus`);
    const text = field === "title" ? t.title : t.body;
    const key = `${id}\u0000${field}`;
    if (!indexers.has(key)) indexers.set(key, { u: utf16Index(text), n: codePointLength(text) });
    const { u, n } = indexers.get(key)!;
    const s = Number(r.start);
    const e = Number(r.end);
    out.article_id.push(id);
    out.outlet.push(String(r.outlet));
    out.field.push(field);
    out.voice.push(String(r.voice));
    out.speaker.push(r.speaker == null ? null : String(r.speaker));
    out.category.push(String(r.category));
    out.term.push(String(r.term));
    out.left.push(oneLine(text.slice(u(Math.max(0, s - width)), u(s))));
    out.hit.push(text.slice(u(s), u(e)));
    out.right.push(oneLine(text.slice(u(e), u(Math.min(n, e + width)))));
    out.sentence.push(
      field === "title" ? t.title : sentences.get(`${id}\u0000${r.sentence}`) ?? null,
    );
  }
  return pl.DataFrame(
    Object.fromEntries(Object.entries(out).map(([k, v]) => [k, pl.Series(k, v, pl.Utf8)])),
  );
}

/**
 * An HTML table of a KWIC table: context right-aligned on the left, the hit marked, context on
 * the right, then voice, speaker, category and term. Every cell is escaped.
 *
 * @example
 * ```ts
 * await Deno.jupyter.display({ "text/html": kwicHtml(kwic), "text/plain": kwic.toString() }, { raw: true });
 * ```
 */
export function kwicHtml(kwic: pl.DataFrame, opts: { maxRows?: number } = {}): string {
  const max = opts.maxRows ?? 500;
  const rows = kwic.head(max).toRecords();
  const cell = (v: unknown, style = "") =>
    `<td${style ? ` style="${style}"` : ""}>${escapeHtml(v == null ? "" : String(v))}</td>`;
  const head = ["article", "outlet", "left", "hit", "right", "voice", "speaker", "category", "term"]
    .map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) =>
    "<tr>" + cell(r.article_id) + cell(r.outlet) +
    cell(r.left, "text-align:right;white-space:nowrap") +
    `<td><mark>${escapeHtml(String(r.hit ?? ""))}</mark></td>` +
    cell(r.right, "white-space:nowrap") + cell(r.voice) + cell(r.speaker) + cell(r.category) +
    cell(r.term) + "</tr>"
  ).join("\n");
  const more = kwic.height > max
    ? `<p>${escapeHtml(`${kwic.height - max} more rows not shown`)}</p>`
    : "";
  return `<table class="kwic"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}`;
}

/** Options of {@linkcode kwicBundle} and {@linkcode showKwic}. */
export interface KwicDisplayOptions {
  /** Rows shown at most (default 500, as {@linkcode kwicHtml}). */
  maxRows?: number;
}

/**
 * A display bundle of a KWIC table: `text/html` from {@linkcode kwicHtml} (every cell escaped)
 * and a `text/plain` line saying how many hits it holds.
 *
 * @example
 * ```ts
 * const bundle = kwicBundle(kwicTable(hits, corpus, { width: 50 }));
 * Object.keys(bundle); // ["text/html", "text/plain"]
 * ```
 */
export function kwicBundle(kwic: pl.DataFrame, opts: KwicDisplayOptions = {}): MimeBundle {
  return {
    "text/html": kwicHtml(kwic, { maxRows: opts.maxRows }),
    "text/plain": `${kwic.height} hits in context (HTML table)`,
  };
}

/**
 * Displays a KWIC table in the Deno Jupyter kernel as one raw bundle ({@linkcode kwicBundle}).
 *
 * @example
 * ```ts
 * await showKwic(kwicTable(hits, corpus, { width: 50 }));
 * ```
 */
export async function showKwic(kwic: pl.DataFrame, opts: KwicDisplayOptions = {}): Promise<void> {
  await Deno.jupyter.display(kwicBundle(kwic, opts), { raw: true });
}
