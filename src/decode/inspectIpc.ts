import { DecodeFailure } from './DecodeFailure.js';

/** Which of the two Arrow IPC containers the bytes hold. */
export type IpcFormat = 'stream' | 'file';

const MESSAGE_SCHEMA = 1;
const MESSAGE_DICTIONARY_BATCH = 2;
const MESSAGE_RECORD_BATCH = 3;
const BIG_ENDIAN = 1;
const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/**
 * Checks the IPC framing before apache-arrow sees the bytes, because apache-arrow reads truncated
 * buffers as shorter arrays and big-endian data as garbage without complaint. Walks every message
 * (both the 0.15+ continuation framing and the legacy pre-0.15 one), checks that each message and
 * its body lie inside the input, that the stream starts with a little-endian schema, and, for the
 * file format, that the footer and its blocks lie inside the file. Throws a {@link DecodeFailure}.
 */
export function inspectIpc(bytes: Uint8Array): IpcFormat {
  if (bytes.length === 0) throw new DecodeFailure('the result is empty (0 bytes)');
  const reader = new FlatReader(bytes);
  if (hasMagic(bytes, 0)) {
    if (bytes.length < 18 || !hasMagic(bytes, bytes.length - 6)) {
      throw new DecodeFailure('the Arrow file is truncated (no closing ARROW1 magic)');
    }
    const footerLength = reader.int32(bytes.length - 10);
    const footerStart = bytes.length - 10 - footerLength;
    if (footerLength <= 0 || footerStart < 8) {
      throw new DecodeFailure('the Arrow file is corrupt (bad footer length)');
    }
    inspectFooter(reader, footerStart, footerLength);
    inspectMessages(reader, 8, footerStart);
    return 'file';
  }
  inspectMessages(reader, 0, bytes.length);
  return 'stream';
}

function hasMagic(bytes: Uint8Array, at: number): boolean {
  return MAGIC.every((byte, i) => bytes[at + i] === byte);
}

function inspectMessages(reader: FlatReader, start: number, end: number): void {
  let pos = start;
  let first = true;
  while (pos < end) {
    if (pos + 4 > end) throw truncated(pos);
    let length = reader.int32(pos);
    pos += 4;
    if (length === -1) {
      if (pos + 4 > end) throw truncated(pos);
      length = reader.int32(pos);
      pos += 4;
    }
    if (length === 0) {
      if (first) throw new DecodeFailure('the Arrow data has no schema (it ends before its first message)');
      return;
    }
    if (length < 0 || pos + length > end) throw truncated(pos);
    const message = new FlatTable(reader.scoped(pos, pos + length), 0);
    const headerType = message.uint8(1);
    const bodyLength = message.int64(3);
    pos += length;
    if (first) {
      if (headerType !== MESSAGE_SCHEMA) {
        throw new DecodeFailure('the result is not Arrow IPC data (it does not start with a schema message)');
      }
      checkEndianness(message.table(2));
      first = false;
    } else if (headerType !== MESSAGE_RECORD_BATCH && headerType !== MESSAGE_DICTIONARY_BATCH) {
      throw new DecodeFailure(`the Arrow data is corrupt (unexpected message type ${headerType})`);
    }
    if (bodyLength < 0 || pos + bodyLength > end) throw truncated(pos);
    pos += bodyLength;
  }
  if (first) throw truncated(pos);
}

function inspectFooter(reader: FlatReader, start: number, length: number): void {
  const footer = new FlatTable(reader.scoped(start, start + length), 0);
  const schema = footer.table(1);
  if (schema === undefined) throw new DecodeFailure('the Arrow file is corrupt (its footer has no schema)');
  checkEndianness(schema);
  for (const field of [2, 3]) {
    const blocks = footer.vector(field);
    if (blocks === undefined) continue;
    for (let i = 0; i < blocks.length; i++) {
      const at = blocks.start + i * 24;
      const offset = blocks.reader.int64(at);
      const metadataLength = blocks.reader.int32(at + 8);
      const bodyLength = blocks.reader.int64(at + 16);
      if (offset < 8 || metadataLength <= 0 || bodyLength < 0 || offset + metadataLength + bodyLength > start) {
        throw new DecodeFailure('the Arrow file is corrupt (a record batch lies outside the file)');
      }
    }
  }
}

function checkEndianness(schema: FlatTable | undefined): void {
  if (schema === undefined) throw new DecodeFailure('the Arrow data is corrupt (the schema message has no schema)');
  if (schema.int16(0) === BIG_ENDIAN) {
    throw new DecodeFailure(
      'the Arrow data is big-endian, which is not supported (apache-arrow would read every multi-byte value wrong)',
    );
  }
}

function truncated(at: number): DecodeFailure {
  return new DecodeFailure(`the Arrow data is truncated or corrupt (bad message framing at byte ${at})`);
}

/** Bounds-checked little-endian reads over a window of the input. */
class FlatReader {
  private readonly view: DataView;
  private readonly limit: number;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.limit = bytes.length;
  }

  scoped(start: number, end: number): FlatReader {
    return new FlatReader(this.bytes.subarray(start, end));
  }

  private check(at: number, size: number): void {
    if (at < 0 || at + size > this.limit || !Number.isInteger(at)) {
      throw new DecodeFailure('the Arrow metadata is corrupt (an offset points outside the message)');
    }
  }

  uint8(at: number): number {
    this.check(at, 1);
    return this.view.getUint8(at);
  }

  int16(at: number): number {
    this.check(at, 2);
    return this.view.getInt16(at, true);
  }

  uint16(at: number): number {
    this.check(at, 2);
    return this.view.getUint16(at, true);
  }

  int32(at: number): number {
    this.check(at, 4);
    return this.view.getInt32(at, true);
  }

  uint32(at: number): number {
    this.check(at, 4);
    return this.view.getUint32(at, true);
  }

  /** An int64 as a number; values beyond 2^53 are far past any real buffer, so they fail bounds checks anyway. */
  int64(at: number): number {
    this.check(at, 8);
    return this.view.getUint32(at, true) + this.view.getInt32(at + 4, true) * 4294967296;
  }
}

/** A flatbuffers table: a vtable of field offsets in front of inline scalars and offsets. */
class FlatTable {
  private readonly position: number;
  private readonly vtable: number;
  private readonly vtableLength: number;

  /** `at` holds the uoffset of the table (a root offset, or an offset field). */
  constructor(
    readonly reader: FlatReader,
    at: number,
  ) {
    this.position = at + reader.uint32(at);
    this.vtable = this.position - reader.int32(this.position);
    this.vtableLength = reader.uint16(this.vtable);
  }

  private field(index: number): number {
    const slot = 4 + index * 2;
    if (slot + 2 > this.vtableLength) return 0;
    const offset = this.reader.uint16(this.vtable + slot);
    return offset === 0 ? 0 : this.position + offset;
  }

  uint8(index: number): number {
    const at = this.field(index);
    return at === 0 ? 0 : this.reader.uint8(at);
  }

  int16(index: number): number {
    const at = this.field(index);
    return at === 0 ? 0 : this.reader.int16(at);
  }

  int64(index: number): number {
    const at = this.field(index);
    return at === 0 ? 0 : this.reader.int64(at);
  }

  table(index: number): FlatTable | undefined {
    const at = this.field(index);
    return at === 0 ? undefined : new FlatTable(this.reader, at);
  }

  vector(index: number): { reader: FlatReader; start: number; length: number } | undefined {
    const at = this.field(index);
    if (at === 0) return undefined;
    const vector = at + this.reader.uint32(at);
    return { reader: this.reader, start: vector + 4, length: this.reader.uint32(vector) };
  }
}
