import { CompressionType, compressionRegistry } from 'apache-arrow';
import { decompress as zstdDecompress } from 'fzstd';
import lz4js from 'lz4js';
import { alignedBytes } from '../columns/alignedBytes.js';

/**
 * Lets apache-arrow read LZ4_FRAME and ZSTD compressed batches, which it cannot do on its own.
 * Idempotent. Codecs the application registered itself are left in place.
 */
export function registerCodecs(): void {
  if (compressionRegistry.get(CompressionType.LZ4_FRAME) === null) {
    compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (bytes) => alignedBytes(lz4js.decompress(bytes)) });
  }
  if (compressionRegistry.get(CompressionType.ZSTD) === null) {
    compressionRegistry.set(CompressionType.ZSTD, { decode: (bytes) => alignedBytes(zstdDecompress(bytes)) });
  }
}
