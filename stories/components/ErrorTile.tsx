import type { OmniError } from '../../src/index.js';
import { ErrorDetails } from './ErrorDetails.js';
import { errorWords } from './errorWords.js';

/** Props of {@link ErrorTile}. */
export interface ErrorTileProps {
  error: OmniError;
}

/**
 * What a user sees when one tile fails on its own (its query failed, its result was damaged, it took too
 * long): a headline and what to do, in plain words, with the technical details folded away.
 */
export function ErrorTile({ error }: ErrorTileProps) {
  const { headline, hint } = errorWords(error);
  return (
    <div className="oq-error" role="alert">
      <p className="oq-error-title">{headline}</p>
      <p className="oq-error-message">{hint}</p>
      <ErrorDetails error={error} />
    </div>
  );
}
