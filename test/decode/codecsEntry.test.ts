import { CompressionType, compressionRegistry } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { LZ4_ROWS, base64Of, lz4Stream } from './compressedStream.js';

const stream = lz4Stream();

describe("import 'omni-query-hooks/codecs'", () => {
  it('registers the LZ4 and ZSTD codecs, after which decodeResult reads compressed batches', async () => {
    expect(() => decodeResult(stream)).toThrow(/omni-query-hooks\/codecs/);
    await import('../../src/codecs.js');
    expect(compressionRegistry.get(CompressionType.LZ4_FRAME)).not.toBeNull();
    expect(compressionRegistry.get(CompressionType.ZSTD)).not.toBeNull();
    expect(decodeResult(stream).rows).toEqual(LZ4_ROWS);
    expect(decodeResult(base64Of(stream)).rows).toEqual(LZ4_ROWS);
  });

  it('leaves a codec the application registered itself in place', async () => {
    const own = { decode: (bytes: Uint8Array) => bytes };
    compressionRegistry.set(CompressionType.ZSTD, own);
    const { registerCodecs } = await import('../../src/codecs.js');
    registerCodecs();
    expect(compressionRegistry.get(CompressionType.ZSTD)).toBe(own);
  });
});
