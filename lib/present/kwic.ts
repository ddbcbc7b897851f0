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
import { type CappedRows, capRows, tableNote } from "./display.ts";
import { outletLabel } from "./outlets.ts";
import { releaseMemory } from "./memory.ts";
import { FRAMING_CATEGORY, labelOf } from "./scales.ts";

/** Options of {@linkcode kwicTable}. */
export interface KwicOptions {
  /** Code points of context on each side (default 60). */
  width?: number;
}

/**
 * The corpus tables KWIC reads: articles (id, title, body) and sentences; with `scan` (the corpus
 * of `openCorpus()`), only the rows of the hits' articles are read from the store.
 */
export interface KwicCorpus {
  articles: pl.DataFrame;
  sentences: pl.DataFrame;
  scan?: (table: "articles" | "sentences") => pl.LazyDataFrame;
}

/** The article texts and sentences of the articles `ids` only. */
function kwicSources(
  corpus: KwicCorpus,
  ids: pl.DataFrame,
): { articles: pl.DataFrame; sentences: pl.DataFrame } {
  if (typeof corpus.scan === "function") {
    const only = ids.rename({ id: "article_id" }).lazy();
    return {
      articles: corpus.scan("articles").select("article_id", "title", "body")
        .join(only, { on: "article_id", how: "semi" }).rename({ article_id: "id" }).collectSync(),
      sentences: corpus.scan("sentences").select("article_id", "sentence", "text")
        .join(only, { on: "article_id", how: "semi" }).collectSync(),
    };
  }
  return {
    articles: corpus.articles.select("id", "title", "body").join(ids, { on: "id", how: "semi" }),
    sentences: corpus.sentences.select("article_id", "sentence", "text")
      .join(ids.rename({ id: "article_id" }), { on: "article_id", how: "semi" }),
  };
}

const oneLine = (s: string) => s.replace(/\s+/gu, " ");

/**
 * One row per hit (the rows of the hits table of `openCorpus()` / `loadCorpus()`, in order): article_id, outlet, field, voice,
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
  const ids = hits.select(pl.col("article_id").cast(pl.Utf8).alias("id")).unique();
  const sources = kwicSources(corpus, ids);
  const texts = new Map<string, { title: string; body: string }>();
  for (const r of sources.articles.toRecords()) {
    texts.set(String(r.id), {
      title: r.title == null ? "" : String(r.title),
      body: r.body == null ? "" : String(r.body),
    });
  }
  const sentences = new Map<string, string>();
  for (const s of sources.sentences.toRecords()) {
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

/** Options of {@linkcode kwicHtml}, {@linkcode kwicBundle} and {@linkcode showKwic}. */
export interface KwicDisplayOptions {
  /** Rows shown at most (default 500), shared out between outlets so that none is hidden. */
  maxRows?: number;
  /** The name of the full KWIC table in the notebook, for the note under a cut table. */
  name?: string;
  /** Code points of context shown on each side (default 34; the table holds more). */
  context?: number;
  /**
   * The rows of a larger table this KWIC table was made from ({@linkcode capRows} of the hits):
   * the note then says "showing N of <its total> hits" (and the cap per outlet).
   */
  cut?: CappedRows;
}

/** The last `n` code points of `text`, starting at a word. */
function tail(text: string, n: number): string {
  const points = Array.from(text);
  if (points.length <= n) return text;
  const cut = points.slice(points.length - n).join("");
  const space = cut.indexOf(" ");
  return space >= 0 && space < n / 3 ? cut.slice(space + 1) : cut;
}

/** The first `n` code points of `text`, ending at a word. */
function head(text: string, n: number): string {
  const points = Array.from(text);
  if (points.length <= n) return text;
  const cut = points.slice(0, n).join("");
  const space = cut.lastIndexOf(" ");
  return space > (2 * n) / 3 ? cut.slice(0, space) : cut;
}

/** Column widths of the KWIC table (pixels); they add up to less than 960 with padding. */
const KWIC_COLUMNS: ReadonlyArray<[string, number]> = [
  ["outlet · article", 118],
  ["left", 228],
  ["hit", 92],
  ["right", 228],
  ["voice (speaker)", 104],
  ["category: term", 110],
];

/**
 * An HTML table of a KWIC table that fits a 960-pixel column: where the hit is (outlet in the
 * shared wording, article), the context on the left right-aligned, the hit marked, the context on
 * the right, the voice with its speaker, and the category with the term. Rows follow the shared
 * outlet order, at most `maxRows`, shared out between outlets; hovering a row shows the whole
 * sentence. Every cell is escaped.
 *
 * @example
 * ```ts
 * await Deno.jupyter.display({ "text/html": kwicHtml(kwic), "text/plain": kwic.toString() }, { raw: true });
 * ```
 */
export function kwicHtml(kwic: pl.DataFrame, opts: KwicDisplayOptions = {}): string {
  const max = opts.maxRows ?? 500;
  const context = opts.context ?? 34;
  const shown = capRows(kwic, max);
  const rows = shown.rows.toRecords() as Record<string, unknown>[];
  const text = (v: unknown) => v === null || v === undefined ? "" : String(v);
  const td = "padding:2px 6px;border-bottom:1px solid #eee;vertical-align:top;" +
    "overflow-wrap:anywhere";
  const cell = (v: string, style = "") => `<td style="${td}${style}">${escapeHtml(v)}</td>`;
  const width = KWIC_COLUMNS.reduce((a, [, w]) => a + w, 0);
  const cols = KWIC_COLUMNS.map(([, w]) => `<col style="width:${w}px">`).join("");
  const headRow = KWIC_COLUMNS.map(([h]) =>
    `<th style="padding:2px 6px;border-bottom:1px solid #999;text-align:left">${escapeHtml(h)}</th>`
  ).join("");
  const body = rows.map((r) => {
    const where = outletLabel(text(r.outlet));
    const id = text(r.article_id);
    const voice = text(r.voice) + (r.speaker ? ` (${text(r.speaker)})` : "");
    const category = labelOf(FRAMING_CATEGORY, text(r.category));
    const term = text(r.term);
    return `<tr title="${escapeHtml(text(r.sentence))}">` +
      cell(where.endsWith(`(${id})`) ? where : `${where} · ${id}`) +
      cell(tail(text(r.left), context), ";text-align:right;white-space:nowrap;overflow:hidden") +
      `<td style="${td}"><mark>${escapeHtml(text(r.hit))}</mark></td>` +
      cell(head(text(r.right), context), ";white-space:nowrap;overflow:hidden") +
      cell(voice) + cell(term && term !== text(r.hit) ? `${category}: ${term}` : category) +
      "</tr>";
  }).join("\n");
  const note = tableNote(rows.length, opts.cut?.total ?? kwic.height, KWIC_COLUMNS.length, {
    perOutlet: opts.cut?.perOutlet ?? shown.perOutlet,
    name: opts.name,
    rows: "hit",
  });
  return `<div class="fl-table" style="max-width:100%;overflow-x:auto">` +
    `<table class="kwic" style="border-collapse:collapse;font-size:12px;table-layout:fixed;` +
    `width:${width}px;max-width:960px"><colgroup>${cols}</colgroup>` +
    `<thead><tr>${headRow}</tr></thead><tbody>\n${body}\n</tbody></table>` +
    `<div style="color:#666;font-size:11px;padding:2px 0">${escapeHtml(note)}</div></div>`;
}

/**
 * A display bundle of a KWIC table: `text/html` from {@linkcode kwicHtml} (every cell escaped)
 * and a `text/plain` line saying how many hits it holds.
 *
 * @example
 * ```ts
 * const bundle = kwicBundle(kwicTable(hits, corpus, { width: 50 }), { name: "audit" });
 * Object.keys(bundle); // ["text/html", "text/plain"]
 * ```
 */
export function kwicBundle(kwic: pl.DataFrame, opts: KwicDisplayOptions = {}): MimeBundle {
  return {
    "text/html": kwicHtml(kwic, opts),
    "text/plain": `${opts.cut?.total ?? kwic.height} hits in context (HTML table)`,
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
  releaseMemory();
  await Deno.jupyter.display(kwicBundle(kwic, opts), { raw: true });
}
