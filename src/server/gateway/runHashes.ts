import { contentHash } from '../../query/contentHash.js';
import { hmacHex } from './hmacHex.js';

/** The hashes that name one run: in flight (the whole body) and finished (the body without `cache`). */
export interface RunHashes {
  runHash: string;
  resultHash: string;
}

/**
 * Keyed hashes (HMAC-SHA-256 under the token) of the partition and the canonical run body: two
 * proxies with different keys never compute the same hash, and a store reader cannot tell which
 * query a hash stands for.
 */
export async function runHashes(token: string, partition: string, body: Readonly<Record<string, unknown>>): Promise<RunHashes> {
  const { cache: _cache, ...withoutCache } = body;
  const [runHash, resultHash] = await Promise.all([
    hmacHex(token, `run\n${partition}\n${contentHash(body)}`),
    hmacHex(token, `result\n${partition}\n${contentHash(withoutCache)}`),
  ]);
  return { runHash, resultHash };
}
