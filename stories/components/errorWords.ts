import type { OmniError } from '../../src/index.js';

/** What an end user reads about a failure: a headline and one sentence on what to do. */
export interface ErrorWords {
  headline: string;
  hint: string;
}

/**
 * Plain words for an `OmniError`. The error's own message, kind and ids are for developers: they go in the
 * "Details for developers" disclosure, never in these words.
 */
export function errorWords(error: OmniError): ErrorWords {
  switch (error.kind) {
    case 'http':
      if (error.status === 401 || error.status === 403) {
        return {
          headline: 'Omni refused access to this dashboard',
          hint: 'Your access may have expired. Sign in again, or ask an admin to check the connection to Omni.',
        };
      }
      if (error.status === 429) {
        return { headline: 'Omni is busy', hint: 'Too many requests were sent at once. Wait a moment, then try again.' };
      }
      if (error.status !== undefined && error.status >= 500) {
        return { headline: 'Omni is having trouble', hint: 'Omni could not answer just now. Try again in a moment.' };
      }
      return { headline: 'Omni refused the request', hint: 'Try again. If it keeps failing, tell the dashboard’s owner.' };
    case 'network':
      return { headline: 'Omni could not be reached', hint: 'Check your connection, then try again.' };
    case 'schema':
      return {
        headline: 'Omni sent an answer this page cannot read',
        hint: 'Try again. If it keeps failing, tell the dashboard’s owner.',
      };
    case 'timeout':
      return {
        headline: 'This query took too long',
        hint: 'Omni did not finish it in time. Try a shorter date range, or try again later.',
      };
    case 'decode':
      return {
        headline: 'The result could not be read',
        hint: 'Omni finished the query, but its answer arrived damaged. Try again later, or tell the dashboard’s owner.',
      };
    case 'job':
      return {
        headline: 'Omni could not run this query',
        hint: 'The dashboard’s owner can fix it: the details say what Omni reported.',
      };
  }
}

/** True for failures of the request as a whole (every tile on the page is hit): shown once, in the page banner. */
export function isRequestWide(error: OmniError): boolean {
  return error.kind === 'http' || error.kind === 'network' || error.kind === 'schema' || error.jobId === undefined;
}
