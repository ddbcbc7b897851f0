/**
 * Saved web pages: the article text (Mozilla Readability over a linkedom document) and the
 * metadata the page carries (title, outlet, published, url, byline, language).
 *
 * @module
 */
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";

/** What {@linkcode extractPage} found in a page. Fields the page lacks are null. */
export interface PageArticle {
  /** og:title, twitter:title, JSON-LD headline, the page's one <h1> when <title> starts with it,
   * else Readability's title (from <title>). */
  title: string | null;
  /** og:site_name, JSON-LD publisher name, the site part of "<h1> - Site" in <title>, else the
   * domain of the page's URL. */
  outlet: string | null;
  /** Published time as written in the page (article:published_time, JSON-LD datePublished,
   * <time datetime>, meta date); see `isoDateOf`. */
  published: string | null;
  /** Canonical link, else og:url. */
  url: string | null;
  /** meta author, JSON-LD author names, else Readability's byline. */
  byline: string | null;
  /** <html lang>, else the content-language meta. */
  language: string | null;
  /** Article paragraphs in page order (block elements of Readability's content). */
  paragraphs: string[];
}

/** Result of {@linkcode extractPage}: the article, or why there is none. */
export type PageResult = { ok: true; article: PageArticle } | { ok: false; reason: string };

/** Options of {@linkcode extractPage}. */
export interface ExtractOptions {
  /** Fewest words of article text for a page to count as an article (default 20). */
  minWords?: number;
}

// deno-lint-ignore no-explicit-any
type Doc = any;

function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\s+/gu, " ").trim();
  return t === "" ? null : t;
}

function meta(doc: Doc, ...keys: string[]): string | null {
  for (const k of keys) {
    const el = doc.querySelector(`meta[property="${k}"]`) ??
      doc.querySelector(`meta[name="${k}"]`) ??
      doc.querySelector(`meta[itemprop="${k}"]`);
    const v = clean(el?.getAttribute("content"));
    if (v !== null) return v;
  }
  return null;
}

// deno-lint-ignore no-explicit-any
type Json = any;

const LD_SCRIPT =
  /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
const NOT_TEXT = /<(script|style|noscript|template|svg)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;

/** JSON-LD objects of the page, flattened (arrays and @graph), articles first. */
function jsonLd(html: string): Json[] {
  const out: Json[] = [];
  const visit = (v: Json) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      out.push(v);
      if (Array.isArray(v["@graph"])) v["@graph"].forEach(visit);
    }
  };
  for (const m of html.matchAll(LD_SCRIPT)) {
    try {
      visit(JSON.parse(m[1].replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, "")));
    } catch {
      // A broken JSON-LD block is ignored; the page's other metadata still counts.
    }
  }
  const isArticle = (o: Json) =>
    [o["@type"]].flat().some((t) => typeof t === "string" && /Article|BlogPosting|Report/.test(t));
  return [...out.filter(isArticle), ...out.filter((o) => !isArticle(o))];
}

function names(v: Json): string | null {
  if (typeof v === "string") return clean(v);
  if (Array.isArray(v)) {
    const all = v.map(names).filter((x): x is string => x !== null);
    return all.length > 0 ? all.join(", ") : null;
  }
  if (v && typeof v === "object") return clean(typeof v.name === "string" ? v.name : null);
  return null;
}

function firstLd(objs: Json[], pick: (o: Json) => string | null): string | null {
  for (const o of objs) {
    const v = pick(o);
    if (v !== null) return v;
  }
  return null;
}

/** Host of a URL without "www.", or null. */
export function domainOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`).hostname;
    return host === "" ? null : host.replace(/^www\./, "");
  } catch {
    return null;
  }
}

const BLOCK = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "DD",
  "DIV",
  "DL",
  "DT",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TBODY",
  "TD",
  "TH",
  "THEAD",
  "TR",
  "UL",
]);

/** Text of a DOM subtree as paragraphs: one per block element or <br>-separated run. */
function blockText(root: Doc): string[] {
  const out: string[] = [];
  let cur = "";
  const flush = () => {
    const t = cur.replace(/\s+/gu, " ").trim();
    if (t !== "") out.push(t);
    cur = "";
  };
  const walk = (node: Doc) => {
    for (let n = node.firstChild; n !== null; n = n.nextSibling) {
      if (n.nodeType === 3) cur += n.textContent ?? "";
      else if (n.nodeType === 1) {
        const tag = String(n.tagName).toUpperCase();
        if (tag === "BR") flush();
        else if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT") continue;
        else if (BLOCK.has(tag)) {
          flush();
          walk(n);
          flush();
        } else walk(n);
      }
    }
  };
  walk(root);
  flush();
  return out;
}

/**
 * Reads a saved page: the article paragraphs found by Readability and the page's metadata.
 * Returns `{ ok: false, reason }` when Readability finds no article or the article has fewer
 * than `minWords` words (a front page, an error page, a video page).
 *
 * @example
 * ```ts
 * const r = extractPage(await Deno.readTextFile("page.html"));
 * if (r.ok) console.log(r.article.outlet, r.article.paragraphs.length);
 * ```
 */
export function extractPage(html: string, options: ExtractOptions = {}): PageResult {
  const minWords = options.minWords ?? 20;
  const ld = jsonLd(html);
  // Scripts, styles and comments hold no article text; dropping them first makes the page
  // several times cheaper to parse and to score.
  const doc: Doc = (parseHTML(html.replace(NOT_TEXT, "")) as unknown as { document: Doc })
    .document;
  const canonical = clean(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"));
  const url = canonical ?? meta(doc, "og:url");
  const lang = clean(doc.documentElement?.getAttribute?.("lang")) ??
    clean(doc.querySelector('meta[http-equiv="content-language"]')?.getAttribute("content"));
  // "<h1> - Site" in <title>: the h1 is the headline, the rest the site's name.
  const h1s = doc.querySelectorAll("h1");
  const h1 = h1s.length === 1 ? clean(h1s[0].textContent) : null;
  const docTitle = clean(doc.querySelector("title")?.textContent);
  const suffix = h1 !== null && docTitle !== null && docTitle.startsWith(h1)
    ? /^\s*[-|–—:·•]\s*(\S.{0,60})$/u.exec(docTitle.slice(h1.length))?.[1] ?? null
    : null;
  const metaTitle = meta(doc, "og:title", "twitter:title") ??
    firstLd(ld, (o) => clean(typeof o.headline === "string" ? o.headline : null)) ??
    (h1 !== null && docTitle !== null && docTitle.startsWith(h1) ? h1 : null);
  const siteName = meta(doc, "og:site_name") ??
    firstLd(ld, (o) => o.publisher ? names(o.publisher) : null) ?? clean(suffix);
  const published = meta(doc, "article:published_time") ??
    firstLd(ld, (o) => clean(typeof o.datePublished === "string" ? o.datePublished : null)) ??
    clean(doc.querySelector("time[datetime]")?.getAttribute("datetime")) ??
    meta(doc, "date", "pubdate", "publishdate", "dc.date", "DC.date.issued", "datePublished");
  const author = meta(doc, "author", "article:author") ??
    firstLd(ld, (o) => o.author ? names(o.author) : null);

  // deno-lint-ignore no-explicit-any
  let parsed: ReturnType<Readability<any>["parse"]> = null;
  try {
    // The article element itself (no serialising and re-parsing), classes kept (not needed),
    // JSON-LD read above.
    parsed = new Readability(doc, {
      keepClasses: true,
      disableJSONLD: true,
      serializer: (el: Doc) => el,
    }).parse();
  } catch (e) {
    return { ok: false, reason: `Readability failed on the page (${(e as Error).message})` };
  }
  if (parsed === null || !parsed.content) {
    return { ok: false, reason: "Readability found no article in the page" };
  }
  const paragraphs = blockText(parsed.content);
  const words = paragraphs.join(" ").split(/\s+/u).filter(Boolean).length;
  if (words < minWords) {
    return {
      ok: false,
      reason: `Readability found no article in the page (${words} words of text, fewer than ` +
        `${minWords})`,
    };
  }
  const rdTitle = clean(parsed.title);
  return {
    ok: true,
    article: {
      title: metaTitle ?? rdTitle,
      outlet: siteName ?? clean(parsed.siteName) ?? domainOf(url),
      published: published ?? clean(parsed.publishedTime),
      url,
      byline: author ?? clean(parsed.byline),
      language: lang ?? clean(parsed.lang),
      paragraphs,
    },
  };
}
