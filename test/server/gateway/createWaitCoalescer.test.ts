import { describe, expect, it } from 'vitest';
import { createWaitCoalescer, type HeldJob } from '../../../src/server/gateway/createWaitCoalescer.js';
import { gatewayKeys } from '../../../src/server/gateway/gatewayKeys.js';

const keys = gatewayKeys('tokenhash', '');
const job = (id: string): HeldJob => ({ id, keys, record: { run: 'r', jobs: { [id]: null } } });

describe('createWaitCoalescer', () => {
  it('cancels the poll’s reader, not only its signal, when the last browser leaves', async () => {
    let cancelled: unknown;
    let aborted = false;
    // A body that has sent everything it will send but never closes: on Node 20 an aborted fetch
    // can leave a read of such a body pending forever, so only cancelling the reader frees it.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"job_id":"other","status":"EXECUTING"}\n'));
      },
      cancel(reason) {
        cancelled = reason ?? 'cancelled';
      },
    });
    const coalescer = createWaitCoalescer({
      holdMs: 60_000,
      startPoll: async (ids, signal) => {
        ids();
        signal.addEventListener('abort', () => (aborted = true));
        return { ok: true, body, redact: (text) => text };
      },
      onTerminal: () => undefined,
    });
    const leaving = new AbortController();

    const held = coalescer.hold([job('a')], leaving.signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    leaving.abort(new Error('tab closed'));

    expect(await held).toEqual({ kind: 'aborted' });
    expect(aborted).toBe(true);
    await expect.poll(() => cancelled).toBeDefined();
  });

  it('keeps each terminal line for the store even when the browser that asked has left', async () => {
    const kept: string[] = [];
    let push!: (text: string) => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
      },
    });
    const coalescer = createWaitCoalescer({
      holdMs: 60_000,
      startPoll: async (ids) => {
        // As the real poll does: the ids are read once the token and the budget allowed the request.
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(ids()).toEqual(['a', 'b']);
        return { ok: true, body, redact: (text) => text.replaceAll('SECRET', '[redacted]') };
      },
      onTerminal: (held, line) => kept.push(`${held.id} ${line}`),
    });
    const gone = new AbortController();

    const first = coalescer.hold([job('a')], gone.signal);
    const second = coalescer.hold([job('b')], new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    gone.abort();
    await first;
    push('{"job_id":"a","status":"FAILED","error_message":"SECRET leaked"}\n{"job_id":"b","status":"COMPLETE"}\n');
    const answer = await second;

    expect(kept).toEqual([
      'a {"job_id":"a","status":"FAILED","error_message":"[redacted] leaked"}',
      'b {"job_id":"b","status":"COMPLETE"}',
    ]);
    expect(answer).toMatchObject({ kind: 'answer', lines: ['{"job_id":"b","status":"COMPLETE"}'], remaining: [] });
  });
});
