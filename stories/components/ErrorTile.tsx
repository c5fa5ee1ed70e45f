import type { OmniError } from '../../src/index.js';
import { ErrorDetails } from './ErrorDetails.js';
import { errorWords } from './errorWords.js';

/** Props of {@link ErrorTile}. */
export interface ErrorTileProps {
  error: OmniError;
  /** For small tiles (KPI cards): the headline only; what to do moves into the details. */
  compact?: boolean;
  /** Shows a "Try again" button that calls this (an error boundary's reset). Empty: no button. */
  onRetry?: (() => void) | undefined;
}

/**
 * What a user sees when one tile fails on its own (its query failed, its result was damaged, it took too
 * long): a headline and what to do, in plain words, with the technical details folded away.
 */
export function ErrorTile({ error, compact = false, onRetry }: ErrorTileProps) {
  const { headline, hint } = errorWords(error);
  return (
    <div className={compact ? 'oq-error oq-error-compact' : 'oq-error'} role="alert">
      <p className="oq-error-title" title={compact ? headline : undefined}>
        {headline}
      </p>
      {compact ? null : <p className="oq-error-message">{hint}</p>}
      {compact ? <ErrorDetails error={error} hint={hint} summary="Details" /> : <ErrorDetails error={error} />}
      {onRetry ? (
        <button type="button" className="oq-button oq-button-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
