import { Buffer } from 'node:buffer';
import { CompressionType, RecordBatchStreamWriter, compressionRegistry, tableFromArrays } from 'apache-arrow';
import lz4js from 'lz4js';

const compress = (lz4js as unknown as { compress(bytes: Uint8Array): Uint8Array }).compress;

/** The rows of {@link lz4Stream}, as `decodeResult` gives them. */
export const LZ4_ROWS = Array.from({ length: 50 }, (_, i) => ({ id: i, name: `row ${i % 7}` }));

/**
 * An Arrow stream whose record batches are LZ4_FRAME compressed, written by apache-arrow with a codec
 * registered only while writing: afterwards the registry is as empty as in an application.
 */
export function lz4Stream(): Uint8Array {
  compressionRegistry.set(CompressionType.LZ4_FRAME, { encode: compress, decode: (bytes) => bytes });
  try {
    const table = tableFromArrays({
      id: Int32Array.from(LZ4_ROWS, (row) => row.id),
      name: LZ4_ROWS.map((row) => row.name),
    });
    return RecordBatchStreamWriter.writeAll(table, { compressionType: CompressionType.LZ4_FRAME }).toUint8Array(true);
  } finally {
    compressionRegistry.set(CompressionType.LZ4_FRAME, null as never);
  }
}

export const base64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
