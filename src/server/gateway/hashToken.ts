import { hmacHex } from './hmacHex.js';

/**
 * The token's keyed hash, the only form in which a token reaches the store's keys: proxies whose
 * keys differ never share anything, and nobody can tell the key from its hash.
 */
export async function hashToken(token: string): Promise<string> {
  return (await hmacHex(token, 'omni-query-hooks gateway: token')).slice(0, 32);
}
