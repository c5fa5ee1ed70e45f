import { DecodeFailure } from '../DecodeFailure.js';

/** Which of the two Arrow IPC containers the bytes hold. */
export type IpcFormat = 'stream' | 'file';

/** What {@link inspectIpc} learnt about bytes it accepted. */
export interface IpcInfo {
  format: IpcFormat;
  /**
   * The compression codecs the batches use, as the format's `CompressionType` numbers (the same
   * numbers as apache-arrow's enum: 0 LZ4_FRAME, 1 ZSTD). Empty for uncompressed data, Omni's case.
   */
  codecs: ReadonlySet<number>;
}

// Flatbuffers slots (field indices) of the tables read below, from the Arrow format's Message.fbs,
// Schema.fbs and File.fbs. A slot absent from an older writer's vtable reads as its default.
// Const enums, so that a bundler inlines the numbers.

/** `Message` (Message.fbs). */
const enum Message {
  /** `header_type: MessageHeader` (ubyte): which table `header` points at (see `MESSAGE_*`). */
  headerType = 1,
  /** `header: MessageHeader`: the Schema, DictionaryBatch or RecordBatch table. */
  header = 2,
  /** `bodyLength: long`: bytes of body following the metadata, 8-byte aligned. */
  bodyLength = 3,
  /** `custom_metadata: [KeyValue]`. */
  customMetadata = 4,
}

/** `Schema` (Schema.fbs), in a schema message or in the file footer. */
const enum Schema {
  /** `endianness: Endianness` (short): 0 little, 1 big. */
  endianness = 0,
  /** `fields: [Field]`: the top-level columns. */
  fields = 1,
  /** `custom_metadata: [KeyValue]`. */
  customMetadata = 2,
  /** `features: [Feature]` (longs). */
  features = 3,
}

/** `Field` (Schema.fbs). */
const enum Field {
  /** `name: string`. */
  name = 0,
  /** `type_type: Type` (ubyte): which table `type` points at (see `TYPE_*`). */
  typeType = 2,
  /** `type: Type`: the type's own table (Int, Timestamp, Union, …). */
  type = 3,
  /** `dictionary: DictionaryEncoding`: set for dictionary-encoded fields. */
  dictionary = 4,
  /** `children: [Field]`: nested types' child fields. */
  children = 5,
  /** `custom_metadata: [KeyValue]`. */
  customMetadata = 6,
}

/** `DictionaryEncoding` (Schema.fbs). */
const enum DictionaryEncoding {
  /** `indexType: Int`: the index integer type. */
  indexType = 1,
}

/** `Timestamp` (Schema.fbs). */
const enum Timestamp {
  /** `timezone: string`. */
  timezone = 1,
}

/** `Union` (Schema.fbs). */
const enum Union {
  /** `typeIds: [int]`. */
  typeIds = 1,
}

/** `KeyValue` (Schema.fbs). */
const enum KeyValue {
  /** `key: string`. */
  key = 0,
  /** `value: string`. */
  value = 1,
}

/** `RecordBatch` (Message.fbs), also the `data` of a dictionary batch. */
const enum RecordBatch {
  /** `length: long`: rows in the batch. */
  length = 0,
  /** `nodes: [FieldNode]`: one struct per field, depth first. */
  nodes = 1,
  /** `buffers: [Buffer]`: one struct per buffer, offsets into the body. */
  buffers = 2,
  /** `compression: BodyCompression`: set when the buffers are LZ4 or ZSTD compressed. */
  compression = 3,
  /** `variadicBufferCounts: [long]`: data buffers per view column. */
  variadicBufferCounts = 4,
}

/** `BodyCompression` (Message.fbs). */
const enum BodyCompression {
  /** `codec: CompressionType` (byte): 0 LZ4_FRAME (the default), 1 ZSTD. */
  codec = 0,
}
const KNOWN_CODECS = new Set([0, 1]);

/** `DictionaryBatch` (Message.fbs). */
const enum DictionaryBatch {
  /** `data: RecordBatch`: the dictionary's values, as a one-column batch. */
  data = 1,
}

/** `Footer` (File.fbs). */
const enum Footer {
  /** `schema: Schema`. */
  schema = 1,
  /** `dictionaries: [Block]`. */
  dictionaries = 2,
  /** `recordBatches: [Block]`. */
  recordBatches = 3,
}

// Struct sizes in bytes. FieldNode { length: long; null_count: long }, Buffer { offset: long;
// length: long }, Block { offset: long; metaDataLength: int; (pad); bodyLength: long }.
const FIELD_NODE_SIZE = 16;
const BUFFER_SIZE = 16;
const BLOCK_SIZE = 24;
// Element sizes of the vectors of offsets (tables, strings) and of longs.
const OFFSET_SIZE = 4;
const LONG_SIZE = 8;

const MESSAGE_SCHEMA = 1;
const MESSAGE_DICTIONARY_BATCH = 2;
const MESSAGE_RECORD_BATCH = 3;
const BIG_ENDIAN = 1;
const TYPE_TIMESTAMP = 10;
const TYPE_UNION = 14;
const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const MAX_DEPTH = 64;
// Columns of the Null type (and tables without columns) need no body at all, so a row count cannot be
// bounded by the body size alone; this allowance keeps a corrupt count from looping for minutes.
const ROWS_WITHOUT_BODY = 1 << 20;

/**
 * Checks the IPC metadata before apache-arrow sees it, because apache-arrow trusts it: it reads
 * truncated buffers as shorter arrays, big-endian data as garbage, and loops for as long as a
 * corrupt vector length says. Walks every message (0.15+ continuation framing and the legacy
 * pre-0.15 one) and every flatbuffers table and vector apache-arrow will read, and checks that
 * each lies inside its message, that the stream starts with a little-endian schema and ends at a
 * message boundary (with or without its end-of-stream marker), that every buffer of a batch lies
 * inside its body, and, for the file format, that the footer and its blocks lie inside the file.
 * Throws a {@link DecodeFailure}.
 */
export function inspectIpc(bytes: Uint8Array): IpcInfo {
  const codecs = new Set<number>();
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
    inspectFooter(reader.scoped(footerStart, footerStart + footerLength), footerStart);
    inspectMessages(reader, 8, footerStart, false, codecs);
    return { format: 'file', codecs };
  }
  inspectMessages(reader, 0, bytes.length, true, codecs);
  return { format: 'stream', codecs };
}

function hasMagic(bytes: Uint8Array, at: number): boolean {
  return MAGIC.every((byte, i) => bytes[at + i] === byte);
}

// The IPC spec lets a stream writer end either with the end-of-stream marker or by closing the
// stream, and pyarrow and apache-arrow read both: a stream that ends exactly after a whole message
// (its schema, then zero or more batches) is complete. A stream cut inside a message (its length
// prefix, metadata or body) is truncated. A stream must open with its schema. A file has its schema
// in its footer (checked there), and apache-arrow's own JS writer puts it only there: a file's
// messages may start with a batch, or be none.
function inspectMessages(reader: FlatReader, start: number, end: number, isStream: boolean, codecs: Set<number>): void {
  let pos = start;
  let count = 0;
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
      if (isStream && count === 0) throw new DecodeFailure('the Arrow data has no schema (it ends before its first message)');
      return;
    }
    if (length < 0 || pos + length > end) throw truncated(pos);
    const message = FlatTable.root(reader.scoped(pos, pos + length));
    const headerType = message.uint8(Message.headerType);
    const bodyLength = message.int64(Message.bodyLength);
    pos += length;
    if (bodyLength < 0 || pos + bodyLength > end) throw truncated(pos);
    checkKeyValues(message, Message.customMetadata);
    const atStart = count === 0;
    count += 1;
    if (atStart && headerType === MESSAGE_SCHEMA) {
      checkSchema(message.table(Message.header));
    } else if (atStart && isStream) {
      throw new DecodeFailure('the result is not Arrow IPC data (it does not start with a schema message)');
    } else if (headerType === MESSAGE_RECORD_BATCH) {
      checkRecordBatch(message.table(Message.header), bodyLength, codecs);
    } else if (headerType === MESSAGE_DICTIONARY_BATCH) {
      checkRecordBatch(message.table(Message.header)?.table(DictionaryBatch.data), bodyLength, codecs);
    } else {
      throw new DecodeFailure(`the Arrow data is corrupt (unexpected message type ${headerType})`);
    }
    pos += bodyLength;
  }
  if (isStream && count === 0) throw truncated(pos);
}

function inspectFooter(reader: FlatReader, footerStart: number): void {
  const footer = FlatTable.root(reader);
  checkSchema(footer.table(Footer.schema));
  for (const field of [Footer.dictionaries, Footer.recordBatches]) {
    const blocks = footer.vector(field, BLOCK_SIZE);
    for (let i = 0; i < blocks.length; i++) {
      const at = blocks.start + i * BLOCK_SIZE;
      const offset = reader.int64(at);
      const metadataLength = reader.int32(at + 8);
      const bodyLength = reader.int64(at + 16);
      if (offset < 8 || metadataLength <= 0 || bodyLength < 0 || offset + metadataLength + bodyLength > footerStart) {
        throw new DecodeFailure('the Arrow file is corrupt (a record batch lies outside the file)');
      }
    }
  }
}

function checkSchema(schema: FlatTable | undefined): void {
  if (schema === undefined) throw corrupt('the schema message has no schema');
  if (schema.int16(Schema.endianness) === BIG_ENDIAN) {
    throw new DecodeFailure(
      'the Arrow data is big-endian, which is not supported (apache-arrow would read every multi-byte value wrong)',
    );
  }
  checkFields(schema, Schema.fields, 0);
  checkKeyValues(schema, Schema.customMetadata);
  schema.vector(Schema.features, LONG_SIZE);
}

function checkFields(parent: FlatTable, field: number, depth: number): void {
  if (depth > MAX_DEPTH) throw corrupt('its types nest too deeply');
  const fields = parent.vector(field, OFFSET_SIZE);
  for (let i = 0; i < fields.length; i++) {
    const child = fields.tableAt(i);
    child.string(Field.name);
    const typeType = child.uint8(Field.typeType);
    const type = child.table(Field.type);
    if (typeType === TYPE_TIMESTAMP) type?.string(Timestamp.timezone);
    if (typeType === TYPE_UNION) type?.vector(Union.typeIds, OFFSET_SIZE);
    child.table(Field.dictionary)?.table(DictionaryEncoding.indexType);
    checkFields(child, Field.children, depth + 1);
    checkKeyValues(child, Field.customMetadata);
  }
}

function checkKeyValues(table: FlatTable, field: number): void {
  const pairs = table.vector(field, OFFSET_SIZE);
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs.tableAt(i);
    pair.string(KeyValue.key);
    pair.string(KeyValue.value);
  }
}

function checkRecordBatch(batch: FlatTable | undefined, bodyLength: number, codecs: Set<number>): void {
  if (batch === undefined) throw corrupt('a batch message has no batch');
  const maxRows = bodyLength * 8 + ROWS_WITHOUT_BODY;
  const rows = batch.int64(RecordBatch.length);
  if (rows < 0 || rows > maxRows) throw corrupt(`a batch claims ${rows} rows`);
  const nodes = batch.vector(RecordBatch.nodes, FIELD_NODE_SIZE);
  for (let i = 0; i < nodes.length; i++) {
    const length = nodes.reader.int64(nodes.start + i * FIELD_NODE_SIZE);
    const nullCount = nodes.reader.int64(nodes.start + i * FIELD_NODE_SIZE + 8);
    if (length < 0 || length > maxRows || nullCount < 0 || nullCount > length) {
      throw corrupt(`a column claims ${length} values with ${nullCount} nulls`);
    }
  }
  const buffers = batch.vector(RecordBatch.buffers, BUFFER_SIZE);
  for (let i = 0; i < buffers.length; i++) {
    const offset = buffers.reader.int64(buffers.start + i * BUFFER_SIZE);
    const length = buffers.reader.int64(buffers.start + i * BUFFER_SIZE + 8);
    if (offset < 0 || length < 0 || offset + length > bodyLength) throw corrupt('a buffer lies outside its batch');
  }
  const compression = batch.table(RecordBatch.compression);
  if (compression !== undefined) {
    const codec = compression.int8(BodyCompression.codec);
    if (!KNOWN_CODECS.has(codec)) throw corrupt(`a batch names the unknown compression codec ${codec}`);
    codecs.add(codec);
  }
  batch.vector(RecordBatch.variadicBufferCounts, LONG_SIZE);
}

function truncated(at: number): DecodeFailure {
  return new DecodeFailure(`the Arrow data is truncated or corrupt (bad message framing at byte ${at})`);
}

function corrupt(reason: string): DecodeFailure {
  return new DecodeFailure(`the Arrow metadata is corrupt (${reason})`);
}

/** Bounds-checked little-endian reads over one message. */
class FlatReader {
  private readonly view: DataView;
  readonly limit: number;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.limit = bytes.length;
  }

  scoped(start: number, end: number): FlatReader {
    return new FlatReader(this.bytes.subarray(start, end));
  }

  check(at: number, size: number): void {
    if (!(at >= 0 && at + size <= this.limit)) throw corrupt('an offset points outside its message');
  }

  uint8(at: number): number {
    this.check(at, 1);
    return this.view.getUint8(at);
  }

  int8(at: number): number {
    this.check(at, 1);
    return this.view.getInt8(at);
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

  /** An int64 as a number: exact up to 2^53, far beyond any size that passes the bounds checks. */
  int64(at: number): number {
    this.check(at, 8);
    return this.view.getUint32(at, true) + this.view.getInt32(at + 4, true) * 4294967296;
  }
}

/** A flatbuffers vector whose elements were checked to lie inside the message. */
class FlatVector {
  constructor(
    readonly reader: FlatReader,
    readonly start: number,
    readonly length: number,
  ) {}

  /** The table an element of a vector of tables points at. */
  tableAt(index: number): FlatTable {
    return new FlatTable(this.reader, this.start + index * 4);
  }
}

const EMPTY = new FlatVector(new FlatReader(new Uint8Array(0)), 0, 0);

/** A flatbuffers table: a vtable of field offsets in front of inline scalars and offsets. */
class FlatTable {
  private readonly position: number;
  private readonly vtable: number;
  private readonly vtableLength: number;

  static root(reader: FlatReader): FlatTable {
    return new FlatTable(reader, 0);
  }

  /** `at` holds the uoffset of the table (the root offset, or an offset field). */
  constructor(
    private readonly reader: FlatReader,
    at: number,
  ) {
    this.position = at + reader.uint32(at);
    this.vtable = this.position - reader.int32(this.position);
    this.vtableLength = reader.uint16(this.vtable);
    reader.check(this.vtable, this.vtableLength);
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

  int8(index: number): number {
    const at = this.field(index);
    return at === 0 ? 0 : this.reader.int8(at);
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

  /** A vector field (empty when absent), with its elements checked to lie inside the message. */
  vector(index: number, elementSize: number): FlatVector {
    const at = this.field(index);
    if (at === 0) return EMPTY;
    const vector = at + this.reader.uint32(at);
    const length = this.reader.uint32(vector);
    this.reader.check(vector + 4, length * elementSize);
    return new FlatVector(this.reader, vector + 4, length);
  }

  /** Checks that a string field lies inside the message. */
  string(index: number): void {
    this.vector(index, 1);
  }
}
