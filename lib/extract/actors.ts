/**
 * Actor naming: who is mentioned (Putin, Kim Jong Un, Russia, North Korea, …) and with which
 * label ("Russian President Vladimir Putin" → president; "the illegitimate president of Russia,
 * Vladimir Putin" → illegitimate president; "North Korean dictator Kim Jong-un" → dictator).
 *
 * `data/actors.csv` lists, per row, a canonical `actor`, an `alias` pattern (syntax of
 * `lib/patterns.ts`: "Kim Jong Un" also finds "Kim Jong-un"), its `kind` (`name`, or `descriptor`
 * for a role that stands for the actor when no name follows: "the Russian leader"), the actor
 * `type` (person, state, agreement, organisation), optional `exclude_before` / `exclude_after`
 * regular expressions (bare "Kim" is not "Kim Jong Kyu" nor "Daniel Kim"), and a note.
 *
 * A mention's label is the lexicon hit (loaded or neutral, whose target is the actor's type:
 * person labels for people, state labels for states) attached to it: inside a descriptor; or right before the name, with only capitalised words, "the", "of",
 * "and", commas or quote marks between ("North Korean dictator Kim", "Dictators Putin and Kim",
 * "the odious Sergey Lavrov"); or right after it as an apposition or predicate ("Putin, the
 * dictator", "Putin - "the dearest friend"", "Kim is a paranoid", "the Putin regime"). Adjacent
 * label hits join ("brutal dictator"). Mentions without a label get "(name only)".
 *
 * @module
 */
import { defaultDataPath } from "../resources/data_dir.ts";
import pl from "nodejs-polars";
import { codePointIndex, utf16Index } from "../text/codepoints.ts";
import { csvRows, parseCsv } from "../io/csv.ts";
import { buildMatcher, contextRegex, patternSource, type TermMatcher } from "../text/patterns.ts";
import { sha256Hex } from "../io/hash.ts";
import { requireColumns } from "../tables/schema.ts";
import type { Hit } from "./framing.ts";
import { findQuotes, type Quote } from "../text/quotes.ts";
import { type AttributionLike, type Voice, voiceAt, type VoiceContext } from "./voice.ts";

/** One alias row of the actors file. */
export interface ActorAlias {
  line: number;
  actor: string;
  alias: string;
  kind: "name" | "descriptor";
  type: string;
  excludeBefore: RegExp | null;
  excludeAfter: RegExp | null;
}

/** A loaded actors file. */
export interface Actors {
  source: string;
  sha256: string;
  aliases: ActorAlias[];
  matcher: TermMatcher<ActorAlias>;
}

/** One mention of an actor, with its label. Offsets are code points. */
export interface Mention {
  actor: string;
  start: number;
  end: number;
  text: string;
  /** The label (lexicon terms joined by spaces), or "(name only)". */
  label: string;
  /** The category of the label's head term (the last one), or null. */
  label_category: string | null;
  voice: Voice;
  speaker: string | null;
}

/** The label of a mention that has none. */
export const NAME_ONLY = "(name only)";

const ACTOR_COLUMNS = ["actor", "alias", "kind", "type", "exclude_before", "exclude_after", "note"];
const TYPES = ["person", "state", "agreement", "organisation"];

/**
 * Parses an actors CSV. Errors name the file and line.
 *
 * @example
 * ```ts
 * const a = await parseActors("actor,alias,kind,type\nKim Jong Un,Kim Jong Un,name,person\n", "a.csv");
 * a.matcher.scan("Kim Jong-un")[0].value.actor; // "Kim Jong Un"
 * ```
 */
export async function parseActors(text: string, source: string): Promise<Actors> {
  const csv = parseCsv(text, source);
  for (const c of ["actor", "alias"]) {
    if (!csv.header.includes(c)) {
      throw new Error(
        `${source} line ${csv.headerLine}: missing column "${c}" — the header needs ${
          ACTOR_COLUMNS.join(",")
        }`,
      );
    }
  }
  for (const h of csv.header) {
    if (!ACTOR_COLUMNS.includes(h)) {
      throw new Error(
        `${source} line ${csv.headerLine}: unknown column "${h}" — allowed: ${
          ACTOR_COLUMNS.join(", ")
        }`,
      );
    }
  }
  const records = csvRows(csv);
  const aliases: ActorAlias[] = records.map((r, k) => {
    const line = csv.rows[k].line;
    const where = `${source} line ${line}`;
    const get = (c: string) => (r[c] ?? "").trim();
    const actor = get("actor");
    const alias = get("alias");
    if (actor === "") throw new Error(`${where}: the actor is empty — give a canonical name`);
    if (alias === "") throw new Error(`${where}: the alias is empty — give a name or pattern`);
    try {
      patternSource(alias);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    const kind = get("kind") || "name";
    if (kind !== "name" && kind !== "descriptor") {
      throw new Error(`${where}: unknown kind "${kind}" — use name or descriptor`);
    }
    const type = get("type") || "person";
    if (!TYPES.includes(type)) {
      throw new Error(`${where}: unknown type "${type}" — use one of ${TYPES.join(", ")}`);
    }
    const re = (col: string, src: string, side: "before" | "after"): RegExp | null =>
      src === ""
        ? null
        : contextRegex(src, side, { gap: "\\s*", where, column: col, example: "leader|president" });
    return {
      line,
      actor,
      alias,
      kind,
      type,
      excludeBefore: re("exclude_before", get("exclude_before"), "before"),
      excludeAfter: re("exclude_after", get("exclude_after"), "after"),
    };
  });
  return {
    source,
    sha256: await sha256Hex(new TextEncoder().encode(text)),
    aliases,
    matcher: buildMatcher(aliases.map((a) => ({ pattern: a.alias, value: a }))),
  };
}

/**
 * Loads the actors file (default `actors.csv` in the data folder).
 *
 * @example
 * ```ts
 * const actors = await loadActors();
 * ```
 */
export async function loadActors(path: string = defaultDataPath("actors.csv")): Promise<Actors> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        `actors file not found: ${path} — give a CSV with columns actor,alias,kind,type`,
      );
    }
    throw e;
  }
  return await parseActors(text, path);
}

// Between a label and the name after it: capitalised words, the/of/and, commas, quote marks.
const GAP_BEFORE =
  /^(?:[\s,"“”'‘’\-–—]|(?:the|of|and|its|his|[\p{Lu}][\p{L}\-’'.]*)(?![\p{L}]))*$/u;
// Between a name and a label after it: apposition, "as", a dash, or "is a".
const GAP_AFTER =
  /^\s*(?:,|as|—|–|-|is|was|remains)\s*["“‘']?\s*(?:(?:the|a|an|our|his|this)\s+)?["“‘']?\s*$/u;
const GAP_AFTER_STATE = /^(?:['’]s)?\s+$/u;

const sameIndex = (i: number): number => i;

interface LabelHit {
  start: number;
  target: string | null;
  end: number;
  term: string;
  category: string;
  voice: Voice;
  speaker: string | null;
}

/**
 * Finds actor mentions in one text and the label attached to each. `hits` are the framing hits
 * of the same text (from `framingHits`); voice comes from the label hit, or is decided at the
 * mention with `attributions` and the text's quotes (`quotes`, found here if not given).
 *
 * @example
 * ```ts
 * const m = actorMentions("North Korean dictator Kim Jong-un met Putin.", actors, hits);
 * m.map((x) => [x.actor, x.label]); // [["Kim Jong Un", "dictator"], ["Vladimir Putin", "(name only)"]]
 * ```
 */
export function actorMentions(
  text: string,
  actors: Actors,
  hits: readonly Hit[],
  opts: {
    attributions?: readonly AttributionLike[];
    quotes?: readonly Quote[];
    voice?: "headline";
  } = {},
): Mention[] {
  const { matches: raw, surrogates } = actors.matcher.scanDetailed(text);
  if (raw.length === 0) return [];
  // Without surrogates, code-point and UTF-16 offsets agree: no need to look for them again.
  const cp = surrogates ? codePointIndex(text) : sameIndex;
  const u = surrogates ? utf16Index(text) : sameIndex;
  const labelsOf = (type: string): LabelHit[] =>
    type === "person" || type === "state"
      ? hits.filter((h) => h.target === type && h.category !== "distancing")
      : [];
  const labelsByType = new Map<string, LabelHit[]>();
  const kept = raw.filter((m) => {
    const a = m.value;
    if (a.excludeBefore && a.excludeBefore.test(text.slice(Math.max(0, m.index - 60), m.index))) {
      return false;
    }
    if (a.excludeAfter && a.excludeAfter.test(text.slice(m.end, m.end + 60))) return false;
    return true;
  });
  let ctx: VoiceContext | null = null; // quotes are found on first use (never for headlines)
  const out: Mention[] = [];
  for (let k = 0; k < kept.length; k++) {
    const m = kept[k];
    const a = m.value;
    if (!labelsByType.has(a.type)) labelsByType.set(a.type, labelsOf(a.type));
    const labels = labelsByType.get(a.type)!;
    const start = cp(m.index);
    const end = cp(m.end);
    if (a.kind === "descriptor") {
      // A role directly followed by a name of the same actor labels that name instead.
      const next = kept[k + 1];
      if (
        next && next.value.actor === a.actor && next.value.kind === "name" &&
        /^[\s,]*$/u.test(text.slice(m.end, next.index))
      ) continue;
    }
    let chosen: LabelHit[] = [];
    if (a.kind === "descriptor") {
      chosen = labels.filter((h) => h.start >= start && h.end <= end);
    } else {
      // The closest label before, with an allowed gap, plus adjacent label hits before it.
      for (let i = labels.length - 1; i >= 0; i--) {
        const h = labels[i];
        if (h.end > start) continue;
        if (start - h.end > 80) break;
        if (!GAP_BEFORE.test(text.slice(u(h.end), m.index))) break;
        chosen = [h];
        for (let j = i - 1; j >= 0; j--) {
          const g = labels[j];
          if (!/^\s*$/u.test(text.slice(u(g.end), u(chosen[0].start)))) break;
          chosen.unshift(g);
        }
        break;
      }
      if (chosen.length === 0) {
        for (const h of labels) {
          if (h.start < end) continue;
          if (h.start - end > 40) break;
          const gap = text.slice(m.end, u(h.start));
          if (GAP_AFTER.test(gap) || (h.target === "state" && GAP_AFTER_STATE.test(gap))) {
            chosen = [h];
          }
          break;
        }
      }
    }
    const head = chosen[chosen.length - 1];
    const v = opts.voice === "headline"
      ? { voice: "headline" as Voice, speaker: null }
      : head
      ? { voice: head.voice, speaker: head.speaker }
      : voiceAt(
        ctx ??= {
          quotes: opts.quotes ?? findQuotes(text).quotes,
          attributions: opts.attributions ?? [],
          text,
        },
        start,
        end,
      );
    out.push({
      actor: a.actor,
      start,
      end,
      text: m.text,
      label: chosen.length ? chosen.map((h) => h.term).join(" ") : NAME_ONLY,
      label_category: head ? head.category : null,
      voice: v.voice,
      speaker: v.speaker,
    });
  }
  return out;
}

/**
 * Outlet × actor × label × voice: mentions and articles per combination, from
 * the mentions table of `openCorpus()` / `loadCorpus()`. Sorted by outlet, actor, mentions descending.
 *
 * @example
 * ```ts
 * const labels = actorLabels((await openCorpus()).mentions);
 * ```
 */
export function actorLabels(mentions: pl.DataFrame): pl.DataFrame {
  requireColumns(
    mentions,
    ["article_id", "outlet", "actor", "label", "voice"],
    "actorLabels: the mentions table",
    "the mentions table of openCorpus() or loadCorpus()",
  );
  if (mentions.height === 0) {
    return pl.DataFrame({
      outlet: pl.Series("outlet", [], pl.Utf8),
      actor: pl.Series("actor", [], pl.Utf8),
      label: pl.Series("label", [], pl.Utf8),
      label_category: pl.Series("label_category", [], pl.Utf8),
      voice: pl.Series("voice", [], pl.Utf8),
      mentions: pl.Series("mentions", [], pl.Int64),
      n_articles: pl.Series("n_articles", [], pl.Int64),
    });
  }
  return mentions.groupBy(["outlet", "actor", "label", "label_category", "voice"]).agg(
    pl.col("article_id").count().cast(pl.Int64).alias("mentions"),
    pl.col("article_id").nUnique().cast(pl.Int64).alias("n_articles"),
  ).sort(["outlet", "actor", "mentions", "label", "voice"], [false, false, true, false, false]);
}

/** Options of {@linkcode attachedLabels}. */
export interface AttachedLabelOptions {
  /** Keep only these actors (canonical names, as in the `actor` column); default: every actor. */
  actors?: readonly string[];
}

/**
 * The rows of an {@linkcode actorLabels} table where a label is attached to the mention (label
 * other than {@linkcode NAME_ONLY}), for the given actors only when `actors` is set. Columns and
 * row order are those of the input.
 *
 * @example
 * ```ts
 * const people = attachedLabels(labels, { actors: ["Vladimir Putin", "Kim Jong Un"] });
 * ```
 */
export function attachedLabels(
  labels: pl.DataFrame,
  opts: AttachedLabelOptions = {},
): pl.DataFrame {
  requireColumns(
    labels,
    ["actor", "label"],
    "attachedLabels: the labels table",
    "the table from actorLabels",
  );
  let keep = pl.col("label").neq(pl.lit(NAME_ONLY));
  if (opts.actors) keep = keep.and(pl.col("actor").isIn([...opts.actors]));
  return labels.filter(keep);
}

/**
 * The canonical names of the actors of one type (person, state, agreement, organisation) in an
 * actors file, in file order, each once.
 *
 * @example
 * ```ts
 * actorsOfType(await loadActors(), "person"); // ["Vladimir Putin", "Kim Jong Un", "Sergey Lavrov"]
 * ```
 */
export function actorsOfType(actors: Actors, type: string): string[] {
  return [...new Set(actors.aliases.filter((a) => a.type === type).map((a) => a.actor))];
}
