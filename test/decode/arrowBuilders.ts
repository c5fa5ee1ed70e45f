import { Field, Message, RecordBatch, Schema, Struct, Table, makeData, tableToIPC, type Data, type DataType } from 'apache-arrow';

/** Arrow IPC bytes of one table whose columns are given as (name, chunks) pairs; names may repeat. */
export function ipcOf(columns: [string, readonly Data[]][], format: 'stream' | 'file' = 'stream'): Uint8Array {
  const fields = columns.map(([name, chunks]) => new Field(name, chunks[0]!.type, true));
  const schema = new Schema(fields);
  const batches = columns[0]![1].map((first, b) => {
    const children = columns.map(([, chunks]) => chunks[b]!);
    return new RecordBatch(schema, makeData({ type: new Struct(fields), length: first.length, children }));
  });
  return tableToIPC(new Table(batches), format);
}

/** A validity bitmap with the given slots null. */
export function nullBitmapOf(length: number, nulls: readonly number[]): Uint8Array {
  const bitmap = new Uint8Array(Math.ceil(length / 8)).fill(0xff);
  for (const i of nulls) bitmap[i >> 3]! &= ~(1 << (i & 7));
  return bitmap;
}

/** Little-endian two's-complement 32-bit words of each value, `words` per value (decimal storage). */
export function decimalWords(values: readonly bigint[], words: number): Uint32Array {
  const out = new Uint32Array(values.length * words);
  values.forEach((value, i) => {
    let rest = BigInt.asUintN(32 * words, value);
    for (let w = 0; w < words; w++) {
      out[i * words + w] = Number(rest & 0xffffffffn);
      rest >>= 32n;
    }
  });
  return out;
}

/** Shorthand for a fixed-width column chunk. */
export function fixed<T extends DataType>(
  type: T,
  data: ArrayLike<number> | ArrayLike<bigint>,
  nulls: readonly number[] = [],
): Data<T> {
  const length =
    type.typeId === 7 /* Decimal */
      ? data.length / (Number((type as unknown as { bitWidth: number }).bitWidth) / 32)
      : data.length;
  return makeData({
    type,
    length,
    data: data as never,
    nullBitmap: nulls.length > 0 ? nullBitmapOf(length, nulls) : undefined,
    nullCount: nulls.length,
  } as never) as Data<T>;
}

/**
 * Byte offsets at which an Arrow IPC stream's messages end (after the schema, each dictionary batch
 * and each record batch), read with apache-arrow's own metadata parser. Stops at the end-of-stream
 * marker, which is not counted.
 */
export function messageEnds(stream: Uint8Array): number[] {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const ends: number[] = [];
  let pos = 0;
  while (pos + 4 <= stream.length) {
    let prefix = 4;
    let length = view.getInt32(pos, true);
    if (length === -1) {
      prefix = 8;
      length = view.getInt32(pos + 4, true);
    }
    if (length === 0) break;
    const metadata = stream.subarray(pos + prefix, pos + prefix + length);
    pos += prefix + length + Number(Message.decode(metadata).bodyLength);
    ends.push(pos);
  }
  return ends;
}
