import { isJobId } from '../rules/parseJobIds.js';

/** The outcome of {@link parseWaitQuery}. */
export type WaitQuery =
  | {
      ok: true;
      /** The ids asked for, in order. Never empty. */
      jobIds: string[];
      /** The query string to send to Omni, rebuilt from `jobIds`, with its leading `?`. */
      search: string;
    }
  | { ok: false; message: string };

/**
 * Reads the job ids of a wait call from its query string, in either form Omni accepts: `job_ids` as a
 * JSON array (documented) or `jobIds` as a comma list (Omni's CLI). Exactly one parameter, once.
 *
 * The outgoing query string is rebuilt from the parsed ids, never copied, so nothing can be smuggled
 * to Omni in it: no second `job_ids`, no extra parameter, no `&` hidden in an encoding.
 */
export function parseWaitQuery(search: string): WaitQuery {
  const entries = [...new URLSearchParams(search)];
  const [entry, ...extra] = entries;
  if (entry === undefined) {
    return { ok: false, message: 'Missing job_ids: expected ?job_ids=<JSON array of job ids>.' };
  }
  if (extra.length > 0) {
    return { ok: false, message: 'Expected a single query parameter, job_ids (or jobIds), and nothing else.' };
  }
  const [name, value] = entry;
  if (name === 'job_ids') {
    const jobIds = parseJsonIds(value);
    return jobIds === undefined
      ? { ok: false, message: 'job_ids must be a non-empty JSON array of non-blank strings.' }
      : { ok: true, jobIds, search: `?job_ids=${encodeURIComponent(JSON.stringify(jobIds))}` };
  }
  if (name === 'jobIds') {
    const jobIds = value.split(',');
    return !jobIds.every(isJobId)
      ? { ok: false, message: 'jobIds must be a comma-separated list of non-blank job ids.' }
      : { ok: true, jobIds, search: `?jobIds=${jobIds.map(encodeURIComponent).join(',')}` };
  }
  return { ok: false, message: 'Unknown query parameter: only job_ids (or jobIds) is accepted.' };
}

function parseJsonIds(value: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const valid = Array.isArray(parsed) && parsed.length > 0 && parsed.every(isJobId);
  return valid ? (parsed as string[]) : undefined;
}
