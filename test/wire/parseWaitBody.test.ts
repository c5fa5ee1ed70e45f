import { describe, expect, it } from 'vitest';
import { OmniError } from '../../src/errors/OmniError.js';
import { createWaitBodyParser, parseWaitBody } from '../../src/wire/createWaitBodyParser.js';
import type { JobLine } from '../../src/wire/jobLineSchema.js';
import { INVALID_JOB_LINE, jobLineFailure } from '../../src/wire/jobStatus.js';

const done = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ job_id: id, status: 'COMPLETE', client_result_id: `cr-${id}`, result: '/////AAAA', ...extra });
const footer = (remaining: string[], timedOut: unknown) => JSON.stringify({ remaining_job_ids: remaining, timed_out: timedOut });

/** The error `fn` throws, asserted to be an OmniError. */
function thrown(fn: () => unknown): OmniError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OmniError);
    return error as OmniError;
  }
  throw new Error('expected a throw');
}

describe('parseWaitBody: NDJSON, as the server sends it', () => {
  it('reads job lines and the footer with a string timed_out', () => {
    const answer = parseWaitBody(`${done('a')}\n${done('b')}\n${footer(['c'], 'true')}\n`);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a', 'b']);
    expect(answer.jobs[0]).toMatchObject({ status: 'COMPLETE', clientResultId: 'cr-a', result: '/////AAAA' });
    expect(answer.remainingJobIds).toEqual(['c']);
    expect(answer.timedOut).toBe(true);
    expect(answer.streamError).toBeUndefined();
    expect(answer.jobsSubmitted).toEqual({});
  });

  it.each([
    ['"true"', true],
    ['"false"', false],
    ['true', true],
    ['false', false],
    ['"True"', true],
    ['null', false],
  ])('reads timed_out %s as %s', (raw, expected) => {
    const answer = parseWaitBody(`{"remaining_job_ids":["x"],"timed_out":${raw}}`);
    expect(answer.timedOut).toBe(expected);
    expect(answer.remainingJobIds).toEqual(['x']);
  });

  it('reads a timed-out poll with no job line at all', () => {
    expect(parseWaitBody(footer(['a', 'b'], 'true'))).toEqual({
      jobs: [],
      remainingJobIds: ['a', 'b'],
      timedOut: true,
      streamError: undefined,
      jobsSubmitted: {},
    });
  });

  it('takes remaining_job_ids: null as nothing pending', () => {
    expect(parseWaitBody(`${done('a')}\n{"remaining_job_ids":null,"timed_out":"false"}`).remainingJobIds).toEqual([]);
  });

  it('leaves remainingJobIds undefined without a footer, so callers treat unanswered ids as pending', () => {
    const answer = parseWaitBody(`${done('a')}\n`);
    expect(answer.remainingJobIds).toBeUndefined();
    expect(answer.timedOut).toBe(false);
    expect(answer.jobs).toHaveLength(1);
  });

  it('takes the newest footer as the truth', () => {
    const answer = parseWaitBody(`${footer(['a', 'b'], 'true')}\n${done('a')}\n${footer(['b'], 'false')}`);
    expect(answer.remainingJobIds).toEqual(['b']);
    expect(answer.timedOut).toBe(false);
  });

  it('reads the jobs_submitted header of a run answer', () => {
    const answer = parseWaitBody(`{"jobs_submitted":{"a":"cr-a","b":null}}\n${done('a')}\n${footer(['b'], 'true')}\n`);
    expect(answer.jobsSubmitted).toEqual({ a: 'cr-a', b: null });
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a']);
    expect(answer.remainingJobIds).toEqual(['b']);
  });

  it('accepts CRLF line ends, blank lines and a BOM', () => {
    const answer = parseWaitBody(`\uFEFF${done('a')}\r\n\r\n   \r\n${done('b')}\r\n${footer([], 'false')}\r\n`);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a', 'b']);
    expect(answer.remainingJobIds).toEqual([]);
    expect(answer.streamError).toBeUndefined();
  });

  it('keeps a job line sent twice, in order, for the job layer to de-duplicate', () => {
    const answer = parseWaitBody(`${done('a')}\n${done('a', { result: '/////BBBB' })}\n${footer([], 'false')}`);
    expect(answer.jobs.map((job) => job.result)).toEqual(['/////AAAA', '/////BBBB']);
  });

  it('passes a job line for an id nobody asked for through (the caller knows what it asked)', () => {
    expect(parseWaitBody(`${done('stranger')}\n${footer(['ghost'], 'false')}`)).toMatchObject({
      jobs: [{ jobId: 'stranger' }],
      remainingJobIds: ['ghost'],
    });
  });

  it('keeps job ids that are special to JavaScript objects, in the header too', () => {
    const answer = parseWaitBody(
      '{"jobs_submitted":{"constructor":null,"__proto__":"cr","toString":null}}\n' +
        '{"job_id":"constructor","status":"COMPLETE","constructor":null}\n' +
        '{"remaining_job_ids":["__proto__","toString"],"timed_out":"true"}',
    );
    expect(Object.keys(answer.jobsSubmitted)).toEqual(['constructor', '__proto__', 'toString']);
    expect(answer.jobsSubmitted.__proto__).toBe('cr');
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['constructor']);
    expect(answer.remainingJobIds).toEqual(['__proto__', 'toString']);
    expect(answer.streamError).toBeUndefined();
  });

  it('fails a job whose summary.fields trips the validator itself, as a typed error of that job', () => {
    const answer = parseWaitBody(
      '{"job_id":"a","status":"COMPLETE","summary":{"fields":{"constructor":null}}}\n{"job_id":"b","status":"COMPLETE"}',
    );
    expect(answer.jobs.map((job) => [job.jobId, jobLineFailure(job)?.kind])).toEqual([
      ['a', 'schema'],
      ['b', undefined],
    ]);
  });

  it('skips an object with no key it knows (a newer kind of line)', () => {
    const answer = parseWaitBody(`{"progress":{"a":0.5}}\n${done('a')}\n${footer([], 'false')}`);
    expect(answer.jobs).toHaveLength(1);
    expect(answer.streamError).toBeUndefined();
  });
});

describe('parseWaitBody: job line fields', () => {
  it('keeps an unknown status as is (the job layer treats it as running)', () => {
    const answer = parseWaitBody(`{"job_id":"a","status":"QUEUED_ON_MARS"}\n${footer(['a'], 'false')}`);
    expect(answer.jobs[0]).toMatchObject({ jobId: 'a', status: 'QUEUED_ON_MARS' });
  });

  it('reads MISSING and FAILED "Unable to find job" lines as job failures', () => {
    const answer = parseWaitBody(
      '{"job_id":"m","status":"MISSING"}\n{"job_id":"f","status":"FAILED","error_message":"Unable to find job"}\n' +
        footer([], 'false'),
    );
    expect(answer.jobs.map((job) => jobLineFailure(job)?.kind)).toEqual(['job', 'job']);
    expect(jobLineFailure(answer.jobs[1]!)).toMatchObject({ jobId: 'f', omniMessage: 'Unable to find job' });
  });

  it('turns client_result_id "null" into undefined', () => {
    const answer = parseWaitBody(
      '{"job_id":"e","status":"ERROR","client_result_id":"null","error_message":"boom","error_type":"PLAN"}',
    );
    expect(answer.jobs[0]!.clientResultId).toBeUndefined();
    expect(jobLineFailure(answer.jobs[0]!)).toMatchObject({ kind: 'job', omniMessage: 'boom', omniErrorType: 'PLAN' });
  });

  it('reads COMPLETE without result and with result ""', () => {
    const answer = parseWaitBody('{"job_id":"a","status":"COMPLETE"}\n{"job_id":"b","status":"COMPLETE","result":""}');
    expect(answer.jobs.map((job) => job.result)).toEqual([undefined, '']);
  });

  it('reads a COMPLETE line whose display_sql says "Failed to plan query" as a failure', () => {
    const answer = parseWaitBody(
      JSON.stringify({ job_id: 'p', status: 'COMPLETE', summary: { display_sql: '-- Failed to plan query: no such field x' } }),
    );
    expect(jobLineFailure(answer.jobs[0]!)).toMatchObject({ kind: 'job', jobId: 'p', omniErrorType: 'PLAN' });
  });

  it('surfaces missing_fields and reads format as a string or as {value}', () => {
    const line = {
      job_id: 'a',
      status: 'COMPLETE',
      summary: {
        missing_fields: ['users.gone'],
        fields: {
          'users.count': { field_name: 'count', data_type: 'NUMBER', format: 'NUMBER_0', is_dimension: false, label: 'Count' },
          'users.total': { field_name: 'total', data_type: 'NUMBER', format: { value: 'USD' } },
        },
      },
      cache_metadata: { plan_key: 'pk', num_rows: 3 },
      query: { model_job: { fields: ['users.count', 'users.total'] } },
      stream_stats: { server_stream: 12 },
    };
    const job = parseWaitBody(JSON.stringify(line)).jobs[0]!;
    expect(job.summary?.missingFields).toEqual(['users.gone']);
    expect(job.summary?.fields['users.count']?.format).toBe('NUMBER_0');
    expect(job.summary?.fields['users.total']?.format).toBe('USD');
    expect(job.cacheMetadata).toMatchObject({ planKey: 'pk', numRows: 3 });
    expect(job.query?.modelJob?.fields).toEqual(['users.count', 'users.total']);
    expect(job.serverStreamMs).toBe(12);
  });

  it('accepts null for optional fields', () => {
    const job = parseWaitBody('{"job_id":"a","status":"COMPLETE","result":null,"summary":null,"cache_metadata":null}').jobs[0]!;
    expect(job).toMatchObject({ jobId: 'a', result: undefined, summary: undefined, cacheMetadata: undefined });
  });
});

describe('parseWaitBody: the single JSON shape of the public docs', () => {
  const docsExample =
    '{"job_id":"a1b2…","status":"COMPLETE","client_result_id":"b2c3…",\n' +
    ' "summary":{"sql":"SELECT * FROM order_items LIMIT 10","total_rows":10,"execution_time_ms":245},\n' +
    ' "result":"QVJST1cxAAD/////…","timed_out":false}';

  it('reads the docs example verbatim (pretty-printed over several lines)', () => {
    const answer = parseWaitBody(docsExample);
    expect(answer.jobs).toHaveLength(1);
    expect(answer.jobs[0]).toMatchObject({
      jobId: 'a1b2…',
      status: 'COMPLETE',
      clientResultId: 'b2c3…',
      result: 'QVJST1cxAAD/////…',
      summary: { sql: 'SELECT * FROM order_items LIMIT 10', totalRows: 10, executionTimeMs: 245 },
    });
    expect(answer.timedOut).toBe(false);
    expect(answer.remainingJobIds).toEqual([]);
    expect(answer.streamError).toBeUndefined();
  });

  it('reads the docs shape on one line with remaining_job_ids and timed_out true', () => {
    const answer = parseWaitBody(JSON.stringify({ job_id: 'a', status: 'COMPLETE', remaining_job_ids: ['b'], timed_out: true }));
    expect(answer).toMatchObject({ jobs: [{ jobId: 'a' }], remainingJobIds: ['b'], timedOut: true });
  });

  it('derives the pending ids from a non-terminal docs body without remaining_job_ids', () => {
    expect(parseWaitBody('{"job_id":"a","status":"EXECUTING","timed_out":false}').remainingJobIds).toEqual(['a']);
  });

  it('leaves the pending ids unknown when a timed-out footer does not list them', () => {
    expect(parseWaitBody('{"timed_out":"true"}').remainingJobIds).toBeUndefined();
  });

  it('reads a JSON array of docs-shaped objects, on one line or pretty-printed', () => {
    const items = [
      { job_id: 'a', status: 'COMPLETE', result: 'x', remaining_job_ids: ['c'], timed_out: false },
      { job_id: 'b', status: 'ERROR', error_message: 'bad', remaining_job_ids: ['c'], timed_out: false },
    ];
    for (const text of [JSON.stringify(items), JSON.stringify(items, null, 2)]) {
      const answer = parseWaitBody(text);
      expect(answer.jobs.map((job) => job.jobId)).toEqual(['a', 'b']);
      expect(answer.remainingJobIds).toEqual(['c']);
      expect(answer.streamError).toBeUndefined();
    }
  });

  it('reads the 408-style body of a run with resultType as a footer', () => {
    const answer = parseWaitBody('{"detail":"Query timed out","remaining_job_ids":["a"],"timed_out":true}');
    expect(answer).toMatchObject({ jobs: [], remainingJobIds: ['a'], timedOut: true });
  });
});

describe('parseWaitBody: mid-stream server failure', () => {
  it.each([
    ['with', '\n'],
    ['without', ''],
  ])('keeps earlier jobs and reports the error line %s a trailing newline', (_, end) => {
    const answer = parseWaitBody(`${done('a')}\n${done('b')}\n{"message":"Internal error","reason":"worker died"}${end}`);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a', 'b']);
    expect(answer.remainingJobIds).toBeUndefined();
    expect(answer.streamError).toBeInstanceOf(OmniError);
    expect(answer.streamError).toMatchObject({ kind: 'http', status: 500, omniMessage: 'worker died' });
    expect(answer.streamError!.message).toBe('Omni failed while sending its answer: Internal error (worker died)');
  });

  it('reads an error line without reason', () => {
    expect(parseWaitBody(`${done('a')}\n{"message":"oops"}`).streamError).toMatchObject({
      kind: 'http',
      status: 500,
      omniMessage: 'oops',
    });
  });

  it('throws the server error when it is all the body holds', () => {
    const error = thrown(() => parseWaitBody('{"message":"Internal error","reason":"db"}'));
    expect(error).toMatchObject({ kind: 'http', status: 500, omniMessage: 'db' });
  });

  it('uses the status an error body inside a 200 names', () => {
    expect(thrown(() => parseWaitBody('{"detail":"Permission denied","status":403}'))).toMatchObject({
      kind: 'http',
      status: 403,
    });
    expect(thrown(() => parseWaitBody('{"error":{"code":403,"message":"Invalid bearer token"}}'))).toMatchObject({
      kind: 'http',
      status: 403,
      omniMessage: 'Invalid bearer token',
    });
    expect(thrown(() => parseWaitBody('{"error":"nope","success":false}'))).toMatchObject({
      kind: 'http',
      status: 500,
      omniMessage: 'nope',
    });
  });
});

describe('parseWaitBody: broken lines lose nothing else', () => {
  it('fails only the job whose terminal line breaks the schema, as a schema error of that job', () => {
    const broken = JSON.stringify({ job_id: 'b', status: 'COMPLETE', summary: { fields: 'not a record' } });
    const answer = parseWaitBody(`${done('a')}\n${broken}\n${done('c')}\n${footer([], 'false')}`);
    expect(answer.jobs.map((job) => [job.jobId, job.status])).toEqual([
      ['a', 'COMPLETE'],
      ['b', 'FAILED'],
      ['c', 'COMPLETE'],
    ]);
    expect(answer.jobs[1]!.errorType).toBe(INVALID_JOB_LINE);
    const failure = jobLineFailure(answer.jobs[1]!);
    expect(failure).toMatchObject({ kind: 'schema', jobId: 'b' });
    expect(failure!.message).toMatch(/summary\.fields/);
    expect(failure!.message).not.toContain('not a record');
    expect(answer.streamError).toBeUndefined();
    expect(answer.remainingJobIds).toEqual([]);
  });

  it('fails a job whose line has no usable status', () => {
    const answer = parseWaitBody('{"job_id":"a","status":42}');
    expect(jobLineFailure(answer.jobs[0]!)).toMatchObject({ kind: 'schema', jobId: 'a' });
  });

  it('keeps a running job running when its non-terminal line breaks the schema', () => {
    const answer = parseWaitBody('{"job_id":"a","status":"EXECUTING","cache_metadata":{"bytes":"many"}}');
    expect(answer.jobs).toEqual([expect.objectContaining({ jobId: 'a', status: 'EXECUTING', cacheMetadata: undefined })]);
    expect(jobLineFailure(answer.jobs[0]!)).toBeUndefined();
  });

  it.each([
    ['no job_id value', '{"job_id":null,"status":"COMPLETE"}'],
    ['an empty job_id', '{"job_id":"","status":"COMPLETE"}'],
    ['a numeric job_id', '{"job_id":7,"status":"COMPLETE"}'],
  ])('reports a job line with %s as a schema stream error and keeps the rest', (_, line) => {
    const answer = parseWaitBody(`${done('a')}\n${line}\n${footer([], 'false')}`);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a']);
    expect(answer.streamError).toMatchObject({ kind: 'schema' });
    expect(answer.streamError!.message).toMatch(/job_id/);
  });

  it.each([
    ['garbage text', 'this is not json'],
    ['a truncated object', '{"job_id":"x","status":"COMPL'],
    ['a number', '42'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['a nested array', '[[1]]'],
  ])('reports %s between lines as a schema stream error and reads on', (_, bad) => {
    const answer = parseWaitBody(`${done('a')}\n${bad}\n${done('b')}\n${footer(['c'], 'true')}`);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a', 'b']);
    expect(answer.remainingJobIds).toEqual(['c']);
    expect(answer.streamError).toMatchObject({ kind: 'schema' });
    expect(answer.streamError!.message).toMatch(/line 2/);
  });

  it('reports a footer that breaks the schema and leaves the pending ids unknown', () => {
    const answer = parseWaitBody(`${done('a')}\n{"remaining_job_ids":"b","timed_out":"false"}`);
    expect(answer.remainingJobIds).toBeUndefined();
    expect(answer.streamError).toMatchObject({ kind: 'schema' });
    expect(answer.streamError!.message).toMatch(/remaining_job_ids/);
  });

  it('reports a header that breaks the schema', () => {
    const answer = parseWaitBody(`{"jobs_submitted":["a"]}\n${done('a')}`);
    expect(answer.jobsSubmitted).toEqual({});
    expect(answer.jobs).toHaveLength(1);
    expect(answer.streamError).toMatchObject({ kind: 'schema' });
  });

  it('reports the first failure when several lines break', () => {
    const answer = parseWaitBody(`${done('a')}\nfirst bad\nsecond bad\n{"message":"late","reason":"r"}`);
    expect(answer.streamError!.message).toMatch(/first bad/);
  });
});

describe('parseWaitBody: bodies with nothing readable', () => {
  it.each([
    ['an empty body', '', /empty body/],
    ['a blank body', ' \r\n\n ', /empty body/],
    [
      'an HTML page',
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
      /neither NDJSON nor JSON: 502 Bad Gateway 502 Bad Gateway/,
    ],
    [
      'plain text',
      'upstream connect error or disconnect/reset before headers',
      /neither NDJSON nor JSON: upstream connect error/,
    ],
    ['a JSON number', '42', /JSON number/],
    ['a JSON string', '"ok"', /JSON string/],
    ['JSON null', 'null', /JSON null/],
    ['JSON true', 'true', /JSON boolean/],
    ['an empty object', '{}', /no job line, footer/],
    ['an empty array', '[]', /no job line, footer/],
    ['an unknown object', '{"hello":"world"}', /no job line, footer.*hello/],
  ])('throws a readable schema error for %s', (_, body, message) => {
    const error = thrown(() => parseWaitBody(body));
    expect(error.kind).toBe('schema');
    expect(error.message).toMatch(message);
  });

  it('cuts the body to about 200 characters in the message', () => {
    const error = thrown(() => parseWaitBody(`<html><body>${'x'.repeat(10_000)}</body></html>`));
    expect(error.message.length).toBeLessThan(300);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it('redacts secrets from server text in messages', () => {
    const error = thrown(() =>
      parseWaitBody('echo Bearer omni_osk_secret', { redact: (text) => text.replaceAll('omni_osk_secret', '[redacted]') }),
    );
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain('omni_osk_secret');
  });
});

describe('createWaitBodyParser: streaming', () => {
  it('calls onJob as each line completes, before the body ends', () => {
    const seen: string[] = [];
    const parser = createWaitBodyParser({ onJob: (job: JobLine) => seen.push(job.jobId) });
    const [a, b] = [done('a'), done('b')];
    parser.push(a.slice(0, 10));
    expect(seen).toEqual([]);
    parser.push(`${a.slice(10)}\n${b.slice(0, 5)}`);
    expect(seen).toEqual(['a']);
    parser.push(`${b.slice(5)}\n`);
    expect(seen).toEqual(['a', 'b']);
    parser.push(footer([], 'false'));
    expect(parser.end().jobs.map((job) => job.jobId)).toEqual(['a', 'b']);
  });

  it('calls onJob for the jobs of a pretty-printed single JSON body at the end', () => {
    const seen: string[] = [];
    const parser = createWaitBodyParser({ onJob: (job) => seen.push(job.jobId) });
    parser.push('{\n  "job_id": "a",\n');
    parser.push('  "status": "COMPLETE",\n  "timed_out": false\n}\n');
    expect(seen).toEqual([]);
    parser.end();
    expect(seen).toEqual(['a']);
  });

  it('drops the half line of an interrupted body and reports the interruption', () => {
    const parser = createWaitBodyParser();
    parser.push(`${done('a')}\n{"job_id":"b","sta`);
    const cut = new OmniError('network', 'connection reset');
    const answer = parser.end(cut);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a']);
    expect(answer.streamError).toBe(cut);
  });

  it('throws the interruption when nothing readable had arrived', () => {
    const parser = createWaitBodyParser();
    parser.push('{"job_id":"b","sta');
    const cut = new OmniError('network', 'connection reset');
    expect(() => parser.end(cut)).toThrow(cut);
  });

  it("keeps the server's own error line over a later interruption", () => {
    const parser = createWaitBodyParser();
    parser.push(`${done('a')}\n{"message":"boom"}\n`);
    expect(parser.end(new OmniError('network', 'reset')).streamError).toMatchObject({ kind: 'http', omniMessage: 'boom' });
  });
});
