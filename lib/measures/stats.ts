/**
 * Statistics for small corpora: a seeded PRNG, an article-level bootstrap of a ratio of sums,
 * the Wilson score interval for a proportion, and weighted log-odds with an informative
 * Dirichlet prior (Monroe, Colaresi & Quinn 2008).
 *
 * @module
 */

/** A point estimate with an interval, and how the interval was made. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  method: string;
}

/**
 * A deterministic pseudo-random generator (mulberry32) returning numbers in [0, 1).
 * The same seed always gives the same sequence.
 *
 * @example
 * ```ts
 * const rand = seededRandom(42);
 * const x = rand(); // 0 <= x < 1, the same on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The q-quantile (0..1) of ascending `sorted` values, linear interpolation (R type 7).
 *
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Options of {@linkcode bootstrapRatio}. */
export interface BootstrapOptions {
  /** Number of bootstrap replicates (default 2000). */
  replicates?: number;
  /** Seed of the PRNG (default 42). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Multiplier of the ratio, e.g. 1000 for "per 1,000 words" (default 1). */
  scale?: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`level must be between 0 and 1 (exclusive), got ${level}`);
  }
}

/**
 * Article-level bootstrap of `scale * sum(num) / sum(den)`: articles are resampled with
 * replacement (fixed seed) and the interval is the percentile interval of the replicate ratios.
 * Replicates whose denominator sums to 0 are dropped. With no articles, or a zero denominator,
 * the estimate and bounds are NaN. With one article the interval collapses to the estimate:
 * the bootstrap cannot show variation it never saw.
 *
 * @example
 * ```ts
 * // hits and words in three articles, rate per 1,000 words
 * const r = bootstrapRatio([2, 0, 5], [400, 300, 1000], { scale: 1000 });
 * r.estimate; // 7/1700*1000 = 4.1176...
 * ```
 */
export function bootstrapRatio(
  num: readonly number[],
  den: readonly number[],
  opts: BootstrapOptions = {},
): Interval {
  const replicates = opts.replicates ?? 2000;
  const seed = opts.seed ?? 42;
  const level = opts.level ?? 0.95;
  const scale = opts.scale ?? 1;
  checkLevel(level);
  if (num.length !== den.length) {
    throw new RangeError(
      `bootstrapRatio: num has ${num.length} values but den has ${den.length}; give one pair per article`,
    );
  }
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new RangeError(
      `bootstrapRatio: replicates must be a positive integer, got ${replicates}`,
    );
  }
  for (let i = 0; i < num.length; i++) {
    if (!(num[i] >= 0) || !(den[i] >= 0)) {
      throw new RangeError(
        `bootstrapRatio: values must be non-negative numbers; article ${i} has num=${num[i]} den=${
          den[i]
        }`,
      );
    }
  }
  const n = num.length;
  const method = `article bootstrap, percentile, ${replicates} replicates, seed ${seed}`;
  let sn = 0;
  let sd = 0;
  for (let i = 0; i < n; i++) {
    sn += num[i];
    sd += den[i];
  }
  if (n === 0 || sd === 0) return { estimate: NaN, lower: NaN, upper: NaN, method };
  const estimate = (scale * sn) / sd;
  const rand = seededRandom(seed);
  const values = new Float64Array(replicates);
  let kept = 0;
  for (let r = 0; r < replicates; r++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rand() * n);
      a += num[j];
      b += den[j];
    }
    if (b > 0) values[kept++] = (scale * a) / b;
  }
  const sorted = values.subarray(0, kept).sort();
  const alpha = (1 - level) / 2;
  return {
    estimate,
    lower: quantileSorted(sorted, alpha),
    upper: quantileSorted(sorted, 1 - alpha),
    method,
  };
}

/**
 * The standard normal quantile function (Acklam's rational approximation, relative error
 * below 1.2e-9).
 *
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.959963...
 * ```
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [
    -3.969683028665376e1,
    2.209460984245205e2,
    -2.759285104469687e2,
    1.38357751867269e2,
    -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1,
    1.615858368580409e2,
    -1.556989798598866e2,
    6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3,
    -3.223964580411365e-1,
    -2.400758277161838,
    -2.549732539343734,
    4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pLow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * The Wilson score interval for a proportion `successes / trials`. With no trials the estimate
 * is NaN and the interval is [0, 1] (nothing is known).
 *
 * Note: it treats every trial as independent. Hits cluster within articles, so for counts of
 * hits pooled over articles prefer {@linkcode bootstrapRatio}.
 *
 * @example
 * ```ts
 * const w = wilsonInterval(3, 10); // estimate 0.3, lower ≈ 0.108, upper ≈ 0.603
 * ```
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): Interval {
  checkLevel(level);
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0) {
    throw new RangeError(
      `wilsonInterval: successes and trials must be non-negative integers, got ${successes}/${trials}`,
    );
  }
  if (successes > trials) {
    throw new RangeError(`wilsonInterval: successes (${successes}) exceed trials (${trials})`);
  }
  const method = `Wilson score, level ${level}`;
  if (trials === 0) return { estimate: NaN, lower: 0, upper: 1, method };
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
    method,
  };
}

/** Term counts: a Map or a plain record from term to count. */
export type Counts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** One row of {@linkcode weightedLogOdds}: group A against group B for one term. */
export interface LogOddsRow {
  term: string;
  /** Count of the term in group A. */
  countA: number;
  /** Count of the term in group B. */
  countB: number;
  /** Prior pseudo-count of the term (alpha_w). */
  prior: number;
  /** Log-odds ratio of the term in A against B, with the prior added (delta_w). */
  logOdds: number;
  /** Approximate variance of logOdds: 1/(y_A + alpha) + 1/(y_B + alpha). */
  variance: number;
  /** logOdds / sqrt(variance): positive = distinctive of A, |z| > 1.96 is notable. */
  z: number;
}

/** Options of {@linkcode weightedLogOdds}. */
export interface LogOddsOptions {
  /**
   * Background counts for the informative prior. Default: A + B pooled (the term's count in the
   * whole corpus), as in tidylo's `bind_log_odds`.
   */
  background?: Counts;
  /** Multiplier of the background counts: alpha_w = priorScale * background_w (default 1). */
  priorScale?: number;
  /** Terms with countA + countB below this are left out (default 3). */
  minCount?: number;
}

function toMap(c: Counts): Map<string, number> {
  if (c instanceof Map) return new Map(c);
  return new Map(Object.entries(c as Record<string, number>));
}

/**
 * Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
 * "Fightin' Words", eq. 16–22): for each term w,
 * `delta = log((yA+a)/(nA+a0-yA-a)) - log((yB+a)/(nB+a0-yB-a))`, `var = 1/(yA+a) + 1/(yB+a)`,
 * `z = delta / sqrt(var)`, where `a = priorScale * background_w` and `a0` is the sum of `a`.
 * Terms whose pooled count is below `minCount` are dropped. Rows are sorted by z, descending.
 *
 * @example
 * ```ts
 * const rows = weightedLogOdds({ dictator: 5, president: 1 }, { dictator: 0, president: 6 }, {
 *   minCount: 1,
 * });
 * rows[0].term; // "dictator" (z > 0: distinctive of A)
 * ```
 */
export function weightedLogOdds(
  countsA: Counts,
  countsB: Counts,
  opts: LogOddsOptions = {},
): LogOddsRow[] {
  const a = toMap(countsA);
  const b = toMap(countsB);
  const priorScale = opts.priorScale ?? 1;
  const minCount = opts.minCount ?? 3;
  if (!(priorScale > 0)) {
    throw new RangeError(`weightedLogOdds: priorScale must be > 0, got ${priorScale}`);
  }
  for (const [name, m] of [["countsA", a], ["countsB", b]] as const) {
    for (const [t, v] of m) {
      if (!(v >= 0)) {
        throw new RangeError(
          `weightedLogOdds: ${name}["${t}"] must be a non-negative count, got ${v}`,
        );
      }
    }
  }
  const terms = new Set<string>([...a.keys(), ...b.keys()]);
  let background: Map<string, number>;
  if (opts.background) {
    background = toMap(opts.background);
  } else {
    background = new Map();
    for (const t of terms) background.set(t, (a.get(t) ?? 0) + (b.get(t) ?? 0));
  }
  const alpha = new Map<string, number>();
  let alpha0 = 0;
  for (const [t, v] of background) {
    if (!(v >= 0)) {
      throw new RangeError(
        `weightedLogOdds: background["${t}"] must be a non-negative count, got ${v}`,
      );
    }
    alpha.set(t, priorScale * v);
    alpha0 += priorScale * v;
  }
  let nA = 0;
  let nB = 0;
  for (const v of a.values()) nA += v;
  for (const v of b.values()) nB += v;
  const rows: LogOddsRow[] = [];
  for (const t of terms) {
    const yA = a.get(t) ?? 0;
    const yB = b.get(t) ?? 0;
    if (yA + yB < minCount) continue;
    const al = alpha.get(t) ?? 0;
    if (!(al > 0)) {
      throw new RangeError(
        `weightedLogOdds: term "${t}" has no prior mass; give it a positive background count`,
      );
    }
    const logOdds = Math.log((yA + al) / (nA + alpha0 - yA - al)) -
      Math.log((yB + al) / (nB + alpha0 - yB - al));
    const variance = 1 / (yA + al) + 1 / (yB + al);
    rows.push({
      term: t,
      countA: yA,
      countB: yB,
      prior: al,
      logOdds,
      variance,
      z: logOdds / Math.sqrt(variance),
    });
  }
  rows.sort((x, y) => y.z - x.z || x.term.localeCompare(y.term));
  return rows;
}

/** log Gamma (Lanczos approximation, g = 7). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * The regularized lower incomplete gamma function P(a, x) (series for x < a + 1, continued
 * fraction otherwise; Numerical Recipes 6.2).
 *
 * @example
 * ```ts
 * regularizedGammaP(1, 1); // 1 - e^-1 = 0.6321...
 * ```
 */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`regularizedGammaP: a must be > 0, got ${a}`);
  if (x <= 0) return 0;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 1000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - lg);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - lg) * h;
}

/** The p-quantile of the Gamma(shape, 1) distribution, by bisection on P(shape, x). */
function gammaQuantile(p: number, shape: number): number {
  let lo = 0;
  let hi = Math.max(1, shape * 2);
  while (regularizedGammaP(shape, hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (regularizedGammaP(shape, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact (Garwood) interval for a Poisson rate `count / exposure`, times `scale`: e.g. hits per
 * 1,000 words with `exposure` = words and `scale` = 1000. It treats words as exposure and hits as
 * independent events, so it ignores clustering of hits within articles: with few articles it is
 * the best available, with many prefer {@linkcode bootstrapRatio}.
 *
 * @example
 * ```ts
 * poissonInterval(1, 1); // estimate 1, lower ≈ 0.0253, upper ≈ 5.5716
 * ```
 */
export function poissonInterval(
  count: number,
  exposure: number,
  opts: { level?: number; scale?: number } = {},
): Interval {
  const level = opts.level ?? 0.95;
  const scale = opts.scale ?? 1;
  checkLevel(level);
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`poissonInterval: count must be a non-negative integer, got ${count}`);
  }
  if (!(exposure >= 0)) {
    throw new RangeError(`poissonInterval: exposure must be >= 0, got ${exposure}`);
  }
  const method = `exact Poisson (Garwood), level ${level}`;
  if (exposure === 0) return { estimate: NaN, lower: NaN, upper: NaN, method };
  const alpha = 1 - level;
  const lower = count === 0 ? 0 : gammaQuantile(alpha / 2, count);
  const upper = gammaQuantile(1 - alpha / 2, count + 1);
  const f = scale / exposure;
  return { estimate: count * f, lower: lower * f, upper: upper * f, method };
}

/** Options of {@linkcode shareInterval}: the bootstrap's, plus when to use it. */
export interface ShareIntervalOptions extends BootstrapOptions {
  /** Fewest articles (with a non-zero denominator) for the bootstrap; below it, Wilson (default 5). */
  minArticles?: number;
}

/**
 * The interval of a share `sum(num) / sum(den)` over articles, chosen as the measures of this
 * project choose it: with at least `minArticles` articles that have a non-zero denominator, an
 * article-level bootstrap ({@linkcode bootstrapRatio}); with fewer (one article per outlet, say) a
 * bootstrap collapses to a point, so the Wilson score interval on the pooled counts is used, which
 * treats the units as independent and is narrower than the truth when they cluster in articles.
 * The `method` field says which.
 *
 * @example
 * ```ts
 * shareInterval([3], [10]).method; // "Wilson score, level 0.95" (one article)
 * shareInterval([1, 2, 0, 3, 1], [4, 5, 3, 6, 2]).method; // bootstrap, five articles
 * ```
 */
export function shareInterval(
  num: readonly number[],
  den: readonly number[],
  opts: ShareIntervalOptions = {},
): Interval {
  const { minArticles = 5, ...boot } = opts;
  const withDen = den.filter((d) => d > 0).length;
  if (withDen >= minArticles) return bootstrapRatio(num, den, boot);
  const n = num.reduce((s, x) => s + x, 0);
  const d = den.reduce((s, x) => s + x, 0);
  if (d === 0) {
    return { estimate: NaN, lower: NaN, upper: NaN, method: "no data" };
  }
  return wilsonInterval(n, d, boot.level ?? 0.95);
}
