/**
 * Rows in column form as an Arrow IPC stream, so that a worker thread hands its tables to the
 * main thread as bytes (transferred, not copied) and polars reads them natively
 * (`pl.readIPCStream`). Handing polars JavaScript strings one by one (`pl.Series(name, strings)`)
 * converts every character through the N-API and took longer than analysing the articles; text
 * encoded here with one `TextEncoder` call per column is read by polars as it is.
 *
 * Column types are those of the schemas (`lib/tables/schema.ts`): `str` and `cat` as Utf8,
 * `int` as Int64, `float` as Float64, `bool` as Boolean; every column is nullable. The frame read
 * back equals `typedFrame(schema, columns)`.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import pl from "nodejs-polars";
import type { ColumnType, TableSchema } from "../tables/schema.ts";

// ------------------------------------------------------------------------------------------
// A minimal FlatBuffers writer: objects are appended after the field that refers to them, so
// every offset points forward, as the format requires.
// ------------------------------------------------------------------------------------------

/** A FlatBuffers object: a table, a string, a vector of tables or a vector of 8-byte structs. */
type FbNode =
  | { table: (FbField | null)[] }
  | { str: string }
  | { tables: FbNode[] }
  | { structs: BigInt64Array };

/** A table field: a scalar of a given width or a reference to another object. */
type FbField =
  | { u8: number }
  | { i16: number }
  | { i32: number }
  | { i64: number }
  | { ref: FbNode };

class FbWriter {
  bytes = new Uint8Array(512);
  view = new DataView(this.bytes.buffer);
  length = 0;

  #room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  pad(align: number, rest = 0): void {
    const n = (align - ((this.length + rest) % align)) % align;
    this.#room(n);
    this.length += n; // already zero
  }

  u8(v: number): void {
    this.#room(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }

  u16(v: number): void {
    this.#room(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }

  i32(v: number): void {
    this.#room(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }

  i64(v: number): void {
    this.#room(8);
    this.view.setBigInt64(this.length, BigInt(v), true);
    this.length += 8;
  }

  /** Writes `node` and returns its position (a table's start, a vector's or string's length). */
  write(node: FbNode): number {
    if ("str" in node) {
      const b = new TextEncoder().encode(node.str);
      this.pad(4);
      const at = this.length;
      this.i32(b.length);
      this.#room(b.length + 1);
      this.bytes.set(b, this.length);
      this.length += b.length + 1; // and a zero byte
      return at;
    }
    if ("structs" in node) {
      this.pad(8, 4); // the structs start 8-aligned, after the length
      const at = this.length;
      this.i32(node.structs.length / 2);
      const b = new Uint8Array(
        node.structs.buffer,
        node.structs.byteOffset,
        node.structs.byteLength,
      );
      this.#room(b.length);
      this.bytes.set(b, this.length);
      this.length += b.length;
      return at;
    }
    if ("tables" in node) {
      this.pad(4);
      const at = this.length;
      this.i32(node.tables.length);
      const slots = node.tables.map(() => {
        const s = this.length;
        this.i32(0);
        return s;
      });
      node.tables.forEach((t, i) => this.#patch(slots[i], this.write(t)));
      return at;
    }
    return this.#table(node.table);
  }

  #patch(slot: number, target: number): void {
    this.view.setUint32(slot, target - slot, true);
  }

  #table(fields: (FbField | null)[]): number {
    const width = (f: FbField) => "u8" in f ? 1 : "i16" in f ? 2 : "i32" in f || "ref" in f ? 4 : 8;
    // Widest fields first, so that each is aligned when the table starts 4 past an 8-boundary.
    const order = fields
      .map((f, i) => ({ f, i }))
      .filter((x): x is { f: FbField; i: number } => x.f !== null)
      .sort((a, b) => width(b.f) - width(a.f) || a.i - b.i);
    const at = new Array<number>(fields.length).fill(0);
    let size = 4;
    for (const { f, i } of order) {
      at[i] = size;
      size += width(f);
    }
    this.pad(2);
    const vtable = this.length;
    this.u16(4 + 2 * fields.length);
    this.u16(size);
    for (const o of at) this.u16(o);
    this.pad(8, 4);
    const start = this.length;
    this.i32(start - vtable);
    const refs: { slot: number; node: FbNode }[] = [];
    for (const { f } of order) {
      if ("u8" in f) this.u8(f.u8);
      else if ("i16" in f) this.u16(f.i16);
      else if ("i32" in f) this.i32(f.i32);
      else if ("i64" in f) this.i64(f.i64);
      else {
        refs.push({ slot: this.length, node: f.ref });
        this.i32(0);
      }
    }
    for (const r of refs) this.#patch(r.slot, this.write(r.node));
    return start;
  }

  /** The buffer of a root object, its length padded to 8 bytes. */
  root(node: FbNode): Uint8Array {
    this.i32(0);
    this.#patch(0, this.write(node));
    this.pad(8);
    return this.bytes.slice(0, this.length);
  }
}

// ------------------------------------------------------------------------------------------
// Arrow IPC messages (Schema.fbs, Message.fbs): version V5, little-endian.
// ------------------------------------------------------------------------------------------

const V5 = 4;
const HEADER_SCHEMA = 1;
const HEADER_RECORD_BATCH = 3;
const TYPE_INT = 2;
const TYPE_FLOAT = 3;
const TYPE_UTF8 = 5;
const TYPE_BOOL = 6;

function arrowType(type: ColumnType): [number, FbNode] {
  switch (type) {
    case "int":
      return [TYPE_INT, { table: [{ i32: 64 }, { u8: 1 }] }]; // bitWidth, is_signed
    case "float":
      return [TYPE_FLOAT, { table: [{ i16: 2 }] }]; // precision DOUBLE
    case "bool":
      return [TYPE_BOOL, { table: [] }];
    default:
      return [TYPE_UTF8, { table: [] }];
  }
}

/** A message: continuation marker, metadata length, the metadata padded to 8 bytes. */
function message(headerType: number, header: FbNode, bodyLength: number): Uint8Array {
  const meta = new FbWriter().root({
    table: [{ i16: V5 }, { u8: headerType }, { ref: header }, { i64: bodyLength }],
  });
  const out = new Uint8Array(8 + meta.length);
  const v = new DataView(out.buffer);
  v.setInt32(0, -1, true);
  v.setInt32(4, meta.length, true);
  out.set(meta, 8);
  return out;
}

function schemaMessage(schema: TableSchema): Uint8Array {
  const fields: FbNode[] = schema.map(([name, type]) => {
    const [typeType, typeNode] = arrowType(type);
    return {
      table: [
        { ref: { str: name } },
        { u8: 1 }, // nullable
        { u8: typeType },
        { ref: typeNode },
        null, // dictionary
        { ref: { tables: [] } }, // children
      ],
    };
  });
  return message(HEADER_SCHEMA, { table: [{ i16: 0 }, { ref: { tables: fields } }] }, 0);
}

// ------------------------------------------------------------------------------------------
// Column buffers.
// ------------------------------------------------------------------------------------------

/** Bytes of one column: validity bitmap (empty without nulls) and its value buffers. */
interface ColumnBuffers {
  nulls: number;
  buffers: Uint8Array[];
}

function bitmap(n: number): Uint8Array {
  return new Uint8Array((n + 7) >> 3);
}

function validity(values: readonly unknown[]): { bits: Uint8Array; nulls: number } {
  const n = values.length;
  let nulls = 0;
  for (let i = 0; i < n; i++) if (values[i] === null || values[i] === undefined) nulls++;
  if (nulls === 0) return { bits: new Uint8Array(0), nulls };
  const bits = bitmap(n);
  for (let i = 0; i < n; i++) {
    if (values[i] !== null && values[i] !== undefined) bits[i >> 3] |= 1 << (i & 7);
  }
  return { bits, nulls };
}

/** UTF-8 length of a string as `TextEncoder` encodes it (a lone surrogate as U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const encoder = new TextEncoder();

function strColumn(values: readonly unknown[]): ColumnBuffers {
  const n = values.length;
  const { bits, nulls } = validity(values);
  const strings = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    strings[i] = v === null || v === undefined ? "" : typeof v === "string" ? v : String(v);
  }
  const joined = strings.join("");
  let data = encoder.encode(joined);
  const offsets = new Int32Array(n + 1);
  if (data.length === joined.length) {
    // All ASCII: one byte per code unit.
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + strings[i].length;
  } else {
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + utf8Length(strings[i]);
    // Joining can pair a string's last high surrogate with the next one's low surrogate: then
    // each string is encoded on its own.
    if (offsets[n] !== data.length) {
      data = new Uint8Array(offsets[n]);
      for (let i = 0; i < n; i++) {
        encoder.encodeInto(strings[i], data.subarray(offsets[i], offsets[i + 1]));
      }
    }
  }
  return { nulls, buffers: [bits, new Uint8Array(offsets.buffer), data] };
}

function intColumn(values: readonly unknown[]): ColumnBuffers {
  const n = values.length;
  const { bits, nulls } = validity(values);
  const words = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const x = Math.trunc(Number(v));
    const hi = Math.floor(x / 4294967296);
    words[2 * i] = (x - hi * 4294967296) | 0;
    words[2 * i + 1] = hi;
  }
  return { nulls, buffers: [bits, new Uint8Array(words.buffer)] };
}

function floatColumn(values: readonly unknown[]): ColumnBuffers {
  const n = values.length;
  const { bits, nulls } = validity(values);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) out[i] = Number(v);
  }
  return { nulls, buffers: [bits, new Uint8Array(out.buffer)] };
}

function boolColumn(values: readonly unknown[]): ColumnBuffers {
  const n = values.length;
  const { bits, nulls } = validity(values);
  const out = bitmap(n);
  for (let i = 0; i < n; i++) if (values[i]) out[i >> 3] |= 1 << (i & 7);
  return { nulls, buffers: [bits, out] };
}

function columnBuffers(type: ColumnType, values: readonly unknown[]): ColumnBuffers {
  switch (type) {
    case "int":
      return intColumn(values);
    case "float":
      return floatColumn(values);
    case "bool":
      return boolColumn(values);
    default:
      return strColumn(values);
  }
}

/**
 * Rows in column form (one array of values per schema column, in schema order) as the bytes of
 * an Arrow IPC stream: one schema message, one record batch, the end-of-stream marker.
 *
 * @example
 * ```ts
 * const bytes = arrowStream([["id", "str"], ["n", "int"]], [["a", "b"], [1, null]]);
 * frameFromArrow(bytes).toRecords(); // [{ id: "a", n: 1 }, { id: "b", n: null }]
 * ```
 */
export function arrowStream(
  schema: TableSchema,
  columns: readonly (readonly unknown[])[],
): Uint8Array {
  if (columns.length !== schema.length) {
    throw new Error(`arrowStream: ${columns.length} columns for a schema of ${schema.length}`);
  }
  const rows = columns[0]?.length ?? 0;
  const nodes = new BigInt64Array(2 * schema.length);
  const parts: Uint8Array[] = [];
  const spans: number[] = [];
  let body = 0;
  schema.forEach(([name, type], i) => {
    if (columns[i].length !== rows) {
      throw new Error(`arrowStream: column ${name} has ${columns[i].length} values, not ${rows}`);
    }
    const c = columnBuffers(type, columns[i]);
    nodes[2 * i] = BigInt(rows);
    nodes[2 * i + 1] = BigInt(c.nulls);
    for (const b of c.buffers) {
      spans.push(body, b.length);
      parts.push(b);
      body += (b.length + 7) & ~7;
    }
  });
  const buffers = new BigInt64Array(spans.map((x) => BigInt(x)));
  const batch = message(HEADER_RECORD_BATCH, {
    table: [{ i64: rows }, { ref: { structs: nodes } }, { ref: { structs: buffers } }],
  }, body);
  const head = schemaMessage(schema);
  const out = new Uint8Array(head.length + batch.length + body + 8);
  out.set(head, 0);
  out.set(batch, head.length);
  let at = head.length + batch.length;
  const bodyStart = at;
  for (let i = 0; i < parts.length; i++) {
    out.set(parts[i], bodyStart + spans[2 * i]);
  }
  at = bodyStart + body;
  new DataView(out.buffer).setInt32(at, -1, true); // end of stream: marker, then length 0
  return out;
}

/**
 * The DataFrame of an Arrow IPC stream made by {@linkcode arrowStream}.
 *
 * @example
 * ```ts
 * frameFromArrow(arrowStream([["n", "float"]], [[0.5]])).getColumn("n").toArray(); // [0.5]
 * ```
 */
export function frameFromArrow(bytes: Uint8Array): pl.DataFrame {
  return pl.readIPCStream(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
