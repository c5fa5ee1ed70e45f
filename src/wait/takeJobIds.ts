/** `[` and `]` of the JSON array, percent-encoded: `%5B` and `%5D`. */
const BRACKETS_LENGTH = 6;
/** `,` between two ids, percent-encoded: `%2C`. */
const SEPARATOR_LENGTH = 3;

/**
 * Moves the ids at the front of `queue` (in its order) into a new map, as many as fit in one wait
 * request: the `job_ids` value they make, `encodeURIComponent(JSON.stringify(ids))`, is at most
 * `maxLength` characters long. Always takes the first id, even when that id alone is longer, so
 * that every id can be asked. Stops at the first id that does not fit rather than skipping it: a
 * long id is never overtaken by shorter ones behind it.
 *
 * The length is summed id by id (each id's encoded length plus a separator), which equals the
 * length of the encoded array because JSON and percent-encoding both encode an array piece by piece.
 *
 * @param queue ids to values (e.g. their callers); the taken ids are deleted from it, the rest stay
 *   in order. Empty map in, empty map out.
 * @param maxLength the cap in characters; `Infinity` takes every id.
 * @returns the taken ids and their values, in queue order; empty only when `queue` was empty.
 */
export function takeJobIds<T>(queue: Map<string, T>, maxLength: number): Map<string, T> {
  const taken = new Map<string, T>();
  let length = BRACKETS_LENGTH;
  for (const [jobId, value] of queue) {
    length += encodeURIComponent(JSON.stringify(jobId)).length + (taken.size > 0 ? SEPARATOR_LENGTH : 0);
    if (length > maxLength && taken.size > 0) break;
    taken.set(jobId, value);
  }
  for (const jobId of taken.keys()) queue.delete(jobId);
  return taken;
}
