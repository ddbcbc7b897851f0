/**
 * Cleaning of scraped article text, driven by rules kept as data
 * (`data/cleaning_rules.csv`), not code.
 *
 * A file is read line by line. Each non-blank line is either removed (page
 * debris, or a title / source / byline / credit / date line that becomes
 * metadata) or kept as one body paragraph. Every removed line is reported with
 * the id of the rule that removed it.
 *
 * Rules file columns: `id, category, match, pattern, action, ignore_case, note`
 * and optionally `scope`: `generic` (or empty) for rules that apply to every
 * page, else an outlet name or a site's domain (`example.com`, which also
 * covers `www.example.com` and `news.example.com`): the rule applies only to
 * articles of that outlet or site ({@linkcode CleanOptions} `outlet` / `url`).
 * - `match`: `exact` | `prefix` (line with spaces collapsed, compared to
 *   `pattern`), `regex` (JavaScript regex, `u` flag, tested against the line
 *   with U+00A0 and `&nbsp` residue read as spaces, trailing spaces dropped,
 *   indentation kept), `same_as_title`, `same_as_byline` (no pattern),
 *   `repeated_line` (no pattern: the line is one of the outlet's template
 *   lines passed in {@linkcode CleanOptions} `templateLines`, see
 *   `lib/text/templates.ts`).
 * - `action`: `drop`, `block_start` (drop this line and the following ones
 *   until a `block_end` line or end of file), `block_end`, `title` (first
 *   remaining line, if it matches, is the file's title), `source_line`,
 *   `byline`, `credit`, `date_line` (drop the line, keep regex group `value`
 *   as metadata), `bullet` / `subheading` (kind of a kept paragraph; a bullet's
 *   text starts at group `value`), `drop_between` (a kept line matching the rule is
 *   dropped when the nearest non-blank lines before and after it were both
 *   removed, e.g. a short caption between a photo credit and a share prompt).
 *
 * Rules of each kind are tried in file order; the first that matches wins.
 *
 * Text is never lost to a rule written too loosely: a line is removed whole
 * only when it is short enough to be page debris (at most
 * {@linkcode DEBRIS_LINE_MAX} code points). In a longer line (a paragraph, or
 * a whole article stored on one line) a `drop` rule removes only the span it
 * matched, when that span is itself debris-sized and not the whole line; other
 * rules remove nothing there. An article that cleaning shrinks by more than
 * half is flagged (`shrunk`) with a warning.
 *
 * @module
 */
import { codePointIndex, codePointLength } from "./codepoints.ts";
import { CorpusError, csvRows, parseCsv } from "../io/csv.ts";
import { checkSafeRegex, UnsafeRegexError } from "./safe_regex.ts";
import { topLevelAlternatives } from "./patterns.ts";

/** How a rule's pattern is compared with a line. */
export type RuleMatch =
  | "exact"
  | "prefix"
  | "regex"
  | "same_as_title"
  | "same_as_byline"
  | "repeated_line";

/** What a rule does with a line it matches. */
export type RuleAction =
  | "drop"
  | "block_start"
  | "block_end"
  | "title"
  | "source_line"
  | "byline"
  | "credit"
  | "date_line"
  | "bullet"
  | "subheading"
  | "drop_between";

const MATCHES: readonly RuleMatch[] = [
  "exact",
  "prefix",
  "regex",
  "same_as_title",
  "same_as_byline",
  "repeated_line",
];
const ACTIONS: readonly RuleAction[] = [
  "drop",
  "block_start",
  "block_end",
  "title",
  "source_line",
  "byline",
  "credit",
  "date_line",
  "bullet",
  "subheading",
  "drop_between",
];
const METADATA_ACTIONS: ReadonlySet<RuleAction> = new Set([
  "source_line",
  "byline",
  "credit",
  "date_line",
]);

/** One validated cleaning rule. */
export interface CleaningRule {
  id: string;
  category: string;
  match: RuleMatch;
  pattern: string;
  action: RuleAction;
  ignoreCase: boolean;
  note: string;
  /** "generic", or the outlet name / site domain the rule is limited to (lower case). */
  scope: string;
  /** 1-based line of the rule in its file. */
  line: number;
  /** Compiled pattern for `match: "regex"`. */
  regex?: RegExp;
}

/** A validated rule set. */
export interface CleaningRules {
  /** Rules in file order. */
  rules: CleaningRule[];
  /** Name of the rules file, for messages. */
  file: string;
}

/** The columns a rules file must have (`note` and `ignore_case` may be absent). */
export const RULE_COLUMNS: readonly string[] = ["id", "category", "match", "pattern", "action"];

/**
 * Validates rule records (as read from CSV, all cells strings or null) into
 * {@linkcode CleaningRules}. Record `i` is reported as line `i + 2`. Throws
 * {@linkcode CorpusError} naming the line and column of a bad rule.
 *
 * @example
 * ```ts
 * const rules = parseCleaningRules(
 *   [{ id: "c", category: "comments", match: "exact", pattern: "Add Comment", action: "drop" }],
 *   "rules.csv",
 * );
 * rules.rules[0].line; // 2
 * ```
 */
export function parseCleaningRules(
  records: Record<string, string | null | undefined>[],
  file: string,
  columns?: readonly string[],
): CleaningRules {
  const cols = columns ?? (records.length > 0 ? Object.keys(records[0]) : RULE_COLUMNS);
  for (const c of RULE_COLUMNS) {
    if (!cols.includes(c)) {
      throw new CorpusError(
        `${file} line 1 (header): required column '${c}' is missing — the header must be ` +
          `id,category,match,pattern,action,ignore_case,note`,
        file,
        1,
        c,
      );
    }
  }
  const rules: CleaningRule[] = [];
  const seen = new Map<string, number>();
  records.forEach((rec, i) => {
    const line = i + 2;
    const cell = (name: string): string => {
      const v = rec[name];
      if (typeof v === "string" && v.includes("\n")) {
        throw new CorpusError(
          `${file} line ${line}, column '${name}': a line break inside a field — ` +
            `keep each rule on one line`,
          file,
          line,
          name,
        );
      }
      return typeof v === "string" ? v.trim() : "";
    };
    const bad = (name: string, what: string): never => {
      throw new CorpusError(`${file} line ${line}, column '${name}': ${what}`, file, line, name);
    };
    const id = cell("id");
    if (id === "") bad("id", "empty — give every rule a unique id");
    const prev = seen.get(id);
    if (prev !== undefined) {
      throw new CorpusError(
        `${file} lines ${prev} and ${line}: duplicate rule id '${id}' — rename one of them`,
        file,
        line,
        "id",
      );
    }
    seen.set(id, line);
    const match = cell("match") as RuleMatch;
    if (!MATCHES.includes(match)) {
      bad("match", `'${match}' is not one of ${MATCHES.join(", ")}`);
    }
    const action = cell("action") as RuleAction;
    if ((action as string) === "no_sentence_break") {
      bad(
        "action",
        `no_sentence_break rules are gone: abbreviations are listed in abbreviations.csv ` +
          `(columns abbreviation,kind,note) — move '${cell("pattern")}' there and delete this row`,
      );
    }
    if (!ACTIONS.includes(action)) {
      bad("action", `'${action}' is not one of ${ACTIONS.join(", ")}`);
    }
    const pattern = cell("pattern");
    const needsPattern = match === "exact" || match === "prefix" || match === "regex";
    if (needsPattern && pattern === "") bad("pattern", `empty — match '${match}' needs a pattern`);
    const ic = cell("ignore_case").toLowerCase();
    if (!["", "true", "false"].includes(ic)) bad("ignore_case", `'${ic}' must be true or false`);
    const ignoreCase = ic === "true";
    let regex: RegExp | undefined;
    if (match === "regex") {
      try {
        regex = new RegExp(
          pattern,
          (action === "bullet" ? "d" : "") + "u" + (ignoreCase ? "i" : ""),
        );
      } catch (e) {
        bad("pattern", `invalid regular expression (${(e as Error).message}) — fix the pattern`);
      }
      try {
        checkSafeRegex(pattern, ignoreCase ? "iu" : "u");
      } catch (e) {
        if (!(e instanceof UnsafeRegexError)) throw e;
        bad("pattern", `${e.message} — this expression could make cleaning take minutes`);
      }
    }
    if (action === "drop_between" && match !== "regex") {
      bad("match", "drop_between rules must use match 'regex' (the shape of the line to drop)");
    }
    const scope = cell("scope").toLowerCase().replace(/^www\./, "");
    rules.push({
      id,
      category: cell("category"),
      match,
      pattern,
      action,
      ignoreCase,
      note: cell("note"),
      scope: scope === "" ? "generic" : scope,
      line,
      regex,
    });
  });
  return { rules, file };
}

/**
 * Reads a rules CSV with nodejs-polars (every column as text) and validates it.
 * `displayName` is the name used in messages (defaults to `path`).
 *
 * @example
 * ```ts
 * const rules = await loadCleaningRules("data/cleaning_rules.csv");
 * rules.rules.length > 0; // true
 * ```
 */
export async function loadCleaningRules(
  path: string,
  displayName: string = path,
): Promise<CleaningRules> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new CorpusError(
        `${displayName}: rules file not found — pass the right path or restore the file`,
        displayName,
      );
    }
    throw e;
  }
  return cleaningRulesFromCsv(text, displayName);
}

/**
 * Parses rules CSV text with nodejs-polars (every column as text) and
 * validates it; `file` is the name used in messages.
 *
 * @example
 * ```ts
 * const rules = cleaningRulesFromCsv(
 *   "id,category,match,pattern,action\nc,comments,exact,Add Comment,drop\n",
 *   "rules.csv",
 * );
 * rules.rules[0].id; // "c"
 * ```
 */
export function cleaningRulesFromCsv(text: string, file: string): CleaningRules {
  if (text.trim() === "") {
    throw new CorpusError(
      `${file}: the rules file is empty — it needs the header ` +
        `id,category,match,pattern,action,ignore_case,note`,
      file,
      1,
    );
  }
  const table = parseCsv(text, file);
  return parseCleaningRules(csvRows(table), file, table.header);
}

/** Kind of a body paragraph. */
export type ParagraphKind = "text" | "bullet" | "subheading";

/** A kept body paragraph with its place in the decoded file text. */
export interface CleanParagraph {
  /** Paragraph text: exactly the file text from `file_start` to `file_end`. */
  text: string;
  kind: ParagraphKind;
  /** Code-point offsets into the decoded file text (end exclusive). */
  file_start: number;
  file_end: number;
  /** 1-based line in the file. */
  line: number;
}

/** A line removed by cleaning. */
export interface RemovedLine {
  /** 1-based line in the file. */
  line: number;
  /** Id of the rule that removed it. */
  rule: string;
  /** Category of that rule. */
  category: string;
  /** The line as in the file, or the removed span when only part of a long line was removed. */
  text: string;
  /**
   * Set only when a span of a long line was removed (the rest of the line kept): its
   * code-point offsets in the decoded file text (end exclusive).
   */
  span?: { file_start: number; file_end: number };
}

/** Result of {@linkcode cleanArticle}. */
export interface CleanedArticle {
  /** The file's own title line (spaces collapsed), or null if it has none. */
  fileTitle: string | null;
  /** Manifest title if given, else the file's title. */
  title: string | null;
  source_line: string | null;
  byline: string | null;
  /** Photo / agency credits, "; "-joined, or null. */
  credit: string | null;
  date_line: string | null;
  paragraphs: CleanParagraph[];
  removed: RemovedLine[];
  warnings: string[];
  /** Code points of the non-blank lines other than the title line, before cleaning. */
  input_chars: number;
  /** Code points of the kept paragraphs. */
  kept_chars: number;
  /**
   * True when cleaning kept less than {@linkcode SHRINK_WARNING_SHARE} of `input_chars`
   * (text may have been lost to a rule, or the page was mostly debris): see `shrink_warning`.
   */
  shrunk: boolean;
  /**
   * When `shrunk` and some body is left, a message naming the file, the share kept and the rules
   * that removed most, for the pipeline, exports and notebook 01 to show; else null. (Not in
   * `warnings`, which are the file's problems.)
   */
  shrink_warning: string | null;
}

/** Options of {@linkcode cleanArticle}. */
export interface CleanOptions {
  /** Title from the manifest; wins over the file's title line. */
  title?: string | null;
  /** File name used in warnings. */
  file?: string;
  /** The article's outlet (manifest `outlet`): rules scoped to it apply. */
  outlet?: string | null;
  /** The article's URL (manifest `url`): rules scoped to its site apply. */
  url?: string | null;
  /**
   * Template lines of the article's outlet, as {@linkcode templateKey} forms (from
   * `templateLinesOf` in `lib/text/templates.ts`); `repeated_line` rules remove them.
   */
  templateLines?: ReadonlySet<string>;
}

/** Longest line (code points) that a rule may remove whole; longer lines lose only a span. */
export const DEBRIS_LINE_MAX = 300;

/** Share of the text below which a cleaned article is flagged as `shrunk`. */
export const SHRINK_WARNING_SHARE = 0.5;

/**
 * The form in which template lines are compared: white space collapsed, lower case.
 *
 * @example
 * ```ts
 * templateKey("  Follow us on   X "); // "follow us on x"
 * ```
 */
export function templateKey(line: string): string {
  return collapse(line.replace(/&nbsp;?/gi, " ").replace(/\u00a0/g, " ")).toLowerCase();
}

/** Host of a URL (with or without scheme), lower case, without "www."; "" if none. */
function siteOf(url: string | null | undefined): string {
  if (!url) return "";
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#:@\s]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase().replace(/^www\./, "") : "";
}

function ruleInScope(rule: CleaningRule, outlet: string, site: string): boolean {
  const s = rule.scope;
  if (s === "generic") return true;
  if (s === outlet) return true;
  return site !== "" && (site === s || site.endsWith("." + s));
}

/** U+00A0 and "&nbsp" entity residue as spaces of the same length, trailing spaces dropped. */
function matchForm(raw: string): string {
  return raw.replace(/&nbsp;?/gi, (m) => " ".repeat(m.length)).replace(/\u00a0/g, " ").trimEnd();
}

/** Any white space that {@linkcode collapse} would change. */
const NEEDS_COLLAPSE = /^\s|\s$|[^\S ]| \s/;

function collapse(s: string): string {
  if (!NEEDS_COLLAPSE.test(s)) return s;
  return s.replace(/\s+/gu, " ").trim();
}

/** A text with its collapsed forms, each computed once, on first use. */
class Collapsed {
  #c: string | null = null;
  #lower: string | null = null;
  #word: string | null = null;
  #wordLower: string | null = null;
  constructor(readonly text: string) {}
  /** `collapse(text)`. */
  get c(): string {
    return this.#c ??= collapse(this.text);
  }
  /** `collapse(text).toLowerCase()`. */
  get lower(): string {
    return this.#lower ??= this.c.toLowerCase();
  }
  /** The first word of `collapse(text)` (text up to the first space), found without collapsing. */
  get word(): string {
    return this.#word ??= firstWord(this.text);
  }
  /** The first word of `collapse(text).toLowerCase()`. */
  get wordLower(): string {
    return this.#wordLower ??= this.word.toLowerCase();
  }
}

const WHITE = /\s/;

function isWhiteAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return WHITE.test(s[i]);
}

/** The first run of non-white-space characters of `s` ("" if none). */
function firstWord(s: string): string {
  let i = 0;
  while (i < s.length && isWhiteAt(s, i)) i++;
  let j = i;
  while (j < s.length && !isWhiteAt(s, j)) j++;
  return s.slice(i, j);
}

function sameText(a: Collapsed, b: Collapsed, ignoreCase: boolean): boolean {
  // Equal texts have equal first words; comparing those first avoids collapsing
  // (and lower-casing) whole lines that cannot match. Lower-casing a word alone
  // gives the same as within the collapsed text: words are separated by spaces,
  // which end a word for final-sigma casing too.
  if (ignoreCase) return a.wordLower === b.wordLower && a.lower === b.lower;
  return a.word === b.word && a.c === b.c;
}

/**
 * Necessary conditions for a `regex` rule to match a line, read from the
 * pattern's leading lookaheads: `^(?=.{m,n}$)` bounds the line's length and
 * `(?=.*\bword` requires `word` in it. Lines failing them are not run
 * through the full regex (which could not match them).
 */
interface RegexPrefilter {
  /** Largest line length (code points with flag `u`, else UTF-16 units), or Infinity. */
  maxLength: number;
  unicode: boolean;
  /** Literals that must occur in the line (same case flags as the rule). */
  literals: RegExp[];
}

/** Index of the `)` closing the group opened at `open`, or -1; also -1 on a top-level `|`. */
function groupEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (c === "[") {
      for (i++; i < src.length && src[i] !== "]"; i++) if (src[i] === "\\") i++;
    } else if (c === "(") depth++;
    else if (c === ")") {
      if (--depth === 0) return i;
    } else if (c === "|" && depth === 1) return -1;
  }
  return -1;
}

function regexPrefilter(re: RegExp): RegexPrefilter | null {
  const flags = re.flags;
  if (/[gymv]/.test(flags)) return null;
  const src = re.source;
  if (!src.startsWith("^") || topLevelAlternatives(src).length > 1) return null;
  const pre: RegexPrefilter = { maxLength: Infinity, unicode: flags.includes("u"), literals: [] };
  const litFlags = flags.replace(/[^iu]/g, "");
  let pos = 1;
  while (src.startsWith("(?=", pos) || src.startsWith("(?!", pos)) {
    const end = groupEnd(src, pos);
    if (end < 0 || /^[?*+{]/.test(src.slice(end + 1))) break;
    if (src[pos + 2] === "=") {
      const body = src.slice(pos + 3, end);
      const len = /^\.\{\d+(?:,(\d+))?\}\$$/.exec(body);
      const n = len && (len[1] ?? /\d+/.exec(body)![0]);
      if (n) pre.maxLength = Math.min(pre.maxLength, Number(n));
      const lit = /^\.\*(?:\\b)?([A-Za-z]+)(.?)/.exec(body);
      if (lit) {
        const word = /[?*{]/.test(lit[2]) ? lit[1].slice(0, -1) : lit[1];
        if (word.length >= 3) pre.literals.push(new RegExp(word, litFlags));
      }
    }
    pos = end + 1;
  }
  // The rest is the whole line (`^(?=…)(?!…).{12,160}$`): its length bounds the line's.
  const rest = /^\.\{\d+(?:,(\d+))?\}\$$/.exec(src.slice(pos));
  if (rest) pre.maxLength = Math.min(pre.maxLength, Number(rest[1] ?? /\d+/.exec(rest[0])![0]));
  return pre.maxLength === Infinity && pre.literals.length === 0 ? null : pre;
}

function passes(pre: RegexPrefilter, line: string): boolean {
  if (
    line.length > pre.maxLength && (!pre.unicode || codePointLength(line) > pre.maxLength)
  ) return false;
  for (const l of pre.literals) if (!l.test(line)) return false;
  return true;
}

/** What {@linkcode ruleMatches} needs of a rule beyond the rule itself, made once per rule. */
interface PreparedRule {
  /** A number of its own, for the cache of {@linkcode regexGate}. */
  id: number;
  rule: CleaningRule;
  /** Inputs this was made from, to notice a changed rule. */
  pattern: string;
  regex: RegExp | undefined;
  collapsedPattern: Collapsed;
  prefilter: RegexPrefilter | null;
}

const PREPARED = new WeakMap<CleaningRule, PreparedRule>();
let preparedCount = 0;

function prepare(rule: CleaningRule): PreparedRule {
  const got = PREPARED.get(rule);
  if (got !== undefined && got.pattern === rule.pattern && got.regex === rule.regex) return got;
  const p: PreparedRule = {
    id: preparedCount++,
    rule,
    pattern: rule.pattern,
    regex: rule.regex,
    collapsedPattern: new Collapsed(rule.pattern),
    prefilter: rule.match === "regex" && rule.regex ? regexPrefilter(rule.regex) : null,
  };
  PREPARED.set(rule, p);
  return p;
}

/**
 * `src` (a regular expression's source) with its named groups made plain groups, or null when it
 * refers back to a group (then it cannot be joined with others).
 */
function plainGroups(src: string): string | null {
  let out = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      if (/[1-9k]/.test(src[i + 1] ?? "")) return null;
      out += c + (src[i + 1] ?? "");
      i++;
    } else if (c === "[") {
      let j = i + 1;
      for (; j < src.length && src[j] !== "]"; j++) if (src[j] === "\\") j++;
      out += src.slice(i, j + 1);
      i = j;
    } else if (src.startsWith("(?<", i) && src[i + 3] !== "=" && src[i + 3] !== "!") {
      const close = src.indexOf(">", i);
      if (close < 0) return null;
      out += "(?:";
      i = close;
    } else out += c;
  }
  return out;
}

/**
 * Expressions that together match a line whenever one of the `regex` rules of `list` matches it
 * (each rule's alternatives joined, those anchored at the line start in one expression per case
 * flag): a line none of them matches needs no rule-by-rule test. Null when the list has fewer
 * than two such rules or one cannot be joined (a back reference).
 */
function buildGate(list: readonly PreparedRule[]): RegExp[] | null {
  // Rules with a prefilter are cheaper tested one by one (most lines fail the prefilter).
  const regexRules = list.filter((p) =>
    p.rule.match === "regex" && p.rule.regex && p.prefilter === null
  );
  if (regexRules.length < 2) return null;
  const groups = new Map<string, { anchored: string[]; floating: string[] }>();
  for (const p of regexRules) {
    const re = p.rule.regex!;
    const src = plainGroups(re.source);
    if (src === null || /[gymsv]/.test(re.flags)) return null;
    const flags = re.flags.replace(/[^iu]/g, "");
    let g = groups.get(flags);
    if (!g) groups.set(flags, g = { anchored: [], floating: [] });
    for (const alt of topLevelAlternatives(src)) {
      if (alt.startsWith("^")) g.anchored.push(`(?:${alt.slice(1)})`);
      else g.floating.push(`(?:${alt})`);
    }
  }
  const gate: RegExp[] = [];
  try {
    for (const [flags, g] of groups) {
      if (g.anchored.length > 0) gate.push(new RegExp(`^(?:${g.anchored.join("|")})`, flags));
      if (g.floating.length > 0) gate.push(new RegExp(g.floating.join("|"), flags));
    }
  } catch {
    return null;
  }
  return gate;
}

const GATES = new Map<string, RegExp[] | null>();

/** {@linkcode buildGate} of `list`, made once per list of rules. */
function regexGate(list: readonly PreparedRule[]): RegExp[] | null {
  const key = list.map((p) => p.id).join(",");
  let gate = GATES.get(key);
  if (gate === undefined) {
    gate = buildGate(list);
    if (GATES.size >= 256) GATES.clear();
    GATES.set(key, gate);
  }
  return gate;
}

/** Whether some `regex` rule behind `gate` may match `text` (true without a gate). */
function gateOpen(gate: RegExp[] | null, text: string): boolean {
  if (gate === null) return true;
  for (const re of gate) if (re.test(text)) return true;
  return false;
}

interface LineContext {
  titles: (Collapsed | null)[];
  byline: Collapsed | null;
  templates: ReadonlySet<string> | null;
}

/** A line in match form (`text`) with its collapsed forms. */
type Line = Collapsed;

function ruleMatches(
  prep: PreparedRule,
  line: Line,
  ctx: LineContext,
): RegExpExecArray | true | null {
  const rule = prep.rule;
  switch (rule.match) {
    case "regex":
      if (prep.prefilter !== null && !passes(prep.prefilter, line.text)) return null;
      return rule.regex!.exec(line.text);
    case "exact":
      return sameText(line, prep.collapsedPattern, rule.ignoreCase) ? true : null;
    case "prefix": {
      const hit = rule.ignoreCase
        ? line.lower.startsWith(prep.collapsedPattern.lower)
        : line.c.startsWith(prep.collapsedPattern.c);
      return hit ? true : null;
    }
    case "same_as_title":
      return ctx.titles.some((t) => t !== null && sameText(line, t, rule.ignoreCase)) ? true : null;
    case "same_as_byline":
      return ctx.byline !== null && sameText(line, ctx.byline, rule.ignoreCase) ? true : null;
    case "repeated_line":
      return ctx.templates !== null && ctx.templates.has(line.lower) ? true : null;
  }
}

function metadataValue(prep: PreparedRule, line: Line, m: RegExpExecArray | true): string {
  if (m !== true) {
    // A regex with a 'value' group yields that group (empty if it did not take part).
    if (m.groups && "value" in m.groups) return collapse(m.groups.value ?? "");
    return collapse(m[0]);
  }
  if (prep.rule.match === "prefix") {
    return collapse(line.c.slice(prep.collapsedPattern.c.length));
  }
  return line.c;
}

/**
 * Cleans one decoded article text with `rules`: returns the kept body
 * paragraphs (with code-point offsets into `text`), the removed lines with
 * rule ids, and the metadata found (title, source line, byline, credit, date
 * line). Warns when the file's title differs from the manifest title, when no
 * title is known, when no body is left, and when cleaning removed more than
 * half of the text (`shrunk`). Rules scoped to an outlet or site apply only
 * when `options.outlet` / `options.url` name it.
 *
 * @example
 * ```ts
 * const rules = await loadCleaningRules("data/cleaning_rules.csv");
 * const c = cleanArticle("A Title\n\nBody text here.\nAdd Comment", rules);
 * c.title; // "A Title"
 * c.paragraphs.map((p) => p.text); // ["Body text here."]
 * ```
 */
export function cleanArticle(
  text: string,
  rules: CleaningRules,
  options: CleanOptions = {},
): CleanedArticle {
  const file = options.file ?? "article";
  const manifestTitle = options.title ?? null;
  const outlet = (options.outlet ?? "").trim().toLowerCase();
  const site = siteOf(options.url);
  const cp = codePointIndex(text);
  const inScope = rules.rules.filter((r) => ruleInScope(r, outlet, site));
  const prepared = inScope.map(prepare);
  const debris = prepared.filter(({ rule: r }) =>
    r.action === "drop" || r.action === "block_start" || METADATA_ACTIONS.has(r.action)
  );
  const spanRules = debris.filter(({ rule: r }) => r.action === "drop" && r.match === "regex");
  const blockEnds = prepared.filter((p) => p.rule.action === "block_end");
  const titleRules = prepared.filter((p) => p.rule.action === "title");
  const kindRules = prepared.filter((p) =>
    p.rule.action === "bullet" || p.rule.action === "subheading"
  );
  const betweenRules = prepared.filter((p) => p.rule.action === "drop_between");
  const sameTitleRule = inScope.find((r) => r.match === "same_as_title");

  const manifestTitleText = manifestTitle === null ? null : new Collapsed(manifestTitle);
  const ctx: LineContext = {
    titles: [manifestTitleText, null],
    byline: null,
    templates: options.templateLines ?? null,
  };
  const meta: Record<"source_line" | "byline" | "date_line", string | null> = {
    source_line: null,
    byline: null,
    date_line: null,
  };
  const credits: string[] = [];
  let paragraphs: CleanParagraph[] = [];
  const removed: RemovedLine[] = [];
  const warnings: string[] = [];
  let fileTitle: string | null = null;
  let fileTitleLine = 0;
  let titleDecided = false;
  let block: CleaningRule | null = null;
  let inputChars = 0;
  /** Each non-blank line: removed whole, the title, or kept whole as paragraph `para`. */
  const seq: { line: number; removed: boolean; title: boolean; para: number }[] = [];

  const gates = new Map<PreparedRule[], RegExp[] | null>();
  const gateOf = (list: PreparedRule[]) => {
    let gate = gates.get(list);
    if (gate === undefined) gates.set(list, gate = regexGate(list));
    return gate;
  };
  const firstMatch = (list: PreparedRule[], line: Line) => {
    // A line that no regex rule of the list matches (most body lines) skips them all.
    const regexes = gateOpen(gateOf(list), line.text);
    for (const prep of list) {
      if (!regexes && prep.rule.match === "regex" && prep.prefilter === null) continue;
      const m = ruleMatches(prep, line, ctx);
      if (m) return { prep, rule: prep.rule, m };
    }
    return null;
  };
  const applyDebris = (prep: PreparedRule, m: RegExpExecArray | true, line: Line) => {
    const rule = prep.rule;
    if (rule.action === "block_start") block = rule;
    if (METADATA_ACTIONS.has(rule.action)) {
      const value = metadataValue(prep, line, m);
      if (value !== "") {
        if (rule.action === "credit") {
          if (!credits.includes(value)) credits.push(value);
        } else {
          const key = rule.action as "source_line" | "byline" | "date_line";
          if (meta[key] === null) meta[key] = value;
          if (key === "byline" && ctx.byline?.text !== meta.byline) {
            ctx.byline = new Collapsed(meta.byline!);
          }
        }
      }
    }
  };
  /** Keeps `raw[from, to)` (trimmed) of the line starting at `lineStart` as a text paragraph. */
  const keepPiece = (raw: string, lineStart: number, from: number, to: number, lineNo: number) => {
    while (from < to && isWhiteAt(raw, from)) from++;
    while (to > from && isWhiteAt(raw, to - 1)) to--;
    if (to <= from) return;
    paragraphs.push({
      text: raw.slice(from, to),
      kind: "text",
      file_start: cp(lineStart + from),
      file_end: cp(lineStart + to),
      line: lineNo,
    });
  };

  let offset = 0; // UTF-16 offset of the current line in `text`
  const lines = text.split("\n");
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li];
    const lineStart = offset;
    offset += raw.length + 1;
    const lineNo = li + 1;
    const lineText = matchForm(raw);
    if (lineText.trim() === "") continue;
    const line: Line = new Collapsed(lineText);
    const length = codePointLength(line.c);
    inputChars += length;
    const short = length <= DEBRIS_LINE_MAX;
    const state = { line: lineNo, removed: false, title: false, para: -1 };
    seq.push(state);
    const remove = (rule: CleaningRule) => {
      removed.push({ line: lineNo, rule: rule.id, category: rule.category, text: raw });
      state.removed = true;
    };
    const takeTitle = (rule: CleaningRule) => {
      fileTitle = line.c;
      fileTitleLine = lineNo;
      ctx.titles[1] = line;
      titleDecided = true;
      removed.push({ line: lineNo, rule: rule.id, category: rule.category, text: raw });
      state.title = true;
      inputChars -= length;
    };

    if (block !== null) {
      if (short && firstMatch(blockEnds, line) === null) {
        const hit = firstMatch(debris, line);
        if (hit) {
          applyDebris(hit.prep, hit.m, line);
          remove(hit.rule);
        } else remove(block);
        continue;
      }
      block = null;
    }

    if (!titleDecided && sameTitleRule && manifestTitle !== null) {
      if (sameText(line, manifestTitleText!, sameTitleRule.ignoreCase)) {
        takeTitle(sameTitleRule);
        continue;
      }
    }
    if (short) {
      const hit = firstMatch(debris, line);
      if (hit) {
        applyDebris(hit.prep, hit.m, line);
        remove(hit.rule);
        continue;
      }
    } else {
      // A long line is text: loose rules may take out the debris-sized spans they matched only.
      const spans: { from: number; to: number; rule: CleaningRule }[] = [];
      const spanRegexes = gateOpen(gateOf(spanRules), line.text);
      for (const prep of spanRules) {
        if (!spanRegexes && prep.prefilter === null) continue;
        const m = ruleMatches(prep, line, ctx);
        if (m === null || m === true) continue;
        const from = m.index;
        const to = from + m[0].length;
        const spanText = lineText.slice(from, to);
        if (spanText.trim() === "" || codePointLength(spanText) > DEBRIS_LINE_MAX) continue;
        if (spans.some((s) => from < s.to && s.from < to)) continue;
        spans.push({ from, to, rule: prep.rule });
      }
      spans.sort((a, b) => a.from - b.from);
      let rest = "";
      let restAt = 0;
      for (const s of spans) {
        rest += lineText.slice(restAt, s.from);
        restAt = s.to;
      }
      rest += lineText.slice(restAt);
      if (spans.length > 0 && rest.trim() !== "") {
        let at = 0;
        for (const s of spans) {
          keepPiece(raw, lineStart, at, s.from, lineNo);
          removed.push({
            line: lineNo,
            rule: s.rule.id,
            category: s.rule.category,
            text: raw.slice(s.from, s.to),
            span: { file_start: cp(lineStart + s.from), file_end: cp(lineStart + s.to) },
          });
          at = s.to;
        }
        keepPiece(raw, lineStart, at, lineText.length, lineNo);
        continue;
      }
    }
    if (!titleDecided) {
      titleDecided = true;
      const t = firstMatch(titleRules, line);
      if (t) {
        takeTitle(t.rule);
        continue;
      }
    }
    // A body paragraph.
    let kind: ParagraphKind = "text";
    let from = lineText.length - lineText.trimStart().length;
    const k = firstMatch(kindRules, line);
    if (k) {
      kind = k.rule.action as ParagraphKind;
      const m = k.m;
      if (kind === "bullet" && m !== true && m.indices?.groups?.value) {
        from = m.indices.groups.value[0];
      }
    }
    const to = lineText.length;
    state.para = paragraphs.length;
    paragraphs.push({
      text: raw.slice(from, to),
      kind,
      file_start: cp(lineStart + from),
      file_end: cp(lineStart + to),
      line: lineNo,
    });
  }

  // Short kept lines wedged between two removed lines (not the title).
  if (betweenRules.length > 0) {
    const dropped = new Set<number>();
    for (let k = 1; k < seq.length - 1; k++) {
      const here = seq[k];
      const before = seq[k - 1];
      const after = seq[k + 1];
      if (here.para < 0 || !before.removed || !after.removed) continue;
      const p = paragraphs[here.para];
      const hit = firstMatch(betweenRules, new Collapsed(matchForm(lines[here.line - 1])));
      if (hit === null) continue;
      dropped.add(here.para);
      removed.push({
        line: p.line,
        rule: hit.rule.id,
        category: hit.rule.category,
        text: lines[here.line - 1],
      });
    }
    if (dropped.size > 0) {
      paragraphs = paragraphs.filter((_, i) => !dropped.has(i));
      removed.sort((a, b) => a.line - b.line);
    }
  }

  if (
    manifestTitleText !== null && fileTitle !== null &&
    !sameText(manifestTitleText, ctx.titles[1]!, true)
  ) {
    warnings.push(
      `${file} line ${fileTitleLine}: title line '${fileTitle}' differs from the manifest title ` +
        `'${manifestTitle}'; the manifest title is used`,
    );
  }
  const title = manifestTitle ?? fileTitle;
  if (title === null) {
    warnings.push(
      `${file}: no title — the first line is body text and the manifest gives none; ` +
        `add a title in the manifest's 'title' column if it is known`,
    );
  }
  let keptChars = 0;
  for (const p of paragraphs) keptChars += codePointLength(p.text);
  const shrunk = inputChars > 0 && keptChars < SHRINK_WARNING_SHARE * inputChars;
  if (paragraphs.length === 0) {
    warnings.push(
      `${file}: no body text left after cleaning (${removed.length} lines removed) — ` +
        `check the file or the cleaning rules`,
    );
  }
  let shrinkWarning: string | null = null;
  if (shrunk && paragraphs.length > 0) {
    const byRule = new Map<string, number>();
    for (const r of removed) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
    const top = [...byRule].sort((a, b) => b[1] - a[1]).slice(0, 3)
      .map(([r, n]) => `${r} ${n}`).join(", ");
    shrinkWarning = `${file}: cleaning kept ${keptChars} of ${inputChars} characters ` +
      `(${Math.round((100 * keptChars) / inputChars)}%) — check the removed lines ` +
      `(most removed by: ${top})`;
  }
  return {
    fileTitle,
    title,
    source_line: meta.source_line,
    byline: meta.byline,
    credit: credits.length > 0 ? credits.join("; ") : null,
    date_line: meta.date_line,
    paragraphs,
    removed,
    warnings,
    input_chars: inputChars,
    kept_chars: keptChars,
    shrunk,
    shrink_warning: shrinkWarning,
  };
}
