import { ndjsonResponse, type ProxyCacheStatus } from '../headers.js';
import type { StoredResult } from './createResultShelf.js';

/**
 * The answers the gateway writes itself, each in Omni's own NDJSON wire shape, so that the browser
 * client follows them exactly as it follows Omni's: header (`jobs_submitted`), job lines, footer
 * (`remaining_job_ids`, `timed_out` as a string).
 */
export const gatewayAnswers = {
  /** A run answered from a finished result: header, every job's terminal line, nothing remaining. */
  finishedRun(result: StoredResult): Response {
    return ndjsonResponse(
      [JSON.stringify({ jobs_submitted: result.jobs_submitted }), ...result.lines.map((line) => line.line), footer([], false)],
      'hit',
    );
  },
  /** A run that joined one in flight: its job ids, all still to be followed with waits. */
  joinedRun(jobs: Record<string, string | null>): Response {
    return ndjsonResponse([JSON.stringify({ jobs_submitted: jobs }), footer(Object.keys(jobs), true)], 'shared');
  },
  /** A wait: the terminal lines of some of its jobs (maybe none), and the ids still running. */
  wait(lines: readonly string[], remaining: readonly string[], timedOut: boolean, cache: ProxyCacheStatus): Response {
    return ndjsonResponse([...lines, footer(remaining, timedOut)], cache);
  },
};

function footer(remaining: readonly string[], timedOut: boolean): string {
  return JSON.stringify({ remaining_job_ids: remaining, timed_out: timedOut ? 'true' : 'false' });
}
