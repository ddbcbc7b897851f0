/**
 * The corpus CSV of large corpora (`task pipeline`, the bench, `openCorpus({ corpus })`): columns
 * id, outlet, published (YYYY-MM-DD or empty), text, and optionally title. Finds the columns and
 * checks the rows, naming file, line and column.
 *
 * @module
 */
import { isIsoDate } from "./manifest.ts";

/** Column positions of the corpus CSV. */
export interface CorpusColumns {
  id: number;
  outlet: number;
  published: number;
  text: number;
  title: number;
}

/**
 * The positions of the corpus CSV's columns in `header`; a missing required column is an error
 * naming the file and the columns it has.
 *
 * @example
 * ```ts
 * corpusColumns(["id", "outlet", "published", "text"], "c.csv").text; // 3
 * ```
 */
export function corpusColumns(header: string[], corpus: string): CorpusColumns {
  const col = (name: string, required: boolean) => {
    const i = header.indexOf(name);
    if (i < 0 && required) {
      throw new Error(
        `${corpus} line 1: no column "${name}"; the corpus CSV needs the columns ` +
          `id, outlet, published, text (title optional); it has ${header.join(", ")}`,
      );
    }
    return i;
  };
  return {
    id: col("id", true),
    outlet: col("outlet", true),
    published: col("published", true),
    text: col("text", true),
    title: col("title", false),
  };
}

/**
 * Checks the rows of a corpus batch before they are analysed: every `published` value is empty or
 * a real YYYY-MM-DD date, every id is non-empty and unique (`seen` holds the ids met so far and
 * their lines). Throws an Error naming the corpus file, the line and what to fix.
 *
 * @example
 * ```ts
 * checkCorpusRows(batch, cols, "corpus.csv", new Map());
 * ```
 */
export function checkCorpusRows(
  batch: { rows: string[][]; lines: number[] },
  cols: CorpusColumns,
  corpus: string,
  seen: Map<string, number>,
): void {
  for (let r = 0; r < batch.rows.length; r++) {
    const row = batch.rows[r];
    const line = batch.lines[r];
    const id = row[cols.id].trim();
    if (id === "") {
      throw new Error(`${corpus} line ${line}, column 'id': empty — give every article an id`);
    }
    const prev = seen.get(id);
    if (prev !== undefined) {
      throw new Error(
        `${corpus} lines ${prev} and ${line}: duplicate id '${id}' — ids must be unique; ` +
          `rename one of them or remove the repeated article`,
      );
    }
    seen.set(id, line);
    const published = row[cols.published].trim();
    if (published !== "" && !isIsoDate(published)) {
      throw new Error(
        `${corpus} line ${line}, column 'published': '${published}' is not a date — write it ` +
          `as YYYY-MM-DD (a real calendar date) or leave it empty`,
      );
    }
  }
}
