/**
 * Bad input, end to end: every case goes through msw, the real client, the shared wait batcher and
 * `useQueryResults`, and states what the user gets: the right rows, or a typed OmniError of the
 * right kind on the right job (or on the whole result when the whole request failed).
 */
import { waitFor } from '@testing-library/react';
import { tableFromArrays } from 'apache-arrow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OmniError, type OmniErrorKind } from '../../src/errors/OmniError.js';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import { DEFAULT_MAX_JOB_IDS_LENGTH } from '../../src/wait/WaitBatcher.js';
import type { UseQueryResultsOptions } from '../../src/react/useQueryResults.js';
import { arrowFileWithSchemaMessage } from '../../stories/support/arrowFileWithSchemaMessage.js';
import { bytesToBase64, docsJobLine, streamErrorLine, unknownJobLine } from '../fakeOmni.js';
import {
  expectNoMoreRequests,
  newClient,
  providers,
  recordUnhandledRejections,
  renderResults,
  server,
  useFakeClock,
} from '../support/omniTest.js';
import { scriptedOmni, type ScriptedOmni, type ScriptStep } from '../support/scriptedOmni.js';
import { arrowBytes, complete, footer, lines, resultOf } from '../support/wire.js';

const unhandled = recordUnhandledRejections();

const ORDERS = { 'orders.id': Int32Array.from([1, 2]), 'orders.status': ['new', 'paid'] };
const ORDER_ROWS = [
  { 'orders.id': 1, 'orders.status': 'new' },
  { 'orders.id': 2, 'orders.status': 'paid' },
];
const USERS = { 'users.count': Int32Array.from([7]) };
const USER_ROWS = [{ 'users.count': 7 }];
const A = resultOf(ORDERS);
const B = resultOf(USERS);
// The docs' file format as Omni's server (Arrow C++/Java) writes it: the schema message comes first.
const A_FILE = bytesToBase64(arrowFileWithSchemaMessage(tableFromArrays(ORDERS)));
// apache-arrow's JS writer leaves that schema message out of the body (the footer holds the schema).
const A_JS_FILE = resultOf(ORDERS, 'file');
const done = (remaining: string[] = []) => footer(remaining, 'false');
const ndjson = (...items: unknown[]) => ({ body: lines(items) });
const html502 =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>';

/** One row of the table. */
interface BadInputCase {
  /** What Omni (or a proxy) sends. */
  name: string;
  /** What the user gets, in words (part of the test name). */
  gets: string;
  ids: string[];
  answers: ScriptStep[];
  then?: ScriptStep;
  options?: UseQueryResultsOptions;
  /** Backoff jitter draws 0 (so retries without Retry-After wait the 100 ms floor, not up to seconds). */
  noJitter?: boolean;
  /** Runs on a fake clock (real time still flows), so the check can jump ahead to see that nothing more is sent. */
  fakeClock?: boolean;
  /** When the case has played out. Default: the result is `success` or `error`. */
  until?: (results: QueryResults) => boolean;
  check: (results: QueryResults, omni: ScriptedOmni, history: QueryResults[]) => void;
}

const job = (results: QueryResults, jobId: string) => {
  const found = results.jobs.find((item) => item.jobId === jobId);
  if (found === undefined) throw new Error(`no job ${jobId} in the result`);
  return found;
};

function expectRows(results: QueryResults, jobId: string, rows: unknown[]): void {
  const item = job(results, jobId);
  expect(item.status, `${jobId} should be complete, error: ${item.error?.message}`).toBe('complete');
  expect(item.rows).toEqual(rows);
  expect(item.error).toBeUndefined();
}

function expectJobError(results: QueryResults, jobId: string, kind: OmniErrorKind, message?: RegExp): OmniError {
  const item = job(results, jobId);
  expect(item.status).toBe('error');
  expect(item.error).toBeInstanceOf(OmniError);
  expect(item.error).toMatchObject({ kind, jobId });
  if (message !== undefined) expect(item.error?.message).toMatch(message);
  expect(item.rows).toEqual([]);
  return item.error!;
}

function expectRequestError(results: QueryResults, kind: OmniErrorKind, status?: number): OmniError {
  expect(results.status).toBe('error');
  expect(results.error).toBeInstanceOf(OmniError);
  expect(results.error).toMatchObject({ kind, ...(status === undefined ? {} : { status }) });
  return results.error!;
}

/** Byte offsets just after each occurrence of `needle` in the UTF-8 body, minus `back` bytes. */
function cutsAt(body: string, needle: string, back = 0): number[] {
  const bytes = new TextEncoder().encode(body);
  const pattern = new TextEncoder().encode(needle);
  const cuts: number[] = [];
  for (let at = 0; at + pattern.length <= bytes.length; at += 1) {
    if (pattern.every((byte, i) => bytes[at + i] === byte)) cuts.push(at + pattern.length - back);
  }
  return cuts;
}

const labelled = complete('a', A, {
  summary: { fields: { 'orders.id': { label: 'Bestell‑Nr. №' }, 'orders.status': { label: 'Statüs ✓ 日本' } } },
});
const oddlySplit = lines([labelled, done()], { eol: '\r\n' });
const manyIds = Array.from({ length: 1_000 }, (_, index) => `job-${String(index).padStart(4, '0')}`);
const trickyIds = ['quote"d', 'comma,separated', 'with space', 'ünïcødé-日本-🚀', '%2F/slash', 'back\\slash', '[bracket]'];

const cases: BadInputCase[] = [
  // Framing: where the bytes are cut, and how lines end.
  {
    name: 'NDJSON cut inside a JSON string, inside multi-byte UTF-8 characters and between \\r and \\n',
    gets: 'the rows and the unicode labels intact',
    ids: ['a'],
    answers: [
      {
        body: oddlySplit,
        splitAt: [...cutsAt(oddlySplit, '日', 1), ...cutsAt(oddlySplit, '✓', 2), ...cutsAt(oddlySplit, '\r'), 7, 99, 301],
      },
    ],
    check: (results) => {
      expectRows(results, 'a', ORDER_ROWS);
      expect(job(results, 'a').fields.map((field) => field.label)).toEqual(['Bestell‑Nr. №', 'Statüs ✓ 日本']);
    },
  },
  {
    name: 'NDJSON delivered one byte per chunk',
    gets: 'the rows',
    ids: ['a', 'b'],
    answers: [
      (() => {
        const body = lines([complete('a', A), complete('b', B), done()]);
        return { body, splitAt: Array.from({ length: body.length }, (_, index) => index) };
      })(),
    ],
    check: (results) => {
      expectRows(results, 'a', ORDER_ROWS);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'a final footer line without a newline',
    gets: 'the rows',
    ids: ['a'],
    answers: [{ body: lines([complete('a', A), done()], { trailing: false }) }],
    check: (results) => expectRows(results, 'a', ORDER_ROWS),
  },
  {
    name: 'a final job line without a newline and no footer',
    gets: 'the rows of that last line',
    ids: ['a', 'b'],
    answers: [{ body: lines([complete('b', B), complete('a', A)], { trailing: false }) }],
    check: (results, omni) => {
      expectRows(results, 'a', ORDER_ROWS);
      expectRows(results, 'b', USER_ROWS);
      expect(omni.requests).toHaveLength(1);
    },
  },
  {
    name: 'blank and whitespace-only lines between the lines',
    gets: 'the rows',
    ids: ['a', 'b'],
    answers: [
      {
        body: `\n\n${JSON.stringify(complete('a', A))}\n   \n\t\n${JSON.stringify(complete('b', B))}\n\n${JSON.stringify(done())}\n\n`,
      },
    ],
    check: (results) => {
      expectRows(results, 'a', ORDER_ROWS);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'CRLF line endings',
    gets: 'the rows',
    ids: ['a', 'b'],
    answers: [{ body: lines([complete('a', A), complete('b', B), done()], { eol: '\r\n' }) }],
    check: (results) => {
      expectRows(results, 'a', ORDER_ROWS);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'a UTF-8 BOM before the first line, its three bytes in separate chunks',
    gets: 'the rows',
    ids: ['a'],
    answers: [{ body: `\uFEFF${lines([complete('a', A), done()])}`, splitAt: [1, 2, 3] }],
    check: (results) => expectRows(results, 'a', ORDER_ROWS),
  },
  // Mid-stream failures.
  {
    name: 'a mid-stream {"message","reason"} line after the first job, without a newline, once',
    gets: 'the first job at once; the others from one retry that asks only for them',
    ids: ['a', 'b'],
    noJitter: true,
    answers: [
      { body: lines([complete('a', A), streamErrorLine('Internal error', 'worker restarted')], { trailing: false }) },
      ndjson(complete('b', B), done()),
    ],
    check: (results, omni, history) => {
      expectRows(results, 'a', ORDER_ROWS);
      expectRows(results, 'b', USER_ROWS);
      expect(omni.requests.map((request) => request.ids)).toEqual([['a', 'b'], ['b']]);
      const firstWithA = history.findIndex((item) => item.jobs[0]?.status === 'complete');
      expect(history.slice(firstWithA).every((item) => item.jobs[0]?.status === 'complete')).toBe(true);
    },
  },
  {
    name: 'a mid-stream {"message","reason"} line on every attempt',
    gets: 'the first job kept; a request-wide http error naming the server message after bounded retries',
    ids: ['a', 'b'],
    noJitter: true,
    answers: [ndjson(complete('a', A), streamErrorLine('Internal error', 'worker restarted'))],
    then: () => ndjson(streamErrorLine('Internal error', 'worker restarted')),
    check: (results, omni) => {
      expectRows(results, 'a', ORDER_ROWS);
      const error = expectRequestError(results, 'http', 500);
      expect(error.message).toContain('Internal error');
      expect(error.omniMessage).toBe('worker restarted');
      expect(job(results, 'b')).toMatchObject({ status: 'error', error });
      expect(omni.requests).toHaveLength(4);
    },
  },
  {
    name: 'the connection breaks mid-body after the first job',
    gets: 'the first job kept; the others from the retry',
    ids: ['a', 'b'],
    noJitter: true,
    answers: [
      { body: `${JSON.stringify(complete('a', A))}\n{"job_id":"b","sta`, breakAfterBody: true },
      ndjson(complete('b', B), done()),
    ],
    check: (results, omni) => {
      expectRows(results, 'a', ORDER_ROWS);
      expectRows(results, 'b', USER_ROWS);
      expect(omni.requests.map((request) => request.ids)).toEqual([['a', 'b'], ['b']]);
    },
  },
  // Footers.
  {
    name: 'no footer: only the line of one job',
    gets: 'that job; the ids without a line stay pending and are asked again',
    ids: ['a', 'b'],
    answers: [ndjson(complete('a', A)), ndjson(complete('b', B), done())],
    check: (results, omni) => {
      expectRows(results, 'a', ORDER_ROWS);
      expectRows(results, 'b', USER_ROWS);
      expect(omni.requests.map((request) => request.ids)).toEqual([['a', 'b'], ['b']]);
    },
  },
  ...(['"true"', 'true', '"false"', 'false'] as const).map((raw): BadInputCase => ({
    name: `a footer with timed_out ${raw} that lists the job as remaining`,
    gets: 'the job still pending, asked again at once, then its rows',
    ids: ['a'],
    answers: [{ body: `{"remaining_job_ids":["a"],"timed_out":${raw}}\n` }, ndjson(complete('a', A), done())],
    check: (results, omni, history) => {
      expectRows(results, 'a', ORDER_ROWS);
      expect(omni.requests.map((request) => request.ids)).toEqual([['a'], ['a']]);
      expect(history.some((item) => item.status === 'pending' && item.progress.polls === 1)).toBe(true);
    },
  })),
  {
    name: 'a bare {"timed_out":true} without remaining_job_ids',
    gets: 'the job still pending, then its rows',
    ids: ['a'],
    answers: [{ body: '{"timed_out":true}' }, ndjson(complete('a', A), done())],
    check: (results, omni) => {
      expectRows(results, 'a', ORDER_ROWS);
      expect(omni.requests).toHaveLength(2);
    },
  },
  {
    name: 'remaining_job_ids naming an id that was never asked for',
    gets: 'the asked job; the stranger is never asked for',
    ids: ['a'],
    fakeClock: true,
    answers: [ndjson(complete('a', A), done(['ghost']))],
    check: async (results, omni) => {
      expectRows(results, 'a', ORDER_ROWS);
      await expectNoMoreRequests(omni.requests);
      expect(omni.requests.flatMap((request) => request.ids)).toEqual(['a']);
    },
  },
  {
    name: 'footers that list only a stranger and never mention the asked job',
    gets: 'a job error "no longer reports" on that job after three such answers, and no more requests',
    ids: ['a'],
    fakeClock: true,
    answers: [ndjson(done(['ghost'])), ndjson(done(['ghost'])), ndjson(done(['ghost']))],
    check: async (results, omni) => {
      expectJobError(results, 'a', 'job', /no longer reports job a/);
      expect(results.status).toBe('success');
      expect(omni.requests).toHaveLength(3);
      await expectNoMoreRequests(omni.requests);
    },
  },
  {
    name: 'a footer whose remaining_job_ids is not an array',
    gets: 'the job that came before it; a request-wide schema error for the others, not retried',
    ids: ['a', 'b'],
    fakeClock: true,
    answers: [{ body: lines([complete('a', A), { remaining_job_ids: 'b', timed_out: 'false' }]) }],
    check: async (results, omni) => {
      expectRows(results, 'a', ORDER_ROWS);
      expect(expectRequestError(results, 'schema').message).toMatch(/footer/);
      expect(omni.requests).toHaveLength(1);
      await expectNoMoreRequests(omni.requests);
    },
  },
  // Job lines.
  {
    name: 'a job line for an id nobody asked for',
    gets: 'only the asked jobs, with their rows',
    ids: ['a'],
    answers: [ndjson(complete('stranger', B), complete('a', A), done())],
    check: (results) => {
      expect(results.jobs.map((item) => item.jobId)).toEqual(['a']);
      expectRows(results, 'a', ORDER_ROWS);
    },
  },
  {
    name: 'the same job line twice with different results',
    gets: 'the first terminal line: a finished job never changes',
    ids: ['a'],
    answers: [ndjson(complete('a', A), complete('a', B), done())],
    check: (results) => expectRows(results, 'a', ORDER_ROWS),
  },
  {
    name: 'a running line, then the terminal line of the same job in one body',
    gets: 'the rows',
    ids: ['a'],
    answers: [ndjson({ job_id: 'a', status: 'EXECUTING' }, complete('a', A), done())],
    check: (results) => expectRows(results, 'a', ORDER_ROWS),
  },
  {
    name: 'an unknown status ("QUEUED_ON_MARS")',
    gets: 'the job still running, with omniStatus shown, then its rows',
    ids: ['a'],
    answers: [ndjson({ job_id: 'a', status: 'QUEUED_ON_MARS' }, done(['a'])), ndjson(complete('a', A), done())],
    check: (results, _omni, history) => {
      expectRows(results, 'a', ORDER_ROWS);
      expect(history.some((item) => item.status === 'pending' && item.jobs[0]?.omniStatus === 'QUEUED_ON_MARS')).toBe(true);
      expect(history.every((item) => item.status !== 'error')).toBe(true);
    },
  },
  {
    name: 'a MISSING line next to a good one',
    gets: 'a job error on that job only; the other job has its rows',
    ids: ['m', 'b'],
    answers: [ndjson({ job_id: 'm', status: 'MISSING' }, complete('b', B), done())],
    check: (results) => {
      expectJobError(results, 'm', 'job', /missing/);
      expectRows(results, 'b', USER_ROWS);
      expect(results.status).toBe('success');
    },
  },
  {
    name: 'FAILED "Unable to find job" for an unknown id',
    gets: "a job error with Omni's message on that job only",
    ids: ['nope', 'b'],
    answers: [ndjson(unknownJobLine('nope'), complete('b', B), done())],
    check: (results) => {
      expect(expectJobError(results, 'nope', 'job', /Unable to find job/).omniMessage).toBe('Unable to find job');
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'an ERROR line with client_result_id "null" and error_type PLAN',
    gets: "a job error carrying Omni's message and error type",
    ids: ['e'],
    answers: [
      ndjson(
        {
          job_id: 'e',
          status: 'ERROR',
          client_result_id: 'null',
          error_type: 'PLAN',
          error_message: 'Field orders.nope not found',
        },
        done(),
      ),
    ],
    check: (results) => {
      const error = expectJobError(results, 'e', 'job', /Field orders.nope not found/);
      expect(error).toMatchObject({ omniMessage: 'Field orders.nope not found', omniErrorType: 'PLAN' });
    },
  },
  {
    name: 'COMPLETE without result',
    gets: 'a decode error on that job only',
    ids: ['empty', 'b'],
    answers: [ndjson(complete('empty', undefined), complete('b', B), done())],
    check: (results) => {
      expectJobError(results, 'empty', 'decode', /no result/);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'COMPLETE with result ""',
    gets: 'a decode error on that job only',
    ids: ['empty', 'b'],
    answers: [ndjson(complete('empty', ''), complete('b', B), done())],
    check: (results) => {
      expectJobError(results, 'empty', 'decode');
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'COMPLETE whose summary.display_sql says "Failed to plan query"',
    gets: 'a job error of type PLAN on that job, not an empty table',
    ids: ['p', 'b'],
    answers: [
      ndjson(
        complete('p', A, { summary: { display_sql: '-- Failed to plan query: unknown field orders.x' } }),
        complete('b', B),
        done(),
      ),
    ],
    check: (results) => {
      expect(expectJobError(results, 'p', 'job', /could not plan/).omniErrorType).toBe('PLAN');
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'PLANNED with a summary and no result (a planOnly run)',
    gets: 'a complete job with no rows',
    ids: ['plan'],
    answers: [ndjson({ job_id: 'plan', status: 'PLANNED', summary: { display_sql: 'SELECT 1' } }, done())],
    check: (results) => {
      expect(job(results, 'plan')).toMatchObject({ status: 'complete', numRows: 0, rows: [] });
      expect(job(results, 'plan').summary?.displaySql).toBe('SELECT 1');
    },
  },
  {
    name: 'non-empty summary.missing_fields',
    gets: 'the rows, and the dropped fields on job.missingFields',
    ids: ['a'],
    answers: [ndjson(complete('a', A, { summary: { missing_fields: ['orders.gone', 'users.vanished'] } }), done())],
    check: (results) => {
      expectRows(results, 'a', ORDER_ROWS);
      expect(job(results, 'a').missingFields).toEqual(['orders.gone', 'users.vanished']);
    },
  },
  {
    name: 'summary.fields[*].format as a string',
    gets: 'the format on the field',
    ids: ['a'],
    answers: [
      ndjson(
        complete('a', A, { summary: { fields: { 'orders.id': { label: 'ID', format: 'NUMBER_0' }, 'orders.status': {} } } }),
        done(),
      ),
    ],
    check: (results) => {
      expect(job(results, 'a').fields[0]).toMatchObject({ name: 'orders.id', label: 'ID', format: 'NUMBER_0' });
    },
  },
  {
    name: 'summary.fields[*].format as {"value": …}',
    gets: 'the format on the field, as a string',
    ids: ['a'],
    answers: [
      ndjson(
        complete('a', A, { summary: { fields: { 'orders.id': { format: { value: 'USD' } }, 'orders.status': {} } } }),
        done(),
      ),
    ],
    check: (results) => {
      expect(job(results, 'a').fields[0]).toMatchObject({ name: 'orders.id', format: 'USD' });
      expectRows(results, 'a', ORDER_ROWS);
    },
  },
  {
    name: 'a terminal job line that breaks the schema (status is a number)',
    gets: 'a schema error on that job only',
    ids: ['bad', 'b'],
    answers: [ndjson({ job_id: 'bad', status: 42, result: A }, complete('b', B), done())],
    check: (results) => {
      expectJobError(results, 'bad', 'schema', /does not match the wire contract/);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'an unknown kind of line ({"progress": …})',
    gets: 'the line skipped, the rows',
    ids: ['a'],
    answers: [ndjson({ progress: { a: 0.5 } }, complete('a', A), done())],
    check: (results) => expectRows(results, 'a', ORDER_ROWS),
  },
  // Whole bodies that are not NDJSON.
  {
    name: 'an HTML 502 page from a proxy, on every attempt',
    gets: "a request-wide http 502 error with the page's readable text, after bounded retries",
    ids: ['a'],
    answers: [],
    then: { status: 502, headers: { 'content-type': 'text/html', 'retry-after': '0' }, body: html502 },
    check: (results, omni) => {
      const error = expectRequestError(results, 'http', 502);
      expect(error.message).toContain('502 Bad Gateway');
      expect(error.message).not.toMatch(/<|DOCTYPE/);
      expect(job(results, 'a').status).toBe('error');
      expect(omni.requests).toHaveLength(4);
    },
  },
  {
    name: 'a 200 HTML login page from a proxy',
    gets: "a request-wide schema error with the page's text, not retried",
    ids: ['a'],
    fakeClock: true,
    answers: [{ headers: { 'content-type': 'text/html' }, body: '<html><body><h1>Please sign in</h1></body></html>' }],
    check: async (results, omni) => {
      expect(expectRequestError(results, 'schema').message).toMatch(/neither NDJSON nor JSON: Please sign in/);
      expect(omni.requests).toHaveLength(1);
      await expectNoMoreRequests(omni.requests);
    },
  },
  {
    name: 'an empty 200 body',
    gets: 'a request-wide schema error, not retried',
    ids: ['a'],
    fakeClock: true,
    answers: [{ body: '' }],
    check: async (results, omni) => {
      expect(expectRequestError(results, 'schema').message).toMatch(/empty body/);
      expect(omni.requests).toHaveLength(1);
      await expectNoMoreRequests(omni.requests);
    },
  },
  {
    name: 'a JSON array of docs-shaped objects with a boolean timed_out',
    gets: 'the rows of each job',
    ids: ['a', 'b'],
    answers: [
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          [docsJobLine(complete('a', A_FILE), { remainingJobIds: [] }), docsJobLine(complete('b', B), { remainingJobIds: [] })],
          null,
          2,
        ),
      },
    ],
    check: (results) => {
      expectRows(results, 'a', ORDER_ROWS);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: "the docs' single JSON object, pretty-printed, with the Arrow file format",
    gets: 'the rows',
    ids: ['a'],
    answers: [
      { headers: { 'content-type': 'application/json' }, body: JSON.stringify(docsJobLine(complete('a', A_FILE)), null, 2) },
    ],
    check: (results) => expectRows(results, 'a', ORDER_ROWS),
  },
  {
    name: "an Arrow file as apache-arrow's own JS writer writes it (no schema message before the batches)",
    gets: 'the rows: the footer carries the schema, and apache-arrow reads such files',
    ids: ['a'],
    answers: [ndjson(complete('a', A_JS_FILE), done())],
    check: (results) => expectRows(results, 'a', ORDER_ROWS),
  },
  {
    name: 'a JSON array of numbers',
    gets: 'a request-wide schema error',
    ids: ['a'],
    answers: [{ headers: { 'content-type': 'application/json' }, body: '[1, 2, 3]' }],
    check: (results) => {
      expectRequestError(results, 'schema');
    },
  },
  {
    name: 'a JSON scalar body (null)',
    gets: 'a request-wide schema error',
    ids: ['a'],
    answers: [{ headers: { 'content-type': 'application/json' }, body: 'null' }],
    check: (results) => {
      expect(expectRequestError(results, 'schema').message).toMatch(/JSON null/);
    },
  },
  {
    name: 'a 403 {"detail","status"} body',
    gets: "a request-wide http 403 error with Omni's message, not retried",
    ids: ['a'],
    fakeClock: true,
    answers: [
      { status: 403, headers: { 'content-type': 'application/json' }, body: '{"detail":"Permission denied","status":403}' },
    ],
    check: async (results, omni) => {
      expect(expectRequestError(results, 'http', 403).message).toBe(
        `Omni answered 403 (GET ${omni.baseUrl}/api/v1/query/wait): Permission denied`,
      );
      expect(omni.requests).toHaveLength(1);
      await expectNoMoreRequests(omni.requests);
    },
  },
  {
    name: 'a 400 {"error","success":false} body',
    gets: "a request-wide http 400 error with Omni's message, not retried",
    ids: ['a'],
    answers: [
      { status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"job_ids is malformed","success":false}' },
    ],
    check: (results) => {
      expect(expectRequestError(results, 'http', 400).omniMessage).toBe('job_ids is malformed');
    },
  },
  // Results that cannot be decoded.
  {
    name: 'garbage base64 in result',
    gets: 'a decode error naming invalid base64 on that job only',
    ids: ['g', 'b'],
    answers: [ndjson(complete('g', '!!not*base64??'), complete('b', B), done())],
    check: (results) => {
      expectJobError(results, 'g', 'decode', /base64/i);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'base64url characters (- and _) in result',
    gets: 'a decode error on that job only, not a silently shorter table',
    ids: ['u', 'b'],
    answers: [ndjson(complete('u', A.replace(/\+/g, '-').replace(/\//g, '_')), complete('b', B), done())],
    check: (results) => {
      expectJobError(results, 'u', 'decode');
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'an oversized result: 4 MB of valid base64 that is not Arrow',
    gets: 'a decode error on that job only',
    ids: ['big', 'b'],
    answers: [
      (() => {
        const noise = new Uint8Array(3 * 1024 * 1024);
        for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2654435761) >>> 24;
        return ndjson(complete('big', bytesToBase64(noise)), complete('b', B), done());
      })(),
    ],
    check: (results) => {
      expectJobError(results, 'big', 'decode');
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: 'a truncated Arrow stream (valid base64 of the first bytes)',
    gets: 'a decode error naming the truncation on that job only',
    ids: ['t', 'b'],
    answers: [
      (() => {
        const bytes = arrowBytes(ORDERS);
        return ndjson(complete('t', bytesToBase64(bytes.subarray(0, bytes.length - 24))), complete('b', B), done());
      })(),
    ],
    check: (results) => {
      expectJobError(results, 't', 'decode', /truncated|corrupt/);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  {
    name: "a truncated Arrow file (the docs' format, cut before its footer)",
    gets: 'a decode error on that job only',
    ids: ['t', 'b'],
    answers: [
      (() => {
        const bytes = arrowBytes(ORDERS, 'file');
        return ndjson(complete('t', bytesToBase64(bytes.subarray(0, Math.floor(bytes.length * 0.7)))), complete('b', B), done());
      })(),
    ],
    check: (results) => {
      expectJobError(results, 't', 'decode', /truncated|corrupt/);
      expectRows(results, 'b', USER_ROWS);
    },
  },
  // Ids.
  {
    name: 'job ids with quotes, commas, spaces, slashes, brackets and unicode',
    gets: "each job's own rows; the server reads the ids back exactly from the URL-encoded JSON array",
    ids: trickyIds,
    answers: [
      ({ ids }) => ndjson(...ids.map((id, index) => complete(id, resultOf({ 'kpi.value': Int32Array.from([index]) }))), done()),
    ],
    check: (results, omni) => {
      expect(omni.requests).toHaveLength(1);
      expect(omni.requests[0]!.ids).toEqual(trickyIds);
      const query = omni.requests[0]!.search;
      expect(query.startsWith('?job_ids=%5B%22')).toBe(true);
      // Everything but the unreserved characters is percent-encoded: no raw quote, comma, space or bracket.
      expect(query.slice('?job_ids='.length)).toMatch(/^[A-Za-z0-9\-_.!~*'()%]+$/);
      trickyIds.forEach((id, index) => expectRows(results, id, [{ 'kpi.value': index }]));
    },
  },
  {
    name: '1,000 job ids in one hook call',
    gets: "several wait requests, each within the URL cap, together asking every id, and every job's rows",
    ids: manyIds,
    answers: [],
    then: ({ ids }) => ndjson(...ids.map((id) => complete(id, B)), done()),
    check: (results, omni) => {
      expect(omni.requests.length).toBeGreaterThan(1);
      for (const request of omni.requests) {
        expect(request.search.startsWith('?job_ids=')).toBe(true);
        expect(request.search.length - '?job_ids='.length).toBeLessThanOrEqual(DEFAULT_MAX_JOB_IDS_LENGTH);
      }
      expect(new Set(omni.requests.flatMap((request) => request.ids))).toEqual(new Set(manyIds));
      expect(results.jobs).toHaveLength(1_000);
      expect(results.jobs.every((item) => item.status === 'complete' && item.numRows === 1)).toBe(true);
      expect(results.jobs[999]!.rows).toEqual(USER_ROWS);
      expect(results.progress).toMatchObject({ done: 1_000, total: 1_000 });
    },
  },
];

describe('bad input, end to end through useQueryResults', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((item) => [item.name, item.gets, item] as const))(
    '%s → %s',
    async (_name, _gets, item) => {
      if (item.fakeClock === true) useFakeClock();
      if (item.noJitter === true) vi.spyOn(Math, 'random').mockReturnValue(0);
      const omni = scriptedOmni({ answers: item.answers, ...(item.then === undefined ? {} : { then: item.then }) });
      server.use(...omni.handlers);
      const { wrapper } = providers(newClient(omni.baseUrl));
      const { result, history, unmount } = renderResults(item.ids, wrapper, item.options);
      const until = item.until ?? ((results: QueryResults) => results.status === 'success' || results.status === 'error');
      await waitFor(() => expect(until(result.current), `status ${result.current.status}`).toBe(true), { timeout: 30_000 });
      await item.check(result.current, omni, history);
      // Every error the user can see is typed.
      for (const results of history) {
        if (results.error !== null) expect(results.error).toBeInstanceOf(OmniError);
        for (const entry of results.jobs) if (entry.error !== undefined) expect(entry.error).toBeInstanceOf(OmniError);
      }
      unmount();
      expect(unhandled).toEqual([]);
      // 1,000 ids take several seconds on a busy 2-core machine: a generous limit, not a timing assertion.
    },
    45_000,
  );
});
