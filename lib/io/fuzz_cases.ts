/**
 * Generated hostile inputs for the fuzz test (`fuzz_test.ts`): manifests, article bytes, lexicon
 * rows, cleaning rules and corpus CSV files made of random bytes, random Unicode, random CSV
 * quoting and random patterns, from a seed. {@link runFuzzCase} runs one case through the loaders
 * and the per-text stages and tells whether it ended in results or in a named error (an error
 * naming the input file); anything else (a TypeError, an error that names no file) is a failure.
 * The test runs the cases in a worker with a deadline per case, so a hang is a failure too.
 *
 * @module
 */
import { seededRandom } from "../measures/stats.ts";
import { parseManifest } from "./manifest.ts";
import { binaryReason, decodeArticleBytes } from "./decode.ts";
import { readCsvBatches } from "./csv.ts";
import { parseLexicon } from "../resources/lexicon.ts";
import { cleanArticle, cleaningRulesFromCsv } from "../text/clean.ts";
import { findQuotes } from "../text/quotes.ts";
import { framingHits } from "../extract/framing.ts";

/** Kinds of generated input. */
export const FUZZ_KINDS = ["manifest", "article", "lexicon", "rules", "corpus"] as const;
/** A kind of generated input. */
export type FuzzKind = typeof FUZZ_KINDS[number];

/** How one case ended. */
export interface FuzzOutcome {
  kind: FuzzKind;
  index: number;
  /** "results", "named error", or "failure" (an unnamed crash). */
  ended: "results" | "named error" | "failure";
  /** The error message, for errors. */
  message?: string;
}

/** A small seeded random generator (mulberry32): the one of lib/measures/stats.ts. */
export const rng: (seed: number) => () => number = seededRandom;

const PIECES = [
  "a",
  "regime",
  "Kim Jong-un",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\r",
  ",",
  '"',
  '""',
  "'",
  "’",
  "“",
  "”",
  "«",
  "»",
  "—",
  "-",
  ".",
  "?",
  "!",
  "said",
  "according to",
  "😀",
  "👩🏽‍⚕️",
  "\u202e",
  "\u200f",
  "\u0301",
  "ж",
  "中文",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "\uDC00x",
  "Add Comment",
  "Copyright 2024",
  "By Jane Doe",
  "2024-06-19",
  "../",
  "/etc/passwd",
  "<script>",
];

/** Random text from pieces of prose, CSV syntax, control and exotic characters. */
function randomText(r: () => number, max: number): string {
  let s = "";
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) {
    s += r() < 0.15
      ? String.fromCodePoint(Math.floor(r() * 0x2ffff))
      : PIECES[Math.floor(r() * PIECES.length)];
  }
  return s;
}

function randomBytes(r: () => number, max: number): Uint8Array {
  const b = new Uint8Array(Math.floor(r() * max));
  for (let i = 0; i < b.length; i++) b[i] = Math.floor(r() * 256);
  return b;
}

/** A CSV field with random quoting: plain, quoted, quoted with a missing close, stray quote. */
function field(r: () => number, v: string): string {
  const x = r();
  if (x < 0.6) return /[,"\r\n]/.test(v) ? q(v) : v;
  if (x < 0.96) return q(v);
  if (x < 0.98) return `"${v}`;
  return `${v}"${v}`;
}
const q = (v: string) => `"${v.replaceAll('"', '""')}"`;

const PATTERN_TOKENS = [
  "a",
  "aa",
  "b",
  "dictator",
  "*",
  "?",
  "(",
  ")",
  "|",
  " ",
  "-",
  "'",
  ".",
  "(a|aa)?",
  "[",
  "\\",
  "+",
];
const VALID_PATTERN_TOKENS = ["a", "aa", "b", "dictator", "regime", "*", " ", "-", "'", "?"];
const REGEX_TOKENS = [
  "a",
  "\\w",
  "\\s",
  "\\S",
  ".",
  "[a-z]",
  "+",
  "*",
  "?",
  "{2,}",
  "{1,3}",
  "(",
  "(?:",
  ")",
  "|",
  "\\1",
  "^",
  "$",
  "\\b",
  "sanctions",
  "(?=a)",
  "[",
];

function randomPattern(r: () => number, tokens: readonly string[], max: number): string {
  let s = "";
  const n = 1 + Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += tokens[Math.floor(r() * tokens.length)];
  return s;
}

const RULES_HEADER = "id,category,match,pattern,action,ignore_case,note\n";
const BASE_RULES = RULES_HEADER +
  "comments,comments,regex,^Add Comment$,drop,true,\n" +
  "copyright,footer,regex,^Copyright\\b.*$,drop,true,\n";
const BASE_LEXICON = "pattern,category,target,exclude_before\n" +
  "regime,loaded_negative,state,sanctions?|trade\ndictator*,loaded_negative,person,\n" +
  "said,neutral,,\n";

/** Texts that make backtracking matchers slow: long runs of one letter, letters and spaces. */
function adversarialTexts(pattern: string): string[] {
  const letters = [...new Set(pattern.replace(/[^\p{L}]/gu, "").split(""))].join("") || "a";
  return [
    letters.repeat(Math.ceil(3000 / letters.length)) + "!",
    (letters + " ").repeat(Math.ceil(3000 / (letters.length + 1))) + "!",
    "a".repeat(3000) + "b",
  ];
}

/** Whether `e` is a named error: an Error (not a TypeError etc.) whose message names `file`. */
function named(e: unknown, file: string): boolean {
  if (!(e instanceof Error)) return false;
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) {
    return false;
  }
  if (e instanceof SyntaxError) return false;
  return e.message.includes(file);
}

/**
 * Runs case `index` of `kind` for `seed` (the same case every time) and says how it ended;
 * `tmp` is a folder for the cases that need a file.
 *
 * @example
 * ```ts
 * await runFuzzCase("manifest", 0, 42, "/tmp"); // { kind: "manifest", index: 0, ended: "named error", ... }
 * ```
 */
export async function runFuzzCase(
  kind: FuzzKind,
  index: number,
  seed: number,
  tmp: string,
): Promise<FuzzOutcome> {
  const r = rng(seed * 7919 + index * 104729 + FUZZ_KINDS.indexOf(kind));
  let file = "";
  const done = (ended: FuzzOutcome["ended"], message?: string): FuzzOutcome => ({
    kind,
    index,
    ended,
    message,
  });
  try {
    if (kind === "manifest") {
      file = "m.csv";
      const optional = ["published", "title", "notes", "url"].filter(() => r() < 0.5);
      const cols = r() < 0.8
        ? ["id", "file", "outlet", ...optional]
        : ["id", "file", "outlet", "published", "title", "publised", "notes"]
          .filter(() => r() < 0.7);
      const rows = Array.from({ length: Math.floor(r() * 5) }, (_, i) =>
        cols.map((c) =>
          field(
            r,
            r() < 0.5
              ? randomText(r, 4)
              : c === "file"
              ? ["a.txt", "./a.txt", "../x.txt", "/abs.txt", "sub/b.txt"][Math.floor(r() * 5)]
              : c === "published"
              ? ["2024-06-19", "2024-13-45", "June 2024", ""][Math.floor(r() * 4)]
              : `${c}${i}`,
          )
        ).join(","));
      const nl = r() < 0.5 ? "\n" : "\r\n";
      const text = (r() < 0.2 ? "\uFEFF" : "") + [cols.join(","), ...rows].join(nl);
      parseManifest(text, file);
    } else if (kind === "article") {
      file = "a.txt";
      const x = r();
      const bytes = x < 0.3
        ? randomBytes(r, 3000)
        : x < 0.4
        ? new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...randomBytes(r, 100)])
        : new TextEncoder().encode(
          r() < 0.7
            // deno-lint-ignore no-control-regex
            ? randomText(r, 400).replace(/[\u0000-\u0008\u000e-\u001f]/g, "")
            : randomText(r, 400),
        );
      const why = binaryReason(bytes);
      if (why !== null) throw new Error(`${file}: not a text file (${why})`);
      const { text } = decodeArticleBytes(bytes, file);
      const rules = cleaningRulesFromCsv(BASE_RULES, "rules.csv");
      const cleaned = cleanArticle(text, rules, { file });
      const body = cleaned.paragraphs.map((p) => p.text).join("\n\n");
      const lex = await parseLexicon(BASE_LEXICON, "lex.csv");
      findQuotes(body);
      framingHits(body, lex);
    } else if (kind === "lexicon") {
      file = "lex.csv";
      const rows = Array.from({ length: 1 + Math.floor(r() * 3) }, () =>
        [
          field(r, randomPattern(r, r() < 0.6 ? VALID_PATTERN_TOKENS : PATTERN_TOKENS, 12)),
          field(r, r() < 0.9 ? "loaded_negative" : randomText(r, 2)),
          "",
          field(r, r() < 0.6 ? "" : randomPattern(r, REGEX_TOKENS, 10)),
        ].join(","));
      const text = "pattern,category,target,exclude_before\n" + rows.join("\n") +
        "\n".repeat(Math.floor(r() * 3));
      const lex = await parseLexicon(text, file);
      for (const e of lex.entries) {
        for (const t of adversarialTexts(e.pattern)) framingHits(t, lex);
      }
    } else if (kind === "rules") {
      file = "rules.csv";
      const pattern = randomPattern(r, REGEX_TOKENS, 12);
      const text = RULES_HEADER + `fz,footer,regex,${field(r, pattern)},drop,true,\n`;
      const rules = cleaningRulesFromCsv(text, file);
      for (const t of adversarialTexts(pattern)) cleanArticle(`Title\n${t}\nBody.`, rules);
    } else {
      file = `${tmp}/corpus-${kind}-${index}.csv`;
      const rows = Array.from(
        { length: Math.floor(r() * 6) },
        (_, i) =>
          [`a${i}`, field(r, randomText(r, 3)), field(r, "2024-06-01"), field(r, randomText(r, 20))]
            .join(","),
      );
      const text = "id,outlet,published,text\n" + rows.join(r() < 0.5 ? "\n" : "\r\n");
      await Deno.writeFile(
        file,
        r() < 0.1 ? randomBytes(r, 200) : new TextEncoder().encode(text),
      );
      try {
        for await (const _ of readCsvBatches(file, { batchSize: 2, chunkBytes: 7 })) {
          // read every batch
        }
      } finally {
        await Deno.remove(file);
      }
    }
    return done("results");
  } catch (e) {
    return named(e, file)
      ? done("named error", (e as Error).message)
      : done("failure", e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e));
  }
}
