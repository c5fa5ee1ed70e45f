import type { DeferredProxyOption } from './resolveProxyOptions.js';

/**
 * What a proxy created without `baseUrl` or `token` answers and reports. Names the options, never a
 * value: there is none, and the other one (present) may be the token.
 */
export function missingOptionsMessage(missing: readonly DeferredProxyOption[]): string {
  const names = missing.map((name) => `\`${name}\``).join(' and ');
  return `The Omni proxy is not configured: ${names} ${missing.length === 1 ? 'was' : 'were'} undefined when createOmniProxy was called (set the environment variable the app reads it from, then restart).`;
}
