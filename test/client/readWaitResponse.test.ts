import { describe, expect, it } from 'vitest';
import { readWaitResponse } from '../../src/client/readWaitResponse.js';
import { OmniError } from '../../src/errors/OmniError.js';
import { parseWaitBody } from '../../src/wire/createWaitBodyParser.js';

const encoder = new TextEncoder();
const body =
  '\uFEFF{"jobs_submitted":{"a":null,"ü":"cr"}}\r\n' +
  '{"job_id":"a","status":"COMPLETE","result":"/////x","summary":{"fields":{"v.name":{"label":"Näme 😀"}}}}\r\n' +
  '\r\n' +
  '{"job_id":"ü","status":"ERROR","client_result_id":"null","error_message":"kaputt – ✗"}\n' +
  '{"remaining_job_ids":["c"],"timed_out":"true"}';

/** A body stream that hands out `bytes` in pieces of `size`, then either closes or fails. */
function streamOf(bytes: Uint8Array, size: number, failWith?: Error): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        if (failWith) controller.error(failWith);
        else controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

describe('readWaitResponse', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('reads a body fed %i byte(s) at a time like the whole text', async (size) => {
    const bytes = encoder.encode(body);
    const answer = await readWaitResponse(new Response(streamOf(bytes, size)));
    const expected = parseWaitBody(body);
    expect(answer).toEqual(expected);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a', 'ü']);
    expect(answer.jobs[0]!.summary?.fields['v.name']?.label).toBe('Näme 😀');
    expect(answer.jobs[1]!.errorMessage).toBe('kaputt – ✗');
    expect(answer.jobsSubmitted).toEqual({ a: null, ü: 'cr' });
    expect(answer.remainingJobIds).toEqual(['c']);
  });

  it('hands out job lines in body order as they arrive', async () => {
    const order: string[] = [];
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        order.push(`pull ${pulls}`);
        if (pulls === 1) controller.enqueue(encoder.encode('{"job_id":"1","status":"COMPLETE"}\n{"job_id":"2",'));
        else if (pulls === 2) controller.enqueue(encoder.encode('"status":"COMPLETE"}\n'));
        else if (pulls === 3) controller.enqueue(encoder.encode('{"job_id":"3","status":"FAILED"}\n{"remaining_job_ids":[]}'));
        else controller.close();
      },
    });
    const answer = await readWaitResponse(new Response(stream), { onJob: (job) => order.push(`job ${job.jobId}`) });
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['1', '2', '3']);
    // Job 1 is handed out before the bytes of job 2's end were pulled.
    expect(order.indexOf('job 1')).toBeLessThan(order.indexOf('pull 3'));
    expect(order.indexOf('job 2')).toBeLessThan(order.indexOf('pull 4'));
  });

  it('keeps the jobs read before the connection broke, with a network streamError', async () => {
    const text = '{"job_id":"a","status":"COMPLETE"}\n{"job_id":"b","stat';
    const answer = await readWaitResponse(new Response(streamOf(encoder.encode(text), 16, new TypeError('terminated'))));
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a']);
    expect(answer.remainingJobIds).toBeUndefined();
    expect(answer.streamError).toBeInstanceOf(OmniError);
    expect(answer.streamError).toMatchObject({ kind: 'network', message: expect.stringMatching(/terminated/) });
  });

  it('throws the network error when the connection broke before anything readable', async () => {
    const failing = readWaitResponse(new Response(streamOf(encoder.encode('{"job'), 2, new TypeError('reset'))));
    await expect(failing).rejects.toMatchObject({ kind: 'network' });
  });

  it('falls back to text() when the body is not a stream', async () => {
    const fake = {
      body: null,
      text: async () => '{"job_id":"a","status":"COMPLETE"}\n{"remaining_job_ids":[],"timed_out":"false"}',
    } as unknown as Response;
    const seen: string[] = [];
    const answer = await readWaitResponse(fake, { onJob: (job) => seen.push(job.jobId) });
    expect(seen).toEqual(['a']);
    expect(answer.remainingJobIds).toEqual([]);
  });

  it('stops reading and rethrows the abort reason unchanged', async () => {
    const controller = new AbortController();
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('{"job_id":"a","status":"COMPLETE"}\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const reason = new Error('unmounted');
    const reading = readWaitResponse(new Response(stream), { signal: controller.signal, onJob: () => controller.abort(reason) });
    await expect(reading).rejects.toBe(reason);
    expect(cancelled).toBe(true);
  });

  it('lets an error thrown by onJob propagate and cancels the body', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('{"job_id":"a","status":"COMPLETE"}\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const bug = new Error('consumer bug');
    await expect(
      readWaitResponse(new Response(stream), {
        onJob: () => {
          throw bug;
        },
      }),
    ).rejects.toBe(bug);
    expect(cancelled).toBe(true);
  });
});
