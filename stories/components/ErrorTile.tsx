import type { OmniError, OmniErrorKind } from '../../src/index.js';

const HEADLINES: Record<OmniErrorKind, string> = {
  http: 'Omni refused the request',
  network: 'Omni could not be reached',
  schema: 'Omni sent an unexpected response',
  decode: 'The result could not be read',
  job: 'The query failed',
  timeout: 'Gave up waiting for the result',
};

/** Props of {@link ErrorTile}. */
export interface ErrorTileProps {
  error: OmniError;
}

/** What a user sees when a tile fails: a headline per error kind, the message, and the context worth reporting. */
export function ErrorTile({ error }: ErrorTileProps) {
  const headline = error.kind === 'http' && error.status ? `${HEADLINES.http} (HTTP ${error.status})` : HEADLINES[error.kind];
  const meta = [
    `kind: ${error.kind}`,
    error.omniErrorType ? `type: ${error.omniErrorType}` : '',
    error.jobId ? `job: ${error.jobId}` : '',
    error.retryAfterMs !== undefined ? `retry after: ${error.retryAfterMs} ms` : '',
  ].filter(Boolean);
  return (
    <div className="oq-error" role="alert">
      <p className="oq-error-title">{headline}</p>
      <p className="oq-error-message">{error.omniMessage ?? error.message}</p>
      <p className="oq-error-meta">{meta.join(' · ')}</p>
    </div>
  );
}
