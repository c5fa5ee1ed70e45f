import { useMemo } from 'react';

/**
 * `build()`, rebuilt only when `scope` (by identity) or `hash` (a `contentHash` of every other
 * value `build` reads) changes. Callers build queries and options during render, so identity would
 * rebuild on every render while content rarely changes.
 */
export function useContentMemo<T>(scope: unknown, hash: string, build: () => T): T {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `hash` stands for everything `build` reads besides `scope`
  return useMemo(build, [scope, hash]);
}
