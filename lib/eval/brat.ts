/**
 * A reader of brat standoff attribution annotations (PolNeAR): text-bound lines
 * `T<n>\t<Label> <start> <end>[;<start> <end>…]\t<text>` and event lines
 * `E<n>\t<Type>:T.. Content:T.. Cue:T.. Source:T..`. Offsets are code points into the text.
 * A span may be discontinuous (fragments separated by `;`). `Content2` arguments are merged into
 * the content. Comment (`#`), attribute and relation lines, and the continuation lines of a
 * text-bound annotation whose text holds a line break, are skipped.
 *
 * @module
 */

/** Fragments of a (possibly discontinuous) span: [start, end) code points, sorted. */
export type Fragments = Array<[number, number]>;

/** One annotated attribution. */
export interface BratAttribution {
  /** The event id, e.g. "E3". */
  id: string;
  /** The event type, e.g. "Attribution" or "Attribution-no-source". */
  type: string;
  source: Fragments | null;
  cue: Fragments | null;
  content: Fragments | null;
}

const TEXT_BOUND = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)/;

/**
 * Parses the attribution events of a brat `.ann` file. `file` names it in error messages: an
 * event that names an unknown text-bound id, or a span whose end precedes its start, is an error
 * naming the file and line.
 *
 * @example
 * ```ts
 * const ann = "T1\tSource 0 3\tKim\nT2\tCue 4 8\tsaid\nT3\tContent 9 11\thi\n" +
 *   "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n";
 * parseBratAttributions(ann, "a.ann")[0].source; // [[0, 3]]
 * ```
 */
export function parseBratAttributions(ann: string, file: string): BratAttribution[] {
  const spans = new Map<string, Fragments>();
  const events: Array<{ line: number; id: string; args: string[] }> = [];
  const lines = ann.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (/^T\d+\t/.test(line)) {
      const m = TEXT_BOUND.exec(line);
      if (!m) {
        throw new Error(
          `${file} line ${
            i + 1
          }: text-bound annotation is malformed; expected "T<n>\\t<Label> <start> <end>\\t<text>"`,
        );
      }
      const fragments: Fragments = m[3].split(";").map((f) => {
        const [a, b] = f.split(" ").map(Number);
        if (b < a) throw new Error(`${file} line ${i + 1}: span ${a} ${b} ends before it starts`);
        return [a, b] as [number, number];
      });
      fragments.sort((x, y) => x[0] - y[0]);
      spans.set(m[1], fragments);
    } else if (/^E\d+\t/.test(line)) {
      const [id, rest] = line.split("\t");
      events.push({ line: i + 1, id, args: rest.trim().split(/\s+/) });
    }
  });
  return events.map(({ line, id, args }) => {
    const out: BratAttribution = { id, type: "", source: null, cue: null, content: null };
    args.forEach((arg, k) => {
      const [role, ref] = arg.split(":");
      if (!ref) throw new Error(`${file} line ${line}: event argument "${arg}" is not Role:T<n>`);
      const fr = spans.get(ref);
      if (!fr) {
        throw new Error(`${file} line ${line}: event ${id} names ${ref}, which is not defined`);
      }
      if (k === 0) {
        out.type = role;
        return;
      }
      if (role === "Source") out.source = fr;
      else if (role === "Cue") out.cue = fr;
      else if (role === "Content" || role.startsWith("Content")) {
        out.content = [...(out.content ?? []), ...fr].sort((x, y) => x[0] - y[0]);
      }
    });
    return out;
  });
}
