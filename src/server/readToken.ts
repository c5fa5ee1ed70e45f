import type { ResolvedProxyOptions } from './resolveProxyOptions.js';
import { isUsableToken } from './resolveProxyOptions.js';
import { reportError } from './reportError.js';

/** The token, or `undefined` (reported) when the token function fails or gives something unusable. */
export async function readToken(config: ResolvedProxyOptions): Promise<string | undefined> {
  let token: unknown;
  try {
    token = typeof config.token === 'function' ? await config.token() : config.token;
  } catch (error) {
    reportError(config, error, 'token');
    return undefined;
  }
  if (!isUsableToken(token)) {
    reportError(config, new TypeError('The token is not a non-empty string of visible ASCII characters.'), 'token');
    return undefined;
  }
  return token;
}
