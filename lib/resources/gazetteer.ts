/**
 * The source gazetteer: who can be cited, as data.
 *
 * - `data/sources.csv`: one named source per row,
 *   `id,name,aliases,type,country,kind,gender,descriptions` (`gender`: m, f or empty, for he/she).
 *   `aliases` and `descriptions` are `|`-separated; `aliases` are matched case-sensitively as
 *   whole words (the longest first), `descriptions` are the phrases that refer back to the source
 *   ("Russian leader" → Putin) and are matched case-insensitively. `country` is an ISO 3166
 *   alpha-2 code (or several joined by `|`, or empty); `kind` is `person` or `organisation`.
 * - `data/source_roles.csv` (`phrase,type,kind`): role words that type a source the gazetteer
 *   lacks by its description ("head of the Center for Military and Legal Studies" → expert).
 * - `data/source_countries.csv` (`word,country`): country words of descriptions
 *   ("US and South Korean officials" → US|KR).
 * - `data/governments.csv` (`name,country,kind,source`): states as collective speakers. A row
 *   of kind `country`, `capital` or `seat` ("Russia", "Moscow", "the Kremlin") is an alias of
 *   the country's government (type `government`, id `gov_<code>`); every row (and kind
 *   `demonym`, "Russian") is also a country word.
 * - `data/outlets.csv` (`name,aliases,type,country,source`): news outlets and agencies of many
 *   countries (id `outlet_<name>`). A row sharing an alias with `data/sources.csv` is left out
 *   (the sources file describes that outlet).
 * - `data/outlet_shapes.csv` (`word,type,source`): the last words of outlet names ("Times",
 *   "News", "Agency") that type an outlet the gazetteer lacks: "the Riverside Times" (a
 *   capitalised word, then the shape word, capitalised).
 * - `data/cues.csv`: the cue lexicon (see `cues.ts`).
 *
 * Aliases are matched on word boundaries, the longest first, and case-insensitively when every
 * word keeps the case of its first letter ("Ria Novosti" for "RIA Novosti", "Tass" for "TASS"),
 * except aliases of three letters or fewer ("AP", "Kim"), which must match exactly.
 *
 * @module
 */
import { type CsvRow, readCsvRows } from "../io/csv.ts";
import {
  buildCueLexicon,
  CUE_COLUMNS,
  type CueLexicon,
  defaultDataPath,
  normalisePhrase,
} from "./cues.ts";
import { buildPhraseScanner, type WordScanner } from "../text/patterns.ts";
import { sha256Hex } from "../io/hash.ts";
import { remembered } from "../text/memo.ts";

/** The type of a source. */
export type SourceType =
  | "state_media"
  | "news_agency"
  | "other_media"
  | "official"
  | "government"
  | "expert_or_think_tank"
  | "document"
  | "unnamed"
  | "other";

/** Every source type, in display order. */
export const SOURCE_TYPES: readonly SourceType[] = [
  "state_media",
  "news_agency",
  "other_media",
  "official",
  "government",
  "expert_or_think_tank",
  "document",
  "unnamed",
  "other",
];

/** Whether a named source is a person or an organisation. */
export type SourceKind = "person" | "organisation";

/** One named source of the gazetteer. */
export interface SourceEntry {
  id: string;
  name: string;
  aliases: string[];
  type: SourceType;
  /** ISO alpha-2 code(s) joined by `|`, or null. */
  country: string | null;
  kind: SourceKind;
  /** Lower-case phrases that refer to this source ("russian leader"). */
  descriptions: string[];
  /** m or f for a person when known (for he/she), else null. */
  gender: "m" | "f" | null;
}

/** A role word that types an unknown source by its description. */
export interface SourceRole {
  /** Lower-case word or phrase. */
  phrase: string;
  type: SourceType;
  /**
   * What the role word denotes: one person, an organisation, a group, a document, or `modifier`
   * (a word that may stand inside a source's noun phrase, "senior", "deputy", but types nothing).
   */
  kind: "person" | "organisation" | "group" | "document" | "modifier";
}

/** The gazetteer with its compiled matchers and the sha256 of every file it was read from. */
export interface Gazetteer {
  entries: SourceEntry[];
  byId: Map<string, SourceEntry>;
  /** Entry by alias (exact text). */
  byAlias: Map<string, SourceEntry>;
  /** Entry by lower-case alias (see {@linkcode aliasEntry}). */
  byAliasFolded: Map<string, SourceEntry>;
  /** Source type by the last word of an outlet name ("Times"), from `data/outlet_shapes.csv`. */
  outletShapes: Map<string, SourceType>;
  /**
   * Every alias as a whole word, the longest first, case-insensitively (see
   * {@linkcode aliasEntry} for the case an alias must keep).
   */
  aliasScanner: WordScanner;
  roles: SourceRole[];
  /** Role by lower-case phrase. */
  roleByPhrase: Map<string, SourceRole>;
  /**
   * Global case-insensitive expression over every role phrase as a whole word, longest first
   * (the `regex` of a {@linkcode buildPhraseScanner}).
   */
  rolePattern: RegExp;
  /** Lower-case words that may stand in a source's noun phrase: the words of every role phrase. */
  nounPhraseWords: Set<string>;
  /** Country code by country word (exact text). */
  countryByWord: Map<string, string>;
  /** Global expression over every country word as a whole word (case kept), longest first. */
  countryPattern: RegExp;
  cues: CueLexicon;
  /** sha256 (hex) of each file read, by path; empty when built from memory. */
  hashes: Record<string, string>;
}

/** The rows of the gazetteer tables, as read from CSV (the last three are optional). */
export interface GazetteerTables {
  sources: readonly CsvRow[];
  roles: readonly CsvRow[];
  countries: readonly CsvRow[];
  cues: readonly CsvRow[];
  governments?: readonly CsvRow[];
  outlets?: readonly CsvRow[];
  outletShapes?: readonly CsvRow[];
}

/** Paths of the gazetteer files; each defaults to the repository's `data/` file. */
export interface GazetteerPaths {
  roles?: string;
  countries?: string;
  cues?: string;
  governments?: string;
  outlets?: string;
  outletShapes?: string;
}

/** The columns of `data/governments.csv`. */
export const GOVERNMENT_COLUMNS: readonly string[] = ["name", "country", "kind", "source"];
/** The columns of `data/outlets.csv`. */
export const OUTLET_COLUMNS: readonly string[] = ["name", "aliases", "type", "country", "source"];
/** The columns of `data/outlet_shapes.csv`. */
export const OUTLET_SHAPE_COLUMNS: readonly string[] = ["word", "type", "source"];
const GOVERNMENT_KINDS = ["country", "capital", "seat", "demonym"] as const;
const MEDIA_TYPES: readonly SourceType[] = ["state_media", "news_agency", "other_media"];
/** Descriptions that refer back to an outlet of `data/outlets.csv`, by type. */
const OUTLET_DESCRIPTIONS: Record<string, string[]> = {
  news_agency: ["agency", "news agency", "wire service"],
  state_media: [
    "agency",
    "news agency",
    "state media",
    "state news agency",
    "broadcaster",
    "state broadcaster",
    "newspaper",
    "outlet",
    "channel",
  ],
  other_media: [
    "newspaper",
    "paper",
    "outlet",
    "publication",
    "broadcaster",
    "network",
    "channel",
    "daily",
    "magazine",
    "website",
  ],
};

/** The columns of the sources CSV file. */
export const SOURCE_COLUMNS: readonly string[] = [
  "id",
  "name",
  "aliases",
  "type",
  "country",
  "kind",
  "gender",
  "descriptions",
];
const ROLE_KINDS = ["person", "organisation", "group", "document", "modifier"] as const;
const COUNTRY_RE = /^[A-Z]{2}(\|[A-Z]{2})*$/;

function field(row: CsvRow, name: string): string {
  return (row[name] ?? "").trim();
}

function splitList(value: string): string[] {
  return value.split("|").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * Validates gazetteer tables and compiles their matchers. `files` names the sources in error
 * messages (defaults: the repository's file names). A malformed row is an error naming the file,
 * the line (the header is line 1) and the field to fix.
 *
 * @example
 * ```ts
 * const gaz = buildGazetteer({
 *   sources: [{ id: "kcna", name: "KCNA", aliases: "KCNA", type: "state_media", country: "KP",
 *     kind: "organisation", gender: "", descriptions: "agency" }],
 *   roles: [], countries: [],
 *   cues: [{ cue: "said", pattern: "verb", category: "speech", complement: "any" }],
 * });
 * gaz.byAlias.get("KCNA")?.type; // "state_media"
 * ```
 */
export function buildGazetteer(
  tables: GazetteerTables,
  files: {
    sources?: string;
    roles?: string;
    countries?: string;
    cues?: string;
    governments?: string;
    outlets?: string;
    outletShapes?: string;
  } = {},
): Gazetteer {
  const sourcesFile = files.sources ?? "data/sources.csv";
  const entries: SourceEntry[] = [];
  const byId = new Map<string, SourceEntry>();
  const byAlias = new Map<string, SourceEntry>();
  tables.sources.forEach((row, i) => {
    const line = i + 2;
    const id = field(row, "id");
    const where = `${sourcesFile} line ${line}${id ? ` (id "${id}")` : ""}`;
    if (id === "") throw new Error(`${where}: field "id" is empty; give a unique identifier`);
    if (!/^[a-z0-9_]+$/.test(id)) {
      throw new Error(`${where}: field "id" must be lower-case letters, digits and _`);
    }
    if (byId.has(id)) throw new Error(`${where}: id "${id}" is used twice; ids must be unique`);
    const name = field(row, "name");
    if (name === "") throw new Error(`${where}: field "name" is empty; give the canonical name`);
    const type = field(row, "type");
    if (!SOURCE_TYPES.includes(type as SourceType)) {
      throw new Error(
        `${where}: field "type" is "${type}"; use one of ${SOURCE_TYPES.join(", ")}`,
      );
    }
    const country = field(row, "country");
    if (country !== "" && !COUNTRY_RE.test(country)) {
      throw new Error(
        `${where}: field "country" is "${country}"; use ISO alpha-2 codes (RU, KP, US|KR) or leave it empty`,
      );
    }
    const kind = field(row, "kind");
    if (kind !== "person" && kind !== "organisation") {
      throw new Error(`${where}: field "kind" is "${kind}"; use person or organisation`);
    }
    const gender = field(row, "gender");
    if (gender !== "" && gender !== "m" && gender !== "f") {
      throw new Error(`${where}: field "gender" is "${gender}"; use m, f or leave it empty`);
    }
    if (gender !== "" && kind !== "person") {
      throw new Error(`${where}: field "gender" is set but kind is ${kind}; only a person has one`);
    }
    const aliases = splitList(field(row, "aliases"));
    if (!aliases.includes(name)) aliases.push(name);
    const entry: SourceEntry = {
      id,
      name,
      aliases,
      type: type as SourceType,
      country: country === "" ? null : country,
      kind,
      descriptions: splitList(field(row, "descriptions")).map(normalisePhrase),
      gender: gender === "" ? null : gender,
    };
    for (const alias of aliases) {
      const other = byAlias.get(alias);
      if (other && other.id !== id) {
        throw new Error(
          `${where}: field "aliases": "${alias}" is already an alias of "${other.id}"; an alias names one source`,
        );
      }
      byAlias.set(alias, entry);
    }
    entries.push(entry);
    byId.set(id, entry);
  });

  const rolesFile = files.roles ?? "data/source_roles.csv";
  const roles: SourceRole[] = [];
  const roleByPhrase = new Map<string, SourceRole>();
  tables.roles.forEach((row, i) => {
    const where = `${rolesFile} line ${i + 2}`;
    const phrase = normalisePhrase(field(row, "phrase"));
    if (phrase === "") throw new Error(`${where}: field "phrase" is empty`);
    const type = field(row, "type");
    if (!SOURCE_TYPES.includes(type as SourceType)) {
      throw new Error(
        `${where} (phrase "${phrase}"): field "type" is "${type}"; use one of ${
          SOURCE_TYPES.join(", ")
        }`,
      );
    }
    const kind = field(row, "kind");
    if (!(ROLE_KINDS as readonly string[]).includes(kind)) {
      throw new Error(
        `${where} (phrase "${phrase}"): field "kind" is "${kind}"; use one of ${
          ROLE_KINDS.join(", ")
        }`,
      );
    }
    if (roleByPhrase.has(phrase)) {
      throw new Error(`${where}: phrase "${phrase}" is listed twice; keep one row`);
    }
    const role: SourceRole = { phrase, type: type as SourceType, kind: kind as SourceRole["kind"] };
    roles.push(role);
    roleByPhrase.set(phrase, role);
  });

  const countriesFile = files.countries ?? "data/source_countries.csv";
  const countryByWord = new Map<string, string>();
  tables.countries.forEach((row, i) => {
    const where = `${countriesFile} line ${i + 2}`;
    const word = field(row, "word");
    const country = field(row, "country");
    if (word === "") throw new Error(`${where}: field "word" is empty`);
    if (!/^[A-Z]{2}$/.test(country)) {
      throw new Error(
        `${where} (word "${word}"): field "country" is "${country}"; use one ISO alpha-2 code`,
      );
    }
    countryByWord.set(word, country);
    countryByWord.set(word.replace(/’/g, "'"), country);
  });

  // Outlets: one entry per row, unless an alias is the sources file's.
  const outletsFile = files.outlets ?? "data/outlets.csv";
  (tables.outlets ?? []).forEach((row, i) => {
    const name = field(row, "name");
    const where = `${outletsFile} line ${i + 2}${name ? ` ("${name}")` : ""}`;
    if (name === "") throw new Error(`${where}: field "name" is empty; give the outlet's name`);
    const type = field(row, "type") as SourceType;
    if (!MEDIA_TYPES.includes(type)) {
      throw new Error(`${where}: field "type" is "${type}"; use one of ${MEDIA_TYPES.join(", ")}`);
    }
    const country = field(row, "country");
    if (country !== "" && !COUNTRY_RE.test(country)) {
      throw new Error(
        `${where}: field "country" is "${country}"; use ISO alpha-2 codes or leave it empty`,
      );
    }
    const aliases = [name, ...splitList(field(row, "aliases")).filter((a) => a !== name)];
    if (aliases.some((a) => byAlias.has(a))) {
      const other = byAlias.get(aliases.find((a) => byAlias.has(a))!)!;
      if (other.id.startsWith("outlet_")) {
        throw new Error(
          `${where}: an alias is already one of "${other.name}" (line of ${other.id}); an alias names one outlet`,
        );
      }
      return;
    }
    let id = "outlet_" + slugOf(name);
    for (let k = 2; byId.has(id); k++) id = `outlet_${slugOf(name)}_${k}`;
    const entry: SourceEntry = {
      id,
      name,
      aliases,
      type,
      country: country === "" ? null : country,
      kind: "organisation",
      descriptions: OUTLET_DESCRIPTIONS[type] ?? [],
      gender: null,
    };
    for (const a of aliases) byAlias.set(a, entry);
    entries.push(entry);
    byId.set(id, entry);
  });

  // Governments: one entry per country, with its names, capital and seats as aliases.
  const governmentsFile = files.governments ?? "data/governments.csv";
  (tables.governments ?? []).forEach((row, i) => {
    const name = field(row, "name");
    const where = `${governmentsFile} line ${i + 2}${name ? ` ("${name}")` : ""}`;
    if (name === "") throw new Error(`${where}: field "name" is empty`);
    const country = field(row, "country");
    if (!/^[A-Z]{2}$/.test(country)) {
      throw new Error(`${where}: field "country" is "${country}"; use one ISO alpha-2 code`);
    }
    const kind = field(row, "kind");
    if (!(GOVERNMENT_KINDS as readonly string[]).includes(kind)) {
      throw new Error(
        `${where}: field "kind" is "${kind}"; use one of ${GOVERNMENT_KINDS.join(", ")}`,
      );
    }
    for (const w of [name, name.replace(/’/g, "'")]) {
      if (!countryByWord.has(w)) countryByWord.set(w, country);
    }
    if (kind === "demonym" || byAlias.has(name)) return;
    const id = `gov_${country.toLowerCase()}`;
    let entry = byId.get(id);
    if (entry === undefined) {
      entry = {
        id,
        name,
        aliases: [],
        type: "government",
        country,
        kind: "organisation",
        descriptions: ["government", "country", "state", "administration"],
        gender: null,
      };
      entries.push(entry);
      byId.set(id, entry);
    }
    entry.aliases.push(name);
    byAlias.set(name, entry);
  });

  const shapesFile = files.outletShapes ?? "data/outlet_shapes.csv";
  const outletShapes = new Map<string, SourceType>();
  (tables.outletShapes ?? []).forEach((row, i) => {
    const word = field(row, "word");
    const where = `${shapesFile} line ${i + 2}`;
    if (!/^\p{Lu}\S*$/u.test(word)) {
      throw new Error(`${where}: field "word" is "${word}"; give one capitalised word`);
    }
    const type = field(row, "type") as SourceType;
    if (!MEDIA_TYPES.includes(type)) {
      throw new Error(
        `${where} (word "${word}"): field "type" is "${type}"; use one of ${
          MEDIA_TYPES.join(", ")
        }`,
      );
    }
    outletShapes.set(word, type);
  });

  const byAliasFolded = new Map<string, SourceEntry>();
  for (const [alias, entry] of byAlias) {
    const key = alias.toLowerCase().replace(/’/g, "'");
    if (!byAliasFolded.has(key)) byAliasFolded.set(key, entry);
  }

  return {
    entries,
    byId,
    byAlias,
    byAliasFolded,
    outletShapes,
    aliasScanner: buildPhraseScanner(byAlias.keys()),
    roles,
    roleByPhrase,
    rolePattern: buildPhraseScanner(roleByPhrase.keys()).regex,
    nounPhraseWords: new Set([...roleByPhrase.keys()].flatMap((p) => p.split(" "))),
    countryByWord,
    countryPattern: buildPhraseScanner(countryByWord.keys(), { ignoreCase: false }).regex,
    cues: buildCueLexicon(tables.cues, files.cues ?? "data/cues.csv"),
    hashes: {},
  };
}

/**
 * sha256 (lower-case hex) of a file's bytes.
 *
 * @example
 * ```ts
 * const hex = await sha256File("data/sources.csv"); // 64 hex digits
 * ```
 */
export async function sha256File(path: string): Promise<string> {
  return await sha256Hex(await Deno.readFile(path));
}

/**
 * Loads the gazetteer: `path` is the sources CSV (default `data/sources.csv` of the repository);
 * the role, country and cue tables default to the repository's `data/` files. The result carries
 * the sha256 of each file read (`hashes`), to report alongside results.
 *
 * @example
 * ```ts
 * const gaz = await loadGazetteer();
 * gaz.byAlias.get("KCNA")?.id; // "kcna"
 * ```
 */
export async function loadGazetteer(path?: string, paths: GazetteerPaths = {}): Promise<Gazetteer> {
  const files = {
    sources: path ?? defaultDataPath("sources.csv"),
    roles: paths.roles ?? defaultDataPath("source_roles.csv"),
    countries: paths.countries ?? defaultDataPath("source_countries.csv"),
    cues: paths.cues ?? defaultDataPath("cues.csv"),
    governments: paths.governments ?? defaultDataPath("governments.csv"),
    outlets: paths.outlets ?? defaultDataPath("outlets.csv"),
    outletShapes: paths.outletShapes ?? defaultDataPath("outlet_shapes.csv"),
  };
  const gaz = buildGazetteer({
    sources: readCsvRows(files.sources, SOURCE_COLUMNS),
    roles: readCsvRows(files.roles, ["phrase", "type", "kind"]),
    countries: readCsvRows(files.countries, ["word", "country"]),
    cues: readCsvRows(files.cues, CUE_COLUMNS),
    governments: readCsvRows(files.governments, GOVERNMENT_COLUMNS),
    outlets: readCsvRows(files.outlets, OUTLET_COLUMNS),
    outletShapes: readCsvRows(files.outletShapes, OUTLET_SHAPE_COLUMNS),
  }, files);
  for (const file of Object.values(files)) gaz.hashes[file] = await sha256File(file);
  return gaz;
}

/**
 * The country codes named by country words in `text`, sorted and joined by `|`, or null.
 *
 * @example
 * ```ts
 * countriesIn(gaz, "US and South Korean officials"); // "KR|US"
 * ```
 */
export function countriesIn(gaz: Gazetteer, text: string): string | null {
  return remembered(
    phraseMemo(gaz).countries,
    text,
    MEMO_LIMIT,
    (t) => countriesInUncached(gaz, t),
  );
}

/**
 * The results of {@linkcode roleOf} and {@linkcode countriesIn} by text, for one gazetteer: the
 * texts are short source phrases that repeat across a corpus. Kept while the gazetteer holds the
 * same expressions and tables (a gazetteer is not meant to change once built).
 */
interface PhraseMemo {
  rolePattern: RegExp;
  roleByPhrase: Map<string, SourceRole>;
  countryPattern: RegExp;
  countryByWord: Map<string, string>;
  roles: Map<string, SourceRole | null>;
  countries: Map<string, string | null>;
}

const phraseMemos = new WeakMap<Gazetteer, PhraseMemo>();
const MEMO_LIMIT = 50_000;

function phraseMemo(gaz: Gazetteer): PhraseMemo {
  let memo = phraseMemos.get(gaz);
  if (
    memo === undefined || memo.rolePattern !== gaz.rolePattern ||
    memo.roleByPhrase !== gaz.roleByPhrase || memo.countryPattern !== gaz.countryPattern ||
    memo.countryByWord !== gaz.countryByWord
  ) {
    memo = {
      rolePattern: gaz.rolePattern,
      roleByPhrase: gaz.roleByPhrase,
      countryPattern: gaz.countryPattern,
      countryByWord: gaz.countryByWord,
      roles: new Map(),
      countries: new Map(),
    };
    phraseMemos.set(gaz, memo);
  }
  return memo;
}

function countriesInUncached(gaz: Gazetteer, text: string): string | null {
  const codes = new Set<string>();
  for (const m of text.matchAll(gaz.countryPattern)) {
    const code = gaz.countryByWord.get(m[0]) ?? gaz.countryByWord.get(m[0].replace(/\s+/g, " "));
    if (code) codes.add(code);
  }
  return codes.size === 0 ? null : [...codes].sort().join("|");
}

/** Precedence of role types when a description holds several role words. */
const ROLE_PRECEDENCE: readonly SourceType[] = [
  "state_media",
  "news_agency",
  "expert_or_think_tank",
  "official",
  "government",
  "other_media",
  "document",
  "unnamed",
  "other",
];

/**
 * The role words of a description, and the source type they give (state media first, then news
 * agencies, experts, officials, other media, documents), or null when it has none.
 *
 * @example
 * ```ts
 * roleOf(gaz, "head of the Center for Military and Legal Studies")?.type; // "expert_or_think_tank"
 * ```
 */
export function roleOf(gaz: Gazetteer, text: string): SourceRole | null {
  return remembered(phraseMemo(gaz).roles, text, MEMO_LIMIT, (t) => roleOfUncached(gaz, t));
}

function roleOfUncached(gaz: Gazetteer, text: string): SourceRole | null {
  let best: SourceRole | null = null;
  for (const m of text.matchAll(gaz.rolePattern)) {
    const role = gaz.roleByPhrase.get(normalisePhrase(m[0]));
    if (!role || role.kind === "modifier") continue;
    if (!best || ROLE_PRECEDENCE.indexOf(role.type) < ROLE_PRECEDENCE.indexOf(best.type)) {
      best = role;
    }
  }
  return best;
}

function slugOf(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "x";
}

/**
 * The entry of an alias match: the alias as written, else the alias whose words start with
 * letters of the same case ("Ria Novosti" for "RIA Novosti"; not "The independent" for "The
 * Independent"), for aliases longer than three letters. Null when none.
 *
 * @example
 * ```ts
 * aliasEntry(gaz, "Ria Novosti")?.id; // "ria_novosti"
 * aliasEntry(gaz, "ap"); // null
 * ```
 */
export function aliasEntry(gaz: Gazetteer, matched: string): SourceEntry | null {
  const exact = gaz.byAlias.get(matched) ?? gaz.byAlias.get(matched.replace(/'/g, "’"));
  if (exact) return exact;
  const entry = gaz.byAliasFolded.get(matched.toLowerCase().replace(/’/g, "'"));
  if (!entry) return null;
  const words = matched.split(/\s+/);
  const alias = entry.aliases.find((a) =>
    a.length > 3 && a.toLowerCase().replace(/’/g, "'") === matched.toLowerCase().replace(/’/g, "'")
  );
  if (!alias) return null;
  const aliasWords = alias.split(/\s+/);
  const upper = (w: string) => /^\p{Lu}/u.test(w);
  const the = (w: string) => w === "the" || w === "The";
  return words.length === aliasWords.length &&
      words.every((w, i) => upper(w) === upper(aliasWords[i]) || (i === 0 && the(w)))
    ? entry
    : null;
}

/**
 * The media type an outlet name's shape gives ("the Riverside Times" → other_media, "Baltic
 * News Agency" → news_agency): a capitalised word other than "The" before a last word listed in
 * `data/outlet_shapes.csv`. Null when the phrase has no such shape.
 *
 * @example
 * ```ts
 * outletShapeType(gaz, "the Riverside Times"); // "other_media"
 * outletShapeType(gaz, "the times"); // null
 * ```
 */
export function outletShapeType(gaz: Gazetteer, phrase: string): SourceType | null {
  const words = phrase.trim().split(/\s+/);
  const last = words[words.length - 1].replace(/[’']s$/, "");
  const type = gaz.outletShapes.get(last);
  if (type === undefined) return null;
  const before = words.slice(0, -1).filter((w) => !/^(the|The|a|A)$/.test(w));
  if (
    before.length === 0 || !before.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || /^(of|and|&)$/.test(w))
  ) {
    return null;
  }
  return type;
}
