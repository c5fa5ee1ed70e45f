import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorDetails } from './ErrorDetails.js';
import { errorWords } from './errorWords.js';
import { useRequestError } from './RequestErrors.js';

/** Props of {@link RequestErrorBanner}. */
export interface RequestErrorBannerProps {
  /** What "Try again" does. Default: run every failed query of the page's QueryClient again. */
  onRetry?: () => Promise<unknown>;
}

/**
 * One banner for a failure that hit the whole page (Omni refused the token, the network is down), with a
 * way to try again. Tiles meanwhile keep their place and stay quiet.
 */
export function RequestErrorBanner({ onRetry }: RequestErrorBannerProps) {
  const error = useRequestError();
  const queryClient = useQueryClient();
  const [retrying, setRetrying] = useState(false);
  if (!error) return null;
  const { headline, hint } = errorWords(error);
  const retry = async () => {
    setRetrying(true);
    try {
      await (onRetry ? onRetry() : queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' }));
    } finally {
      setRetrying(false);
    }
  };
  return (
    <div className="oq-banner" role="alert">
      <div className="oq-banner-text">
        <p className="oq-banner-title">{headline}</p>
        <p className="oq-banner-hint">{hint}</p>
        <ErrorDetails error={error} />
      </div>
      <button type="button" className="oq-button" onClick={() => void retry()} disabled={retrying}>
        {retrying ? 'Trying again…' : 'Try again'}
      </button>
    </div>
  );
}
