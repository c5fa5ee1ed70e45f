import { tableToIPC, type Table } from 'apache-arrow';

const MAGIC_AND_PADDING = 8; // "ARROW1" + 2 bytes of padding
const TRAILER = 10; // int32 footer length + "ARROW1"
const BLOCK_SIZE = 24; // flatbuffers struct Block { offset: long; metaDataLength: int; bodyLength: long }

/**
 * `table` in the Arrow IPC *file* format as Arrow C++, Java and Python write it: magic, then the stream
 * (schema message first), then the footer. apache-arrow's JS writer leaves the schema message out of the
 * body (the footer has the schema too), which is a different file from what Omni's server sends; this
 * puts the schema message in and moves the footer's block offsets past it.
 */
export function arrowFileWithSchemaMessage(table: Table): Uint8Array {
  const stream = tableToIPC(table, 'stream');
  const streamView = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  // Stream framing: 0xFFFFFFFF continuation, int32 metadata length, metadata (a schema has no body).
  const schemaMessage = stream.subarray(0, 8 + streamView.getInt32(4, true));

  const file = tableToIPC(table, 'file');
  const fileView = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const footerLength = fileView.getInt32(file.length - TRAILER, true);
  const footerStart = file.length - TRAILER - footerLength;

  const out = new Uint8Array(file.length + schemaMessage.length);
  out.set(file.subarray(0, MAGIC_AND_PADDING), 0);
  out.set(schemaMessage, MAGIC_AND_PADDING);
  out.set(file.subarray(MAGIC_AND_PADDING), MAGIC_AND_PADDING + schemaMessage.length);

  const footerAt = footerStart + schemaMessage.length;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const root = footerAt + view.getUint32(footerAt, true);
  const vtable = root - view.getInt32(root, true);
  const vtableLength = view.getUint16(vtable, true);
  // Footer fields: 0 version, 1 schema, 2 dictionaries, 3 recordBatches: both vectors of Block.
  for (const field of [2, 3]) {
    const slot = 4 + field * 2;
    if (slot + 2 > vtableLength) continue;
    const fieldOffset = view.getUint16(vtable + slot, true);
    if (fieldOffset === 0) continue;
    const vectorAt = root + fieldOffset + view.getUint32(root + fieldOffset, true);
    const count = view.getUint32(vectorAt, true);
    for (let i = 0; i < count; i++) {
      const offsetAt = vectorAt + 4 + i * BLOCK_SIZE;
      view.setBigInt64(offsetAt, view.getBigInt64(offsetAt, true) + BigInt(schemaMessage.length), true);
    }
  }
  return out;
}
