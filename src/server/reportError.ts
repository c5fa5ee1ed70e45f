import type { OmniProxyErrorStage } from './OmniProxyOptions.js';
import type { ResolvedProxyOptions } from './resolveProxyOptions.js';

/** Hands an error to the app's `onError`, if any; the app's logger failing must not change the answer. */
export function reportError(config: Pick<ResolvedProxyOptions, 'onError'>, error: unknown, stage: OmniProxyErrorStage): void {
  try {
    config.onError?.(error, stage);
  } catch {
    // Ignored on purpose: see above.
  }
}
