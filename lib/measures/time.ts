/**
 * Measures over time: each outlet's headline measures by week (or by month when the corpus spans
 * more than half a year), with the same 95% intervals as the per-outlet measures. A period is an
 * ISO week starting on Monday (`2024-06-17`) or a month (`2024-06`); articles without a date are
 * left out.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Actors } from "../extract/actors.ts";
import { loadedShareByOutlet } from "./framing.ts";
import { outletMeasures } from "./sourcing.ts";

/** The length of a period. */
export type PeriodUnit = "week" | "month";

const DAY = 86_400_000;
const SEP = "\u0000";

function dateOf(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/**
 * The period holding an ISO date: the Monday of its week (`week`) or its month (`month`).
 *
 * @example
 * ```ts
 * periodOf("2024-06-19", "week"); // "2024-06-17"
 * periodOf("2024-06-19", "month"); // "2024-06"
 * ```
 */
export function periodOf(date: string, unit: PeriodUnit): string | null {
  const d = dateOf(date);
  if (!d) return null;
  if (unit === "month") return date.slice(0, 7);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
  return monday.toISOString().slice(0, 10);
}

/**
 * The days between the earliest and the latest publication date, and the period that suits
 * that span: null when it is a week or less (nothing to show over time), weeks up to half a
 * year, months beyond.
 *
 * @example
 * ```ts
 * timeSpan(corpus.articles); // { days: 23, unit: "week" }
 * ```
 */
export function timeSpan(articles: pl.DataFrame): { days: number; unit: PeriodUnit | null } {
  const dates = (articles.getColumn("published").toArray() as Array<string | null>)
    .map((s) => (s ? dateOf(s) : null)).filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  if (dates.length === 0) return { days: 0, unit: null };
  const days = Math.round((Math.max(...dates) - Math.min(...dates)) / DAY);
  return { days, unit: days <= 7 ? null : days <= 183 ? "week" : "month" };
}

/** The articles with a date, their outlet replaced by "outlet␀period" (for the measures). */
function byPeriod(articles: pl.DataFrame, unit: PeriodUnit): pl.DataFrame {
  const published = articles.getColumn("published").toArray() as Array<string | null>;
  const outlets = articles.getColumn("outlet").toArray() as string[];
  const keys = published.map((p, i) => {
    const period = p ? periodOf(p, unit) : null;
    return period === null ? null : `${outlets[i]}${SEP}${period}`;
  });
  return articles.withColumns(pl.Series("outlet", keys, pl.Utf8))
    .filter(pl.col("outlet").isNotNull());
}

/** Splits the "outlet␀period" keys of a measure's table back into outlet and period. */
function splitPeriod(df: pl.DataFrame, unit: PeriodUnit): pl.DataFrame {
  const keys = df.getColumn("outlet").toArray() as string[];
  const outlet = keys.map((k) => k.slice(0, k.indexOf(SEP)));
  const period = keys.map((k) => k.slice(k.indexOf(SEP) + 1));
  const rest = df.columns.filter((c) => c !== "outlet");
  return pl.DataFrame([
    pl.Series("outlet", outlet, pl.Utf8),
    pl.Series("period", period, pl.Utf8),
    pl.Series("unit", period.map(() => unit), pl.Utf8),
    ...rest.map((c) => df.getColumn(c)),
  ]).sort(["outlet", "period"]);
}

/** Options of the over-time measures. */
export interface OverTimeOptions {
  /** Week or month (default: by the corpus's span, see {@linkcode timeSpan}). */
  unit?: PeriodUnit;
  /** Actor mentions and actors, so plain names count as references (see loadedShareByOutlet). */
  mentions?: pl.DataFrame;
  actors?: Actors;
}

/**
 * Own-voice loaded share per outlet, period and target, with 95% intervals and the number of
 * references (`loadedShareByOutlet` with the voice groups, own voice kept). Empty when the corpus
 * spans a week or less.
 *
 * @example
 * ```ts
 * loadedShareOverTime(corpus.hits, corpus.articles, { mentions: corpus.mentions, actors });
 * ```
 */
export function loadedShareOverTime(
  hits: pl.DataFrame,
  articles: pl.DataFrame,
  opts: OverTimeOptions = {},
): pl.DataFrame {
  const unit = opts.unit ?? timeSpan(articles).unit ?? "week";
  const share = loadedShareByOutlet(hits, byPeriod(articles, unit), {
    byVoiceGroup: true,
    mentions: opts.mentions,
    actors: opts.actors,
  });
  return splitPeriod(share.filter(pl.col("voice_group").eq(pl.lit("own voice"))), unit);
}

/**
 * State-media reliance and direct share per outlet and period, with 95% intervals
 * (`outletMeasures` per period).
 *
 * @example
 * ```ts
 * sourcingOverTime(corpus.attributions, corpus.articles);
 * ```
 */
export function sourcingOverTime(
  attributions: pl.DataFrame,
  articles: pl.DataFrame,
  opts: Pick<OverTimeOptions, "unit"> = {},
): pl.DataFrame {
  const unit = opts.unit ?? timeSpan(articles).unit ?? "week";
  const m = outletMeasures(attributions, byPeriod(articles, unit));
  return splitPeriod(
    m.filter(pl.col("measure").isIn(["state_media_reliance", "direct_share"])),
    unit,
  );
}
