import { OmniError } from '../errors/OmniError.js';
import type { OmniClientOptions } from './OmniClient.js';

/**
 * The bearer token for one request: the string itself, or what the token function returns (awaited,
 * called anew for every request so that a rotated token is picked up). `undefined` when there is no
 * token, or it is `""`: then no `Authorization` header is sent.
 *
 * @throws OmniError of kind `network` when the token function throws, rejects or returns a
 *   non-string. `network` because, like an unreachable server, no request could be sent, and a
 *   token endpoint that fails once may work on a retry. The message never contains a token; the
 *   function's own error is kept as `cause`.
 */
export async function resolveToken(token: OmniClientOptions['token']): Promise<string | undefined> {
  if (token === undefined || token === null) return undefined;
  if (typeof token === 'string') return token === '' ? undefined : token;
  let value: unknown;
  try {
    value = await token();
  } catch (cause) {
    throw new OmniError('network', 'Could not get a token for Omni: the token function failed', { cause });
  }
  if (typeof value !== 'string') {
    throw new OmniError(
      'network',
      `Could not get a token for Omni: the token function returned ${value === null ? 'null' : typeof value}, not a string`,
    );
  }
  return value === '' ? undefined : value;
}
