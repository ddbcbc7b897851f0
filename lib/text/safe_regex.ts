/**
 * A check that a regular expression cannot backtrack catastrophically, run when a data file
 * (lexicon exclusion contexts, cleaning rules, compiled term patterns) is loaded, so that no data
 * file can make a run hang. JavaScript's engine backtracks: an expression whose parts can match
 * the same text in many ways takes exponential or high-polynomial time on text that almost
 * matches. The expression is parsed and refused when:
 *
 * - it uses a backreference (`\1`, `\k<name>`), which no linear matcher supports;
 * - a repeated group (`(…)+`, `(…)*`, `(…){2,}`) can match empty text, has alternatives that can
 *   start with the same character, or holds a repetition that can run into the next round
 *   (`(\w+\s?)+`): a repeated group may hold repetitions only when each round starts with a
 *   character the repetitions before it cannot take (`(?:\.[\w-]+)+`, `(?:\S+\s+){7}`);
 * - three or more repetitions in a row can take the same characters (`a*a*a*`, which
 *   `d*i*c*t*a*t*o*r*x` compiles to): two are allowed (quadratic in a run of such characters);
 * - the alternatives and optional parts multiply to more than {@link MAX_PATHS} ways through the
 *   expression (`(a|aa)?` twenty-five times).
 *
 * Character sets are compared on a sample of characters (ASCII and common non-ASCII letters,
 * spaces, quotes and dashes), which is enough to tell classes like `\w`, `\s`, `\p{L}` apart.
 *
 * @module
 */

/** Most ways through an expression (product of alternatives and optional parts) allowed. */
export const MAX_PATHS = 100_000;

/**
 * An expression refused by {@link checkSafeRegex}: `column` is the 1-based position (in code
 * points) in the expression of the part at fault; the message says why and what to write.
 *
 * @example
 * ```ts
 * try { checkSafeRegex("(\\w+\\s?)+x"); } catch (e) { (e as UnsafeRegexError).column; } // 1
 * ```
 */
export class UnsafeRegexError extends Error {
  /** 1-based column (code point) in the expression. */
  readonly column: number;
  /** What is wrong, without the column. */
  readonly reason: string;
  constructor(reason: string, column: number) {
    super(`column ${column}: ${reason}`);
    this.name = "UnsafeRegexError";
    this.reason = reason;
    this.column = column;
  }
}

const PROBES = [
  ..."\t\n\r \u00a0\u2009\u3000",
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  ..."éÉßñçøÅжЖяΩω中文あア한٣०’‘“”«»–—‐…•·€£😀",
];

type Set_ = bigint;

interface Node {
  kind: "char" | "assert" | "look" | "alt" | "seq" | "quant";
  pos: number;
  /** Index after the node (quantified parts only). */
  end?: number;
  set?: Set_;
  min?: number;
  max?: number;
  body?: Node;
  items?: Node[];
}

/** The probe set of each atom source, by flags and source (see `Parser.setOf`). */
const SET_CACHE = new Map<string, Set_>();

class Parser {
  i = 0;
  constructor(readonly s: string[], readonly flags: string) {}

  fail(reason: string, at = this.i): never {
    throw new UnsafeRegexError(reason, at + 1);
  }

  setOf(src: string): Set_ {
    // The same atoms come back in every pattern of a lexicon: each is probed once.
    const key = `${this.flags}/${src}`;
    let set = SET_CACHE.get(key);
    if (set === undefined) {
      set = this.probe(src);
      SET_CACHE.set(key, set);
    }
    return set;
  }

  probe(src: string): Set_ {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${src})$`, this.flags.replace(/[gy]/g, "") + "s");
    } catch {
      return 0n;
    }
    let b = 0n;
    PROBES.forEach((c, k) => {
      if (re.test(c)) b |= 1n << BigInt(k);
    });
    return b;
  }

  alt(): Node {
    const pos = this.i;
    const branches = [this.seq()];
    while (this.s[this.i] === "|") {
      this.i++;
      branches.push(this.seq());
    }
    return branches.length === 1 ? branches[0] : { kind: "alt", pos, items: branches };
  }

  seq(): Node {
    const pos = this.i;
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== "|" && this.s[this.i] !== ")") {
      items.push(this.quantified());
    }
    return { kind: "seq", pos, items };
  }

  quantified(): Node {
    const atom = this.atom();
    const c = this.s[this.i];
    let min = -1;
    let max = -1;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i).join(""));
      if (m) {
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
      }
    }
    if (min < 0) return atom;
    this.i++;
    if (this.s[this.i] === "?") this.i++; // lazy: same paths
    if (atom.kind === "assert" || atom.kind === "look") return atom;
    return { kind: "quant", pos: atom.pos, end: this.i, min, max, body: atom };
  }

  atom(): Node {
    const pos = this.i;
    const c = this.s[this.i];
    if (c === "(") {
      this.i++;
      let look = false;
      if (this.s[this.i] === "?") {
        const rest = this.s.slice(this.i, this.i + 3).join("");
        if (rest.startsWith("?:")) this.i += 2;
        else if (rest.startsWith("?=") || rest.startsWith("?!")) {
          [this.i, look] = [this.i + 2, true];
        } else if (rest === "?<=" || rest === "?<!") [this.i, look] = [this.i + 3, true];
        else if (rest.startsWith("?<")) {
          while (this.i < this.s.length && this.s[this.i] !== ">") this.i++;
          this.i++;
        } else this.fail("unsupported group syntax", pos);
      }
      const body = this.alt();
      if (this.s[this.i] !== ")") this.fail("a ( without )", pos);
      this.i++;
      return look ? { kind: "look", pos, body } : { ...body, pos };
    }
    if (c === "^" || c === "$") {
      this.i++;
      return { kind: "assert", pos };
    }
    if (c === "[") {
      let j = this.i + 1;
      if (this.s[j] === "^") j++;
      if (this.s[j] === "]") j++;
      while (j < this.s.length && this.s[j] !== "]") j += this.s[j] === "\\" ? 2 : 1;
      const src = this.s.slice(this.i, j + 1).join("");
      this.i = j + 1;
      return { kind: "char", pos, set: this.setOf(src) };
    }
    if (c === "\\") {
      const d = this.s[this.i + 1] ?? "";
      if (/[1-9]/.test(d) || (d === "k" && this.s[this.i + 2] === "<")) {
        this.fail(
          "a backreference (\\1, \\k<name>) can take exponential time — match the text itself " +
            "instead of referring back to a group",
          pos,
        );
      }
      if (d === "b" || d === "B") {
        this.i += 2;
        return { kind: "assert", pos };
      }
      let j = this.i + 2;
      if ((d === "p" || d === "P") && this.s[j] === "{") {
        while (j < this.s.length && this.s[j] !== "}") j++;
        j++;
      } else if (d === "u" && this.s[j] === "{") {
        while (j < this.s.length && this.s[j] !== "}") j++;
        j++;
      } else if (d === "u") j += 4;
      else if (d === "x") j += 2;
      else if (d === "c") j += 1;
      const src = this.s.slice(this.i, j).join("");
      this.i = j;
      return { kind: "char", pos, set: this.setOf(src) };
    }
    this.i++;
    return { kind: "char", pos, set: this.setOf(c === "." ? "." : escapeChar(c)) };
  }
}

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|\/]/.test(c) ? `\\${c}` : c;
}

function nullable(n: Node): boolean {
  switch (n.kind) {
    case "char":
      return false;
    case "assert":
    case "look":
      return true;
    case "alt":
      return n.items!.some(nullable);
    case "seq":
      return n.items!.every(nullable);
    case "quant":
      return n.min === 0 || nullable(n.body!);
  }
}

/** Characters that can start a match of `n`. */
function first(n: Node): Set_ {
  switch (n.kind) {
    case "char":
      return n.set!;
    case "assert":
    case "look":
      return 0n;
    case "alt":
      return n.items!.reduce((a, x) => a | first(x), 0n);
    case "seq": {
      let s = 0n;
      for (const x of n.items!) {
        s |= first(x);
        if (!nullable(x)) break;
      }
      return s;
    }
    case "quant":
      return first(n.body!);
  }
}

/** Every character `n` can consume. */
function chars(n: Node): Set_ {
  switch (n.kind) {
    case "char":
      return n.set!;
    case "assert":
    case "look":
      return 0n;
    default:
      return [...(n.items ?? []), ...(n.body ? [n.body] : [])].reduce((a, x) => a | chars(x), 0n);
  }
}

const repeats = (n: Node) => n.kind === "quant" && n.max! > 1;

/** Characters of the repetitions that can end a match of `n` (followed by nothing of `n`). */
function trailingRepeats(n: Node): Set_ {
  switch (n.kind) {
    case "char":
    case "assert":
    case "look":
      return 0n;
    case "alt":
      return n.items!.reduce((a, x) => a | trailingRepeats(x), 0n);
    case "seq": {
      let s = 0n;
      for (let k = n.items!.length - 1; k >= 0; k--) {
        s |= trailingRepeats(n.items![k]);
        if (!nullable(n.items![k])) break;
      }
      return s;
    }
    case "quant":
      return repeats(n) ? chars(n.body!) : trailingRepeats(n.body!);
  }
}

function hasRepeat(n: Node): boolean {
  if (repeats(n)) return true;
  return [...(n.items ?? []), ...(n.body ? [n.body] : [])].some(hasRepeat);
}

/** Ways through `n` (alternatives times optional parts), capped. */
function paths(n: Node): number {
  const cap = (x: number) => Math.min(x, 1e12);
  switch (n.kind) {
    case "char":
    case "assert":
      return 1;
    case "look":
      return paths(n.body!);
    case "alt":
      return cap(n.items!.reduce((a, x) => a + paths(x), 0));
    case "seq":
      return cap(n.items!.reduce((a, x) => a * paths(x), 1));
    case "quant": {
      // A repetition that passed the checks of `check` has one way to split a text into rounds;
      // the choices are those inside the rounds, and whether an optional part is there.
      const p = paths(n.body!);
      const optional = n.min === 0 ? 1 : 0;
      if (n.max! === 1) return cap(p + optional);
      if (p === 1) return 1 + optional;
      return cap(p ** Math.min(n.max!, 64) + optional);
    }
  }
}

function check(n: Node, source: string[]): void {
  const show = (node: Node) => {
    const stop = node.end ?? node.pos + 24;
    const end = Math.min(source.length, stop, node.pos + 40);
    return source.slice(node.pos, end).join("") + (end < stop ? "…" : "");
  };
  for (const x of [...(n.items ?? []), ...(n.body ? [n.body] : [])]) check(x, source);
  if (n.kind === "quant" && n.max! > 1) {
    const body = n.body!;
    if (nullable(body) && body.kind !== "char") {
      throw new UnsafeRegexError(
        `the repeated part "${show(n)}" can match empty text, so it can repeat in endless ways ` +
          `— make it match at least one character`,
        n.pos + 1,
      );
    }
    if (body.kind === "alt") {
      const firsts = body.items!.map(first);
      for (let a = 0; a < firsts.length; a++) {
        for (let b = a + 1; b < firsts.length; b++) {
          if (firsts[a] & firsts[b]) {
            throw new UnsafeRegexError(
              `the repeated alternatives in "${show(n)}" can start with the same character, ` +
                `so a text can be split among them in exponentially many ways — repeat one ` +
                `character class instead, or make the alternatives start differently`,
              n.pos + 1,
            );
          }
        }
      }
    }
    if (hasRepeat(body) && (trailingRepeats(body) & first(body))) {
      throw new UnsafeRegexError(
        `the repeated group "${show(n)}" holds a repetition that can run into the group's ` +
          `next round (nested repetition, e.g. (\\w+\\s?)+), which takes exponential time — ` +
          `write one repetition (e.g. [\\w\\s]+) or start each round with a separator`,
        n.pos + 1,
      );
    }
  }
  if (n.kind === "seq") {
    const items = n.items!;
    for (let a = 0; a < items.length; a++) {
      if (!repeats(items[a])) continue;
      let common = chars(items[a]);
      let chain = 1;
      for (let b = a + 1; b < items.length && common !== 0n; b++) {
        const x = items[b];
        if (repeats(x)) {
          const shared = common & chars(x);
          if (shared !== 0n) {
            common = shared;
            if (++chain >= 3) {
              throw new UnsafeRegexError(
                `${chain} repetitions in a row from "${show(items[a])}" can take the same ` +
                  `characters, which takes polynomial time (like a*a*a*) — let each ` +
                  `repetition take different characters, or remove some`,
                items[a].pos + 1,
              );
            }
            continue;
          }
        }
        if (!nullable(x) && (first(x) & common) === 0n) break;
      }
    }
  }
}

/**
 * Throws {@link UnsafeRegexError} (with the column and the reason) when the regular expression
 * `source` could backtrack catastrophically (see the module documentation for the rules), and
 * returns normally when it is safe. `flags` are the flags it is compiled with ("i", "u").
 *
 * @example
 * ```ts
 * checkSafeRegex("sanctions?|trade|export[ -]control"); // fine
 * checkSafeRegex("(\\w+\\s?)+sanctions"); // throws: nested repetition at column 1
 * ```
 */
export function checkSafeRegex(source: string, flags = "u"): void {
  const chars_ = [...source];
  const p = new Parser(chars_, flags.includes("u") || flags.includes("v") ? flags : flags + "u");
  const tree = p.alt();
  if (p.i < chars_.length) p.fail("a ) without (");
  check(tree, chars_);
  const ways = paths(tree);
  if (ways > MAX_PATHS) {
    throw new UnsafeRegexError(
      `the alternatives and optional parts can combine in ${
        ways >= 1e12 ? "more than 10^12" : ways.toLocaleString("en")
      } ways (more than ${MAX_PATHS.toLocaleString("en")}), which can take exponential time — ` +
        `use fewer optional parts, or split the expression into several rows`,
      1,
    );
  }
}
