import type { OmniError } from '../../src/index.js';

/** Props of {@link ErrorDetails}. */
export interface ErrorDetailsProps {
  error: OmniError;
  /** A sentence for the user shown first inside the disclosure, where a small tile has no room for it. Empty: none. */
  hint?: string | undefined;
  /** The disclosure's label. Default "Details for developers"; small tiles say "Details". */
  summary?: string;
}

/**
 * The technical side of a failure (kind, HTTP status, Omni's message and error type, job id), closed by
 * default: a developer opens it, an end user never has to read it.
 */
export function ErrorDetails({ error, hint, summary = 'Details for developers' }: ErrorDetailsProps) {
  const rows: [string, string | number | undefined][] = [
    ['kind', error.kind],
    ['HTTP status', error.status],
    ['Omni says', error.omniMessage],
    ['Omni error type', error.omniErrorType],
    ['job', error.jobId],
    ['retry after', error.retryAfterMs === undefined ? undefined : `${error.retryAfterMs} ms`],
    ['message', error.message],
  ];
  return (
    <details className="oq-error-details">
      <summary>{summary}</summary>
      {hint ? <p className="oq-error-message">{hint}</p> : null}
      <dl>
        {rows
          .filter(([, value]) => value !== undefined && value !== '')
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </details>
  );
}
