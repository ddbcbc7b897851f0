/**
 * Source resolution of attribution extraction: a source phrase in, who it is out (gazetteer id,
 * name, type, country, entity, gender), or `resolved: false` when it cannot be told; never guessed.
 *
 * A gazetteer alias inside the phrase gives the entry (the last one: the head of "Kremlin
 * spokesman Dmitry Peskov"; a state only as the whole phrase). Pronouns resolve to the nearest
 * earlier person, a source first; definite descriptions ("the agency") to the nearest earlier
 * gazetteer source with that description or earlier source of the same role type; a name repeated
 * by one word to the earlier full name. Anonymous heads ("a source close to the Kremlin") and
 * unnamed plurals are `unnamed`; unknown names are typed by their description or outlet shape.
 *
 * @example
 * ```ts
 * hasName(await loadGazetteer(), "Oleksandr Kovalenko"); // true
 * ```
 *
 * @module
 */
import { phraseEndingAt } from "./noun_phrases.ts";
import type { Range } from "../text/segment.ts";
import {
  countriesIn,
  type Gazetteer,
  outletShapeType,
  roleOf,
  type SourceEntry,
  type SourceType,
} from "../resources/gazetteer.ts";
import { normalisePhrase } from "../resources/cues.ts";
import { remembered } from "../text/memo.ts";
import { escapeRegExp } from "../text/patterns.ts";
import { firstAtOrAfter } from "../text/search.ts";
import type { TextIndex } from "./text_index.ts";

/** {@linkcode titledNameRegex} by head word. */
const TITLED_NAME = new Map<string, RegExp>();

/**
 * A name (one to three capitalised words) written after `head` as a title ("Chairman Ilhan
 * Dost"): the name is group 1. Global: used with `matchAll`, which copies it.
 */
function titledNameRegex(head: string): RegExp {
  // Every character literal ("ex-girlfriend": a `\-` outside a class is an error under the u
  // flag); the first either case when it has two.
  const first = head[0];
  const initial = first.toUpperCase() !== first.toLowerCase()
    ? `[${first.toUpperCase()}${first.toLowerCase()}]`
    : escapeRegExp(first);
  const word = `${initial}${escapeRegExp(head.slice(1))}`;
  return new RegExp(
    `(?<![\\p{L}])${word}\\s+((?:\\p{Lu}[\\p{L}’'-]+\\s+){0,2}\\p{Lu}[\\p{L}’'-]+)`,
    "gu",
  );
}

/** Who a source phrase is: a gazetteer entry, a typed unknown name, or unresolved. */
export interface Resolution {
  id: string | null;
  name: string | null;
  type: SourceType | null;
  country: string | null;
  resolved: boolean;
  /** person, organisation or group, for pronoun compatibility. */
  entity: "person" | "organisation" | "group" | null;
  /** m or f when the gazetteer says so, for he/she; null when unknown. */
  gender: "m" | "f" | null;
}

/** A source that cannot be told: every field null, `resolved` false (a new object each time). */
function unresolved(): Resolution {
  return {
    id: null,
    name: null,
    type: null,
    country: null,
    resolved: false,
    entity: null,
    gender: null,
  };
}

/** How many sentences back a pronoun or description looks for its antecedent. */
const ANTECEDENT_SENTENCES = 60;

/**
 * An attribution's source as resolution sees it: the source phrase and its kind, a description
 * ("…, an expert"), the attribution whose speaker it continues, and its resolution once made.
 */
export interface SourceClaim {
  src: Range | null;
  srcKind: "pronoun" | "phrase" | null;
  desc: Range | null;
  inherit: SourceClaim | null;
  res: Resolution | null;
}

/**
 * Resolves source phrases over a {@linkcode TextIndex}: gazetteer aliases, pronouns and "who"
 * (nearest earlier person), definite descriptions (nearest earlier compatible source), a name
 * repeated by one word, anonymous heads, and unknown names typed by their description.
 * `earlier(si)` gives the attributions whose source starts in sentence `si`, already resolved
 * when they come before the one being resolved.
 *
 * @example
 * ```ts
 * const text = "Vladimir Putin arrived. He said it was a great day.";
 * const gaz = await loadGazetteer();
 * const resolver = new SourceResolver(new TextIndex(text, gaz), () => []);
 * resolver.resolve({ src: [24, 26], srcKind: "pronoun", desc: null, inherit: null, res: null })
 *   .id; // "putin"
 * ```
 */
export class SourceResolver {
  constructor(
    readonly index: TextIndex,
    readonly earlier: (sentence: number) => readonly SourceClaim[],
  ) {}

  /**
   * The resolution of an attribution's source phrase (or of the attribution it inherits its
   * speaker from; unresolved when it has no source).
   */
  resolve(r: SourceClaim): Resolution {
    if (r.inherit) {
      const base = r.inherit.res ?? this.resolve(r.inherit);
      return { ...base };
    }
    if (!r.src) {
      return unresolved();
    }
    const [s, e] = r.src;
    const phrase = this.index.text.slice(s, e);
    const lower = phrase.toLowerCase();
    const descText = r.desc ? this.index.text.slice(r.desc[0], r.desc[1]) : "";
    // A gazetteer name in the phrase (the last one: the head of "Kremlin spokesman Dmitry Peskov").
    // An anonymous head: "a source close to the Kremlin", "officials at the Pentagon",
    // "government sources", "a South Korean military official".
    // A share of a group (a poll's respondents): "42% of voters", "Most Democrats", "About 4 in
    // 10 Americans", "a majority of residents" are anonymous people.
    if (
      r.srcKind !== "pronoun" && (SHARE_OF_PEOPLE.test(phrase) || this.anonymousHead(phrase))
    ) {
      return {
        id: null,
        name: phrase,
        type: "unnamed",
        country: countriesIn(this.index.gaz, phrase + " " + descText),
        resolved: true,
        entity: "group",
        gender: null,
      };
    }
    // A government counts only as the whole phrase ("Washington", "the Kremlin"), not as a
    // modifier ("US officials", "Russia's defence ministry").
    // A name followed by a role word is a modifier too: "the Biden administration", "Putin's
    // spokesman".
    // A possessive before a document stays the source: "the Kyiv Independent's figures".
    // A role word that describes the name itself is no modifier: "the official Xinhua news
    // agency" is Xinhua (one of its descriptions), "Putin's spokesman" is not Putin.
    const inside = this.index.mentionsWithin(s, e).filter((m) => {
      const after = this.index.text.slice(m.e, e);
      const role = roleOf(this.index.gaz, after);
      return role === null || (/^[’']s\s/.test(after) && role.kind === "document") ||
        m.entry.descriptions.includes(normalisePhrase(after));
    }).filter((m) =>
      m.entry.type !== "government" ||
      /^(?:(?:the|The)\s+)?$/.test(this.index.text.slice(s, m.s)) &&
        /^(?:\s*\(\p{Lu}+\))?$/u.test(this.index.text.slice(m.e, e))
    );
    if (inside.length > 0) return fromEntry(inside[inside.length - 1].entry);
    if (r.srcKind === "pronoun") {
      if (["he", "him"].includes(lower)) return this.antecedent(s, "m");
      if (["she", "her"].includes(lower)) return this.antecedent(s, "f");
      if (lower === "they") return this.groupAntecedent(s, false);
      if (lower === "it") return this.groupAntecedent(s, true);
      if (lower === "who") {
        const head = this.index.text.slice(Math.max(0, s - 200), s);
        const m = /,\s*$/.exec(head);
        if (m) {
          const toks = this.index.tokens(s - head.length, s - head.length + m.index);
          const np = phraseEndingAt(toks, toks.length - 1, this.index.vocab);
          if (np) {
            const inner = this.index.mentionsWithin(np.s, np.e);
            if (inner.length > 0) return fromEntry(inner[inner.length - 1].entry);
            return this.unknownName(this.index.text.slice(np.s, np.e), "");
          }
        }
      }
      return unresolved();
    }
    // "KCNA said … It also called …": it is the organisation that spoke before.
    if (lower === "it") return this.groupAntecedent(s, true);
    const det = /^(the|this|that)\s+/i.exec(phrase);
    const role = roleOf(this.index.gaz, phrase);
    const singular = role !== null && (role.kind === "person" || role.kind === "organisation");
    // "the Tarnovan leader", "the Labour leader": one capitalised modifier before a role word is a
    // description, not a name.
    if (det && singular && DESCRIPTION_SHAPE.test(phrase)) {
      const d = this.description(s, phrase.slice(det[0].length), role!.type, role!.kind);
      // Unresolved, a phrase with a name in it stays that name ("The Biden administration").
      if (d.resolved || !hasName(this.index.gaz, phrase)) return d;
    }
    if (hasName(this.index.gaz, phrase)) {
      return this.earlierSameName(s, phrase) ?? this.unknownName(phrase, descText);
    }
    if (det && singular) {
      return this.description(s, phrase.slice(det[0].length), role!.type, role!.kind);
    }
    // Unnamed, generic: "US and South Korean officials", "Russian news agencies"; a state's
    // institution ("South Korea's military", "Russian authorities") is its government.
    const type: SourceType = role &&
        (role.type === "state_media" || role.type === "document" || role.type === "government")
      ? role.type
      : "unnamed";
    return {
      id: null,
      name: phrase,
      type,
      country: countriesIn(this.index.gaz, phrase + " " + descText),
      resolved: true,
      entity: role
        ? (role.kind === "document" || role.kind === "modifier" ? null : role.kind)
        : "group",
      gender: null,
    };
  }

  /**
   * Whether the head of a source phrase is anonymous: the last word before a post-modifier
   * ("close to", "in", "at", "familiar with") is a role of type `unnamed` (source, sources,
   * people), or "official(s)" with no name before it.
   */
  anonymousHead(phrase: string): boolean {
    const cut = /\s(?:of|in|at|from|close to|familiar with|with|for|inside|within|near)\s/i.exec(
      phrase,
    );
    const first = cut ? phrase.slice(0, cut.index) : phrase;
    const words = first.trim().split(/\s+/);
    const last = (words[words.length - 1] ?? "").toLowerCase().replace(/[’']s$/, "");
    const role = this.index.gaz.roleByPhrase.get(last);
    if (role?.type === "unnamed") return true;
    return (last === "official" || last === "officials") && !hasName(this.index.gaz, first);
  }

  /**
   * A name written again by its last word ("Hayashi" after "Chief Cabinet Secretary Yoshimasa
   * Hayashi"): the resolution of the nearest earlier source whose name ends with that word.
   */
  earlierSameName(pos: number, phrase: string): Resolution | null {
    const words = phrase.trim().split(/\s+/);
    if (words.length !== 1 || !/^\p{Lu}/u.test(words[0])) return null;
    const word = words[0];
    const here = this.index.sentenceIndex(pos);
    const lowest = Math.max(0, here - ANTECEDENT_SENTENCES);
    for (let si = here; si >= lowest; si--) {
      const list = this.earlier(si);
      for (let i = list.length - 1; i >= 0; i--) {
        const r = list[i];
        if (!r.res || !r.src || r.src[0] >= pos || !r.res.resolved || r.res.name === null) {
          continue;
        }
        const name = r.res.name.trim().split(/\s+/);
        // The last word, or the one before it (family name first: "Lin" of "… Lin Jian").
        if (name.length >= 2 && name.slice(-2).includes(word)) return { ...r.res };
      }
    }
    return null;
  }

  unknownName(phrase: string, desc: string): Resolution {
    const shape = outletShapeType(this.index.gaz, phrase);
    if (shape !== null) {
      return {
        id: null,
        name: phrase,
        type: shape,
        country: countriesIn(this.index.gaz, phrase + " " + desc),
        resolved: true,
        entity: "organisation",
        gender: null,
      };
    }
    const role = roleOf(this.index.gaz, phrase + " , " + desc);
    const words = phrase.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
    // "An SNP defence spokesman": an indefinite person is anonymous.
    const indefinite = /^(?:a|an|one)\s/i.test(phrase) && role !== null && role.kind === "person";
    return {
      id: null,
      name: phrase,
      type: indefinite ? "unnamed" : role ? role.type : null,
      country: countriesIn(this.index.gaz, phrase + " " + desc),
      resolved: true,
      entity: role && role.kind !== "document" && role.kind !== "modifier"
        ? role.kind
        : words.length >= 2 && words.length <= 4
        ? "person"
        : null,
      gender: null,
    };
  }

  /**
   * "they": the nearest earlier source in this sentence or the one before that is a group or an
   * organisation ("Officials in Seoul condemned what they called …"); "it" (`single`): one that
   * is an organisation, a government, a medium or a document. Unresolved when none.
   */
  groupAntecedent(pos: number, single: boolean): Resolution {
    const here = this.index.sentenceIndex(pos);
    let best: SourceClaim | null = null;
    for (let si = here; si >= Math.max(0, here - 1) && !best; si--) {
      for (const r of this.earlier(si)) {
        if (!r.res?.resolved || !r.src || r.src[0] >= pos || r.srcKind === "pronoun") continue;
        const group = single
          ? r.res.entity === "organisation" ||
            (r.res.entity !== "person" && r.res.entity !== "group" && r.res.type !== null &&
              SINGLE_BODY_TYPES.has(r.res.type))
          : r.res.entity === "group" || r.res.entity === "organisation" ||
            r.res.type === "government";
        if (group && (!best || r.src[0] > best.src![0])) best = r;
      }
    }
    return best ? { ...best.res! } : unresolved();
  }

  /** The nearest earlier person: in the nearest sentence with one, a source first. */
  antecedent(pos: number, gender: "m" | "f"): Resolution {
    const here = this.index.sentenceIndex(pos);
    let bestSentence = -1;
    let pick: Resolution | null = null;
    let pickIsSource = false;
    let pickPos = Infinity;
    const consider = (at: number, res: Resolution, isSource: boolean) => {
      // A source named by one unknown capitalised word ("Varga boasted …") is a surname.
      const surname = isSource && res.entity === null && res.id === null && res.type === null &&
        /^\p{Lu}[\p{Ll}’'-]+$/u.test(res.name ?? "");
      if (
        at >= pos || (res.entity !== "person" && !surname) ||
        (res.gender !== null && res.gender !== gender)
      ) {
        return;
      }
      const si = this.index.sentenceIndex(at);
      if (si > here) return;
      if (si > bestSentence) {
        bestSentence = si;
        pick = res;
        pickIsSource = isSource;
        pickPos = at;
        return;
      }
      if (si < bestSentence) return;
      if ((isSource && !pickIsSource) || (isSource === pickIsSource && at < pickPos)) {
        pick = res;
        pickIsSource = isSource;
        pickPos = at;
      }
    };
    // Sentence by sentence backwards from `pos`, up to ANTECEDENT_SENTENCES back.
    const lowest = Math.max(0, here - ANTECEDENT_SENTENCES);
    for (let si = here; si >= lowest && bestSentence < 0; si--) {
      const [ss, se] = si >= 0 ? this.index.sentences[si] : [0, pos];
      for (
        let i = firstAtOrAfter(this.index.mentions, ss, (m) => m.s);
        i < this.index.mentions.length;
        i++
      ) {
        const m = this.index.mentions[i];
        if (m.s >= pos || m.s >= se) break;
        consider(m.s, fromEntry(m.entry), false);
      }
      for (const r of this.earlier(si)) {
        if (!r.res || !r.src || r.src[0] >= pos || r.srcKind === "pronoun" && !r.res.resolved) {
          continue;
        }
        consider(r.src[0], r.res, true);
      }
      // "Dost has reacted. In a statement, he …": a name opening an earlier sentence as its
      // subject, when that sentence has no person otherwise.
      if (bestSentence < 0 && si >= 0 && si < here) {
        const subject = this.subjectName(si);
        if (subject) consider(subject.at, subject.res, false);
      }
    }
    if (!pick) {
      return unresolved();
    }
    return { ...(pick as Resolution) };
  }

  /**
   * A name the gazetteer lacks opening sentence `si` as its subject ("Dost has reacted.",
   * "President Aurel Varga spoke for an hour."), as a person, or null.
   */
  subjectName(si: number): { at: number; res: Resolution } | null {
    const [ss, se] = this.index.sentences[si];
    const m = NAME_SUBJECT.exec(this.index.text.slice(ss, Math.min(se, ss + 120)));
    const name = m?.[1];
    if (!name || NOT_NAME_OPENERS.has(name.split(" ")[0]) || !hasName(this.index.gaz, name)) {
      return null;
    }
    const at = ss + m!.index + m![0].indexOf(name);
    if (this.index.mentionsWithin(at, at + name.length).length > 0) return null;
    return { at, res: { ...this.unknownName(name, ""), entity: "person" } };
  }

  /**
   * The nearest earlier name (one to three capitalised words) written after the descriptor's last
   * word as a title, within the antecedent window: "Chairman Ilhan Dost" for "the chairman".
   */
  titledName(pos: number, descriptor: string): Resolution | null {
    const head = descriptor.split(" ").pop() ?? "";
    if (!/^[\p{L}-]{3,}$/u.test(head)) return null;
    const here = this.index.sentenceIndex(pos);
    const lowest = Math.max(0, here - ANTECEDENT_SENTENCES);
    const from = lowest < this.index.sentences.length ? this.index.sentences[lowest][0] : 0;
    const re = remembered(TITLED_NAME, head, 10_000, titledNameRegex);
    let found: RegExpExecArray | null = null;
    for (const m of this.index.text.slice(from, pos).matchAll(re)) found = m;
    if (!found) return null;
    // The same person as an earlier source: that source's resolution ("Opposition leader Ivo
    // Brandt said …").
    const name = found[1];
    for (let si = here; si >= lowest; si--) {
      for (const r of this.earlier(si)) {
        if (r.res?.resolved && r.src && r.src[0] < pos && r.res.name?.endsWith(name)) {
          return { ...r.res };
        }
      }
    }
    return { ...this.unknownName(found[0], ""), entity: "person" };
  }

  /** "the agency", "the Russian leader", "the expert": nearest compatible earlier source. */
  description(pos: number, descriptor: string, type: SourceType, kind: string): Resolution {
    const d = descriptor.toLowerCase().replace(/\s+/g, " ").replace(/’/g, "'").trim();
    let best: Resolution | null = null;
    let bestPos = -1;
    const described = this.index.mentionsByDescription.get(d) ?? [];
    const mi = firstAtOrAfter(described, pos, (m) => m.s) - 1;
    if (mi >= 0) {
      best = fromEntry(described[mi].entry);
      bestPos = described[mi].s;
    }
    // "the Chairman", "the president" after "Chairman Ilhan Dost", "President Aurel Varga": the
    // nearest earlier name written with that title, before any other source of the same type.
    if (!best && kind === "person") best = this.titledName(pos, d);
    if (!best) {
      const here = this.index.sentenceIndex(pos);
      const lowest = Math.max(0, here - ANTECEDENT_SENTENCES);
      for (let si = here; si >= lowest && !best; si--) {
        for (const r of this.earlier(si)) {
          if (!r.res || !r.src || r.src[0] >= pos || !r.res.resolved || r.res.name === null) {
            continue;
          }
          if (r.res.type === type && r.res.entity === kind && r.src[0] > bestPos) {
            best = r.res;
            bestPos = r.src[0];
          }
        }
      }
    }
    // "President Aurel Varga spoke for an hour. “…,” the leader said.": a name of the same type
    // opening one of the three sentences before.
    if (!best && kind === "person") {
      const here = this.index.sentenceIndex(pos);
      for (let si = here - 1; si >= Math.max(0, here - 3) && !best; si--) {
        const subject = this.subjectName(si);
        if (subject && subject.res.type === type) best = subject.res;
      }
    }
    if (best) return { ...best };
    return {
      id: null,
      name: null,
      type,
      country: countriesIn(this.index.gaz, descriptor),
      resolved: false,
      entity: kind === "person" || kind === "organisation" ? kind : null,
      gender: null,
    };
  }
}

/** Source types an "it" may stand for. */
const SINGLE_BODY_TYPES: ReadonlySet<string> = new Set([
  "government",
  "state_media",
  "news_agency",
  "other_media",
  "document",
]);

/** A name (1–4 capitalised words) opening a sentence (after a time stamp) and a finite verb. */
const NAME_SUBJECT =
  /^\s*(?:\d{1,2}[:.]\d{2}\s+)?((?:\p{Lu}[\p{Ll}’'-]+\s+){0,3}\p{Lu}[\p{Ll}’'-]+)\s+(?:has|had|was|is|\p{Ll}+ed|\p{Ll}+s|spoke|met|went|came|made|took|gave|held|left|led|won|flew|saw|became|began|wrote|sent|kept|brought|sought|fought|struck|stood|sat|ran|will|would|could|can)(?=[\s.,;:!?])/u;
/** Capitalised sentence openers that are no name. */
const NOT_NAME_OPENERS: ReadonlySet<string> = new Set(
  ("The A An This That These Those It He She They We I You There But And Or So Yet In On At " +
    "After Before When While As If Since Then Now Still Also However Meanwhile Later Earlier " +
    "Last Next Our Their His Her Its My Your Some Many Most No One Two Three Every Each " +
    "Which What Who Whom Whose Where How Why According Despite During Under Following Speaking " +
    "Asked Among Amid Although Because For From With Without By To Of Over Through Against " +
    "Between Both Either Neither All Any Such Other Another Several Few More Less Only Even Just " +
    "Here Today Yesterday Tomorrow Tonight Thus Therefore Instead Indeed Furthermore Moreover " +
    "Nevertheless Overall Finally First Second Third Once Again Perhaps Maybe Certainly Clearly " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May " +
    "June July August September October November December Photo Video Read Watch See Update")
    .split(" "),
);

/** A determiner, at most one capitalised modifier, then lower-case words: "the Tarnovan leader". */
const DESCRIPTION_SHAPE =
  /^(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:(?:\p{Lu}[\p{L}-]*\s+)?(?:\p{Ll}[\p{L}-]*\s*)+|\p{Lu}\p{Ll}+)$/u;

/** A share of a group of people opening a source phrase ("42% of", "Most", "4 in 10"). */
const SHARE_OF_PEOPLE =
  /^(?:(?:about|nearly|almost|roughly|around|just|only|over|more than|fewer than|less than)\s+)?(?:\d[\d.,]*\s?(?:%|percent|per cent)|[\p{L}-]+\s+(?:percent|per cent)|(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out of)\s+(?:\d+|ten)|most|half|(?:a|the)\s+(?:majority|minority|plurality)|(?:two|three)[\s-](?:thirds|quarters)|a\s+(?:third|quarter|fifth))(?:\s+of)?\s+\p{L}/iu;

/** {@linkcode hasName} by phrase, per country expression (source phrases repeat). */
const hasNameMemo = new WeakMap<RegExp, Map<string, boolean>>();

/**
 * Whether a source phrase holds a name: a capitalised word other than a country word and an
 * opening determiner ("Oleksandr Kovalenko", "the Institute for the Study of War"; not "US and
 * South Korean officials", "The agency"). Memoised by phrase.
 *
 * @example
 * ```ts
 * const gaz = await loadGazetteer();
 * hasName(gaz, "Oleksandr Kovalenko"); // true
 * hasName(gaz, "US and South Korean officials"); // false
 * ```
 */
export function hasName(gaz: Gazetteer, phrase: string): boolean {
  let memo = hasNameMemo.get(gaz.countryPattern);
  if (memo === undefined) {
    memo = new Map();
    hasNameMemo.set(gaz.countryPattern, memo);
  }
  return remembered(memo, phrase, 50_000, (p) => {
    // Words other than determiners and country words: is there a name?
    const withoutCountries = p.replace(gaz.countryPattern, " ");
    const words = withoutCountries.split(/[\s(),]+/).filter((w) => w !== "");
    return words.some((w, i) =>
      /^\p{Lu}/u.test(w) &&
      !(i === 0 && /^(The|A|An|This|These|Those|Some|Many|Several)$/.test(w)) &&
      // A role word opening a sentence ("Traders said") is not a name.
      !(i === 0 && gaz.roleByPhrase.has(w.toLowerCase()))
    );
  });
}

function fromEntry(entry: SourceEntry): Resolution {
  return {
    id: entry.id,
    name: entry.name,
    type: entry.type,
    country: entry.country,
    resolved: true,
    entity: entry.kind,
    gender: entry.gender,
  };
}
