/**
 * Cleaning of scraped article text, driven by rules kept as data
 * (`data/cleaning_rules.csv`), not code.
 *
 * A file is read line by line. Each non-blank line is either removed (page
 * debris, or a title / source / byline / credit / date line that becomes
 * metadata) or kept as one body paragraph. Every removed line is reported with
 * the id of the rule that removed it.
 *
 * Rules file columns: `id, category, match, pattern, action, ignore_case, note`.
 * - `match`: `exact` | `prefix` (line with spaces collapsed, compared to
 *   `pattern`), `regex` (JavaScript regex, `u` flag, tested against the line
 *   with U+00A0 and `&nbsp` residue read as spaces, trailing spaces dropped,
 *   indentation kept), `same_as_title`, `same_as_byline` (no pattern).
 * - `action`: `drop`, `block_start` (drop this line and the following ones
 *   until a `block_end` line or end of file), `block_end`, `title` (first
 *   remaining line, if it matches, is the file's title), `source_line`,
 *   `byline`, `credit`, `date_line` (drop the line, keep regex group `value`
 *   as metadata), `bullet` / `subheading` (kind of a kept paragraph; a bullet's
 *   text starts at group `value`), `no_sentence_break` (abbreviation for the
 *   sentence splitter).
 *
 * Rules of each kind are tried in file order; the first that matches wins.
 *
 * @module
 */
import pl from "nodejs-polars";
import { codePointIndex } from "./codepoints.ts";
import { CorpusError } from "./manifest.ts";

/** How a rule's pattern is compared with a line. */
export type RuleMatch = "exact" | "prefix" | "regex" | "same_as_title" | "same_as_byline";

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
  | "no_sentence_break";

const MATCHES: readonly RuleMatch[] = [
  "exact",
  "prefix",
  "regex",
  "same_as_title",
  "same_as_byline",
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
  "no_sentence_break",
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
  /** 1-based line of the rule in its file. */
  line: number;
  /** Compiled pattern for `match: "regex"`. */
  regex?: RegExp;
}

/** A validated rule set. */
export interface CleaningRules {
  /** Rules in file order. */
  rules: CleaningRule[];
  /** Tokens after which a sentence never ends (action `no_sentence_break`). */
  abbreviations: string[];
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
  const abbreviations: string[] = [];
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
    }
    if (action === "no_sentence_break") {
      if (match !== "exact") bad("match", "no_sentence_break rules must use match 'exact'");
      abbreviations.push(pattern);
      return;
    }
    rules.push({
      id,
      category: cell("category"),
      match,
      pattern,
      action,
      ignoreCase,
      note: cell("note"),
      line,
      regex,
    });
  });
  return { rules, abbreviations, file };
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
  const df = pl.readCSV(text.replace(/^\uFEFF/, ""), { inferSchemaLength: 0 });
  return parseCleaningRules(df.toRecords() as Record<string, string | null>[], file, df.columns);
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
  /** The line as in the file. */
  text: string;
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
}

/** Options of {@linkcode cleanArticle}. */
export interface CleanOptions {
  /** Title from the manifest; wins over the file's title line. */
  title?: string | null;
  /** File name used in warnings. */
  file?: string;
}

/** U+00A0 and "&nbsp" entity residue as spaces of the same length, trailing spaces dropped. */
function matchForm(raw: string): string {
  return raw.replace(/&nbsp;?/gi, (m) => " ".repeat(m.length)).replace(/\u00a0/g, " ").trimEnd();
}

function collapse(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

function sameText(a: string, b: string, ignoreCase: boolean): boolean {
  const x = collapse(a);
  const y = collapse(b);
  return ignoreCase ? x.toLowerCase() === y.toLowerCase() : x === y;
}

interface LineContext {
  titles: (string | null)[];
  byline: string | null;
}

function ruleMatches(
  rule: CleaningRule,
  line: string,
  ctx: LineContext,
): RegExpExecArray | true | null {
  switch (rule.match) {
    case "regex":
      return rule.regex!.exec(line);
    case "exact":
      return sameText(line, rule.pattern, rule.ignoreCase) ? true : null;
    case "prefix": {
      const l = collapse(line);
      const p = collapse(rule.pattern);
      const hit = rule.ignoreCase ? l.toLowerCase().startsWith(p.toLowerCase()) : l.startsWith(p);
      return hit ? true : null;
    }
    case "same_as_title":
      return ctx.titles.some((t) => t !== null && sameText(line, t, rule.ignoreCase)) ? true : null;
    case "same_as_byline":
      return ctx.byline !== null && sameText(line, ctx.byline, rule.ignoreCase) ? true : null;
  }
}

function metadataValue(rule: CleaningRule, line: string, m: RegExpExecArray | true): string {
  if (m !== true) {
    // A regex with a 'value' group yields that group (empty if it did not take part).
    if (m.groups && "value" in m.groups) return collapse(m.groups.value ?? "");
    return collapse(m[0]);
  }
  if (rule.match === "prefix") return collapse(collapse(line).slice(collapse(rule.pattern).length));
  return collapse(line);
}

/**
 * Cleans one decoded article text with `rules`: returns the kept body
 * paragraphs (with code-point offsets into `text`), the removed lines with
 * rule ids, and the metadata found (title, source line, byline, credit, date
 * line). Warns when the file's title differs from the manifest title, when no
 * title is known, and when no body is left.
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
  const cp = codePointIndex(text);
  const debris = rules.rules.filter((r) =>
    r.action === "drop" || r.action === "block_start" || METADATA_ACTIONS.has(r.action)
  );
  const blockEnds = rules.rules.filter((r) => r.action === "block_end");
  const titleRules = rules.rules.filter((r) => r.action === "title");
  const kindRules = rules.rules.filter((r) => r.action === "bullet" || r.action === "subheading");
  const sameTitleRule = rules.rules.find((r) => r.match === "same_as_title");

  const ctx: LineContext = { titles: [manifestTitle, null], byline: null };
  const meta: Record<"source_line" | "byline" | "date_line", string | null> = {
    source_line: null,
    byline: null,
    date_line: null,
  };
  const credits: string[] = [];
  const paragraphs: CleanParagraph[] = [];
  const removed: RemovedLine[] = [];
  const warnings: string[] = [];
  let fileTitle: string | null = null;
  let fileTitleLine = 0;
  let titleDecided = false;
  let block: CleaningRule | null = null;

  const firstMatch = (list: CleaningRule[], line: string) => {
    for (const rule of list) {
      const m = ruleMatches(rule, line, ctx);
      if (m) return { rule, m };
    }
    return null;
  };
  const applyDebris = (rule: CleaningRule, m: RegExpExecArray | true, line: string) => {
    if (rule.action === "block_start") block = rule;
    if (METADATA_ACTIONS.has(rule.action)) {
      const value = metadataValue(rule, line, m);
      if (value !== "") {
        if (rule.action === "credit") {
          if (!credits.includes(value)) credits.push(value);
        } else {
          const key = rule.action as "source_line" | "byline" | "date_line";
          if (meta[key] === null) meta[key] = value;
          if (key === "byline") ctx.byline = meta.byline;
        }
      }
    }
  };

  let offset = 0; // UTF-16 offset of the current line in `text`
  const lines = text.split("\n");
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li];
    const lineStart = offset;
    offset += raw.length + 1;
    const lineNo = li + 1;
    const line = matchForm(raw);
    if (line.trim() === "") continue;
    const remove = (rule: CleaningRule) =>
      removed.push({ line: lineNo, rule: rule.id, category: rule.category, text: raw });

    if (block !== null) {
      if (firstMatch(blockEnds, line) === null) {
        const hit = firstMatch(debris, line);
        if (hit) {
          applyDebris(hit.rule, hit.m, line);
          remove(hit.rule);
        } else remove(block);
        continue;
      }
      block = null;
    }

    if (!titleDecided && sameTitleRule && manifestTitle !== null) {
      if (sameText(line, manifestTitle, sameTitleRule.ignoreCase)) {
        fileTitle = collapse(line);
        fileTitleLine = lineNo;
        ctx.titles[1] = fileTitle;
        titleDecided = true;
        remove(sameTitleRule);
        continue;
      }
    }
    const hit = firstMatch(debris, line);
    if (hit) {
      applyDebris(hit.rule, hit.m, line);
      remove(hit.rule);
      continue;
    }
    if (!titleDecided) {
      titleDecided = true;
      const t = firstMatch(titleRules, line);
      if (t) {
        fileTitle = collapse(line);
        fileTitleLine = lineNo;
        ctx.titles[1] = fileTitle;
        remove(t.rule);
        continue;
      }
    }
    // A body paragraph.
    let kind: ParagraphKind = "text";
    let from = line.length - line.trimStart().length;
    const k = firstMatch(kindRules, line);
    if (k) {
      kind = k.rule.action as ParagraphKind;
      const m = k.m;
      if (kind === "bullet" && m !== true && m.indices?.groups?.value) {
        from = m.indices.groups.value[0];
      }
    }
    const to = line.length;
    paragraphs.push({
      text: raw.slice(from, to),
      kind,
      file_start: cp(lineStart + from),
      file_end: cp(lineStart + to),
      line: lineNo,
    });
  }

  if (manifestTitle !== null && fileTitle !== null && !sameText(manifestTitle, fileTitle, true)) {
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
  if (paragraphs.length === 0) {
    warnings.push(
      `${file}: no body text left after cleaning (${removed.length} lines removed) — ` +
        `check the file or the cleaning rules`,
    );
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
  };
}
