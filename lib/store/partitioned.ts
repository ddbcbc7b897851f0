/**
 * Tables written as parquet files partitioned hive-style by outlet and month
 * (`out/hits/outlet=Daily%20A/month=2024-06/part-00001.parquet`), the layout DuckDB, Spark and
 * polars read directly. Rows arrive as DataFrames, piece by piece; a partition is written when
 * the rows stop coming to it (a corpus in date order: the month is over) or when the rows held
 * pass a limit, so memory depends on that limit, not on the corpus. Every file is written under a
 * temporary name in its folder and renamed into place.
 *
 * @module
 */
import pl from "nodejs-polars";
import { atomicWrite } from "./files.ts";

/**
 * Hive partition value escaping: characters other than letters, digits and `._-` become `%XX`
 * (UTF-8), as Hive, Spark and polars decode them; an empty or null value is Hive's default
 * partition.
 *
 * @example
 * ```ts
 * hiveValue("The Western Mail & Guardian"); // "The%20Western%20Mail%20%26%20Guardian"
 * ```
 */
export function hiveValue(value: string | null): string {
  if (value === null || value === "") return "__HIVE_DEFAULT_PARTITION__";
  return encodeURIComponent(value).replace(
    /[!'()*~]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"),
  );
}

/**
 * A table written as parquet files partitioned by outlet and month, hive style:
 * `dir/outlet=<outlet>/month=<month>/part-NNNNN.parquet` (the partition columns live in the path
 * only, as Hive stores them). {@link PartitionedTable.add} takes a DataFrame with the columns
 * `outlet` and `month` (text; null or empty is the default partition) and the table's columns,
 * and holds its rows per partition; {@link PartitionedTable.writeIdle} writes the partitions the
 * latest `add` did not touch, and {@link PartitionedTable.flush} writes everything held. Fewer,
 * larger files: a parquet file costs about a millisecond to write however small it is.
 *
 * @example
 * ```ts
 * const t = new PartitionedTable("out/hits", ["article_id", "start"]);
 * t.add(pl.DataFrame({ outlet: ["Outlet A"], month: ["2024-06"], article_id: ["a1"], start: [5] }));
 * await t.flush();
 * ```
 */
export class PartitionedTable {
  /** Folder of the table. */
  readonly dir: string;
  /** The columns written, in order (outlet and month are in the path). */
  readonly columns: readonly string[];
  /** Rows added so far. */
  rows = 0;
  /** Parquet files written so far. */
  files = 0;
  #part = 0;
  #partPrefix: string;
  #dirs = new Set<string>();
  #pending = new Map<string, { df: pl.DataFrame; round: number }>();
  #round = 0;

  /** A table in `dir` with the given columns; part files are named `part-<partPrefix>NNNNN`. */
  constructor(dir: string, columns: readonly string[], partPrefix = "") {
    this.dir = dir;
    this.columns = columns;
    this.#partPrefix = partPrefix;
  }

  /**
   * Holds the rows of `df` (columns `outlet`, `month` and the table's), appended per
   * (outlet, month) to what that partition already holds, in the order given. Each call starts a
   * new round for {@link PartitionedTable.writeIdle}.
   */
  add(df: pl.DataFrame): void {
    this.#round++;
    const missing = ["outlet", "month", ...this.columns].filter((c) => !df.columns.includes(c));
    if (missing.length) {
      throw new Error(`${this.dir}: the rows have no column ${missing.join(", ")}`);
    }
    if (df.height === 0) return;
    this.rows += df.height;
    const keyed = df.withColumns(
      pl.col("outlet").cast(pl.Utf8).fillNull(""),
      pl.col("month").cast(pl.Utf8).fillNull(""),
    );
    for (const part of keyed.partitionBy(["outlet", "month"], true, true)) {
      const outlet = part.getColumn("outlet").get(0) as string;
      const month = part.getColumn("month").get(0) as string;
      const dir = `${this.dir}/outlet=${hiveValue(outlet)}/month=${hiveValue(month)}`;
      const data = part.select(...this.columns);
      const held = this.#pending.get(dir);
      if (held) {
        held.df = held.df.vstack(data);
        held.round = this.#round;
      } else this.#pending.set(dir, { df: data, round: this.#round });
    }
  }

  /** Rows held, not yet written. */
  get pendingRows(): number {
    let n = 0;
    for (const p of this.#pending.values()) n += p.df.height;
    return n;
  }

  /**
   * Writes the partitions that got no rows in the latest {@link PartitionedTable.add} (with a
   * corpus in date order: the months that are over, so each becomes one file); returns the
   * number of files.
   */
  writeIdle(): Promise<number> {
    return this.#write((round) => round < this.#round);
  }

  /** Writes everything held, one file per (outlet, month); returns the number of files. */
  flush(): Promise<number> {
    return this.#write(() => true);
  }

  async #write(which: (round: number) => boolean): Promise<number> {
    const chosen = [...this.#pending].filter(([, p]) => which(p.round));
    if (chosen.length === 0) return 0;
    this.#part++;
    const name = `part-${this.#partPrefix}${String(this.#part).padStart(5, "0")}.parquet`;
    for (const [dir, p] of chosen) {
      this.#pending.delete(dir);
      if (!this.#dirs.has(dir)) {
        await Deno.mkdir(dir, { recursive: true });
        this.#dirs.add(dir);
      }
      await atomicWrite(
        `${dir}/${name}`,
        (tmp) => p.df.writeParquet(tmp, { compression: "snappy" }),
      );
      this.files++;
    }
    return chosen.length;
  }
}
