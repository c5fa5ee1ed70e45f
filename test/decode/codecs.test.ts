import { CompressionType, compressionRegistry } from 'apache-arrow';
import { describe, expect, it, vi } from 'vitest';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { MissingCodecs, needsCodecs } from '../../src/decode/ipc/MissingCodecs.js';
import { OmniError } from '../../src/errors/OmniError.js';
import { nextJobRecord } from '../../src/wait/nextJobRecord.js';
import { pollJob } from '../../src/wait/pollJob.js';
import { WaitBatcher } from '../../src/wait/WaitBatcher.js';
import { fakeWaitClient, line } from '../wait/fakeWaitClient.js';
import { LZ4_ROWS, base64Of, lz4Stream } from './compressedStream.js';

// This file never imports src/codecs.ts: the registry starts empty, as in an application that did not
// `import 'omni-query-hooks/codecs'` (vitest gives each test file its own apache-arrow).
const stream = lz4Stream();

describe('compressed results without the codecs entry point', () => {
  it('holds a compressed stream, and no codec is registered', () => {
    expect(compressionRegistry.get(CompressionType.LZ4_FRAME)).toBeNull();
    expect(stream.length).toBeGreaterThan(0);
  });

  it.each([
    ['bytes', stream],
    ['base64', base64Of(stream)],
  ])('decodeResult from %s: a decode error that names the import to add', (_, input) => {
    let caught: unknown;
    try {
      decodeResult(input, { jobId: 'job-9' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OmniError);
    const error = caught as OmniError;
    expect(error.kind).toBe('decode');
    expect(error.jobId).toBe('job-9');
    expect(error.message).toBe(
      "Cannot decode the result of job job-9: its record batches are LZ4_FRAME compressed and no codec is registered: add `import 'omni-query-hooks/codecs'` once to your app",
    );
    expect(error.cause).toBeInstanceOf(MissingCodecs);
    expect(needsCodecs(error)).toBe(true);
  });

  it('needsCodecs is false for every other error', () => {
    expect(needsCodecs(new OmniError('decode', 'corrupt'))).toBe(false);
    expect(needsCodecs(new Error('x'))).toBe(false);
    expect(needsCodecs(undefined)).toBe(false);
  });

  it('the hook path loads the codecs when a compressed result arrives, and decodes it', async () => {
    const complete = line('job-1', 'COMPLETE', { result: base64Of(stream) });
    // Synchronously, the decode needs codecs it does not have.
    const first = nextJobRecord(undefined, complete, { jobId: 'job-1', firstRequestedAt: 0, answeredAt: 0 });
    expect(first.status).toBe('error');
    expect(needsCodecs(first.error)).toBe(true);

    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const polled = pollJob(batcher, { jobId: 'job-1', previous: undefined, firstRequestedAt: Date.now() });
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1));
    fake.calls[0]!.emit(complete);
    fake.calls[0]!.answer({});
    const record = await polled;
    expect(record.error).toBeUndefined();
    expect(record.status).toBe('complete');
    expect(record.decoded?.numRows).toBe(LZ4_ROWS.length);
    expect(record.decoded?.rows([0, 1], ['id', 'name'])).toEqual(LZ4_ROWS);
    expect(compressionRegistry.get(CompressionType.LZ4_FRAME)).not.toBeNull();
  });
});
