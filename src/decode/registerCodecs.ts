import { CompressionType, compressionRegistry } from 'apache-arrow';
import { decompress as zstdDecompress } from 'fzstd';
import lz4js from 'lz4js';

let registered = false;

/**
 * Lets apache-arrow read LZ4_FRAME and ZSTD compressed batches, which it cannot do on its own.
 * Runs on the first decode, not at import, so that importing the library has no side effect.
 * Codecs the application registered itself are left in place.
 */
export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  if (compressionRegistry.get(CompressionType.LZ4_FRAME) === null) {
    compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (bytes) => aligned(lz4js.decompress(bytes)) });
  }
  if (compressionRegistry.get(CompressionType.ZSTD) === null) {
    compressionRegistry.set(CompressionType.ZSTD, { decode: (bytes) => aligned(zstdDecompress(bytes)) });
  }
}

// apache-arrow views decompressed buffers as BigInt64Array/Float64Array, which need 8-byte alignment.
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
}
