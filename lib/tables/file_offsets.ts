/**
 * Offsets into an article file as stored, from offsets into its analysis.
 *
 * The analysis reads a file decoded (byte-order mark dropped, CRLF and lone CR turned into LF, see
 * `lib/io/decode.ts`), keeps its body paragraphs (each one line of the decoded text, with its
 * `file_start`/`file_end` there) and joins them into the cleaned `body`; the title is the file's
 * title line, spaces collapsed. Tools that annotate the same files (brat, spaCy, Python string
 * indices) count Unicode code points in the file's text as read, BOM and CRLF included.
 * {@linkcode fileOffsets} maps body and title offsets back to those.
 *
 * @example
 * ```ts
 * const file = "\uFEFFTitle\r\nBody text.";
 * const at = fileOffsets(file, [{ start: 0, end: 10, file_start: 7, file_end: 17 }], {
 *   text: "Title",
 *   line: 1,
 * });
 * at.body(5, 9); // [14, 18]: "text" in the file
 * at.title(0, 5); // [1, 6]: "Title" after the BOM
 * ```
 *
 * @module
 */
import { lastAtOrBefore } from "../text/search.ts";

/** A body paragraph: its offsets in the body and in the decoded file text (code points). */
export interface ParagraphSpan {
  start: number;
  end: number;
  file_start: number;
  file_end: number;
}

/** The 1-based line of the file the title was taken from, and the title as analysed if known. */
export interface TitleLine {
  line: number;
  /** The cleaned title: when given, title offsets are mapped only if it is the line's text. */
  text?: string;
}

/** Maps spans of one article's analysis to code-point spans of its file as stored. */
export interface FileOffsets {
  /**
   * The file span of the body span [start, end): each end is mapped through the paragraph
   * holding it (a span that crosses paragraphs covers whatever the file has between them).
   */
  body(start: number, end: number): [number, number];
  /**
   * The file span of the title span [start, end), or null when {@linkcode titleProblem} is set,
   * or when `text` is given and the file does not have it there (cleaning changed the title line,
   * e.g. collapsed two spaces, before that span).
   */
  title(start: number, end: number, text?: string): [number, number] | null;
  /** Why no title offsets can be mapped (no such line, or not the given title), or null. */
  titleProblem: string | null;
}

const SURROGATE = /[\uD800-\uDBFF]/;

function codePoints(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 === s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/**
 * Where each line of a file starts, in the decoded text (`decoded`) and in the file's text as
 * stored (`stored`), in code points.
 */
function lineStarts(fileText: string): { decoded: number[]; stored: number[] } {
  const bom = fileText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const parts = fileText.slice(bom).split(/(\r\n|\r|\n)/);
  const decoded: number[] = [];
  const stored: number[] = [];
  let d = 0;
  let r = bom;
  for (let i = 0; i < parts.length; i += 2) {
    decoded.push(d);
    stored.push(r);
    const n = codePoints(parts[i]);
    const sep = parts[i + 1] ?? "";
    d += n + (sep === "" ? 0 : 1);
    r += n + sep.length;
  }
  return { decoded, stored };
}

/** Line `n` (1-based) of `fileText` (BOM not part of it) and its UTF-16 index, or null. */
function lineOf(fileText: string, n: number): { text: string; index: number } | null {
  const sep = /\r\n|\r|\n/g;
  let index = fileText.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let k = 1; k < n; k++) {
    sep.lastIndex = index;
    const m = sep.exec(fileText);
    if (m === null) return null;
    index = m.index + m[0].length;
  }
  sep.lastIndex = index;
  const m = sep.exec(fileText);
  return { text: fileText.slice(index, m === null ? fileText.length : m.index), index };
}

/**
 * Maps spans of an article's analysis to code-point spans of `fileText`, the file's text as read
 * (UTF-8, byte-order mark and line ends kept). `paragraphs` are the article's rows of the
 * paragraphs table, in order. `title` is the line the title was taken from (the removed table's
 * `title` row), or null when the article has none. Title offsets are offsets into that line from
 * its first non-space character; with `title.text` (the cleaned title) they are mapped only when
 * the title is exactly the line's text (edge spaces aside), and `titleProblem` says why not;
 * `title(start, end, text)` checks the span itself.
 *
 * @example
 * ```ts
 * const at = fileOffsets("A\r\nB 😀 c", [{ start: 0, end: 5, file_start: 2, file_end: 7 }], null);
 * at.body(4, 5); // [7, 8]: "c", after the CRLF and the emoji
 * ```
 */
export function fileOffsets(
  fileText: string,
  paragraphs: readonly ParagraphSpan[],
  title: TitleLine | null,
): FileOffsets {
  const identity = fileText.charCodeAt(0) !== 0xfeff && !fileText.includes("\r\n");
  let starts: ReturnType<typeof lineStarts> | null = null;
  const lineInfo = () => (starts ??= lineStarts(fileText));
  /** A decoded-text offset as an offset into the stored text. */
  const stored = (d: number): number => {
    if (identity) return d;
    const { decoded, stored } = lineInfo();
    const k = lastAtOrBefore(decoded, d) ?? 0;
    return stored[k] + (d - decoded[k]);
  };
  const pStarts = paragraphs.map((p) => p.start);
  const decodedAt = (offset: number, isEnd: boolean): number => {
    if (paragraphs.length === 0) return offset;
    const k = lastAtOrBefore(pStarts, isEnd && offset > 0 ? offset - 1 : offset) ?? 0;
    const p = paragraphs[k];
    return Math.min(p.file_start + Math.max(0, offset - p.start), p.file_end);
  };

  let titleBase: number | null = null;
  let titleProblem: string | null = null;
  let titleText = "";
  let titleChars: string[] | null = null;
  if (title !== null) {
    const line = lineOf(fileText, title.line);
    if (line === null) {
      titleProblem = `the title's line ${title.line} is not in the file`;
    } else if (title.text !== undefined && line.text.trim() !== title.text) {
      titleProblem = `the title is not its line's text as stored (line ${title.line}: ` +
        `spaces collapsed or entities replaced), so its offsets cannot point into the file`;
    } else {
      const lead = line.text.length - line.text.trimStart().length;
      titleBase = codePoints(fileText.slice(0, line.index + lead));
      titleText = line.text.slice(lead);
    }
  }
  const titleSpan = (start: number, end: number, text?: string): [number, number] | null => {
    if (titleBase === null) return null;
    if (text !== undefined) {
      titleChars ??= [...titleText];
      if (titleChars.slice(start, end).join("") !== text) return null;
    }
    return [titleBase + start, titleBase + end];
  };

  return {
    body: (start, end) => {
      const s = stored(decodedAt(start, false));
      return [s, Math.max(s, stored(decodedAt(end, true)))];
    },
    title: titleSpan,
    titleProblem,
  };
}
