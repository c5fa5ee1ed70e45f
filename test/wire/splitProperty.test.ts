import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWaitBodyParser, parseWaitBody } from '../../src/wire/createWaitBodyParser.js';

const encoder = new TextEncoder();

const jobLine = fc.record({
  job_id: fc.oneof(
    fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }),
    // Keys with meaning to JavaScript objects: they are job ids like any other here.
    fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty'),
  ),
  status: fc.constantFrom('COMPLETE', 'ERROR', 'FAILED', 'MISSING', 'EXECUTING', 'NEW_STATUS'),
  result: fc.option(fc.base64String({ maxLength: 40 }), { nil: undefined }),
  error_message: fc.option(fc.string({ maxLength: 20, unit: 'binary' }), { nil: undefined }),
});

const body = fc.record({
  header: fc.boolean(),
  jobs: fc.array(jobLine, { maxLength: 6 }),
  remaining: fc.array(fc.string({ minLength: 1, maxLength: 8, unit: 'binary' }), { maxLength: 4 }),
  timedOut: fc.constantFrom<unknown>('true', 'false', true, false),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  blankLines: fc.boolean(),
  trailingNewline: fc.boolean(),
});

type BodyParts = typeof body extends fc.Arbitrary<infer T> ? T : never;

/** The text of an NDJSON body built from the generated parts. */
function render(parts: BodyParts): string {
  const eol = parts.crlf ? '\r\n' : '\n';
  const lines: string[] = [];
  if (parts.header)
    lines.push(JSON.stringify({ jobs_submitted: Object.fromEntries(parts.jobs.map((job) => [job.job_id, null])) }));
  for (const job of parts.jobs) {
    lines.push(JSON.stringify(job));
    if (parts.blankLines) lines.push('');
  }
  lines.push(JSON.stringify({ remaining_job_ids: parts.remaining, timed_out: parts.timedOut }));
  return `${parts.bom ? '\uFEFF' : ''}${lines.join(eol)}${parts.trailingNewline ? eol : ''}`;
}

describe('wire parser properties', () => {
  it('parses any byte-level split of a valid NDJSON body to the same answer', () => {
    fc.assert(
      fc.property(body, fc.array(fc.nat(), { maxLength: 12 }), (parts, cuts) => {
        const text = render(parts);
        const bytes = encoder.encode(text);
        const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const seen: string[] = [];
        const parser = createWaitBodyParser({ onJob: (job) => seen.push(job.jobId) });
        let from = 0;
        for (const point of [...points, bytes.length]) {
          parser.push(bytes.subarray(from, point));
          from = point;
        }
        const streamed = parser.end();
        const whole = parseWaitBody(text);
        expect(streamed).toEqual(whole);
        expect(seen).toEqual(parts.jobs.map((job) => job.job_id));
        expect(streamed.jobs.map((job) => job.jobId)).toEqual(parts.jobs.map((job) => job.job_id));
        expect(streamed.remainingJobIds).toEqual(parts.remaining);
        expect(streamed.timedOut).toBe(parts.timedOut === true || parts.timedOut === 'true');
        expect(streamed.streamError).toBeUndefined();
      }),
      { numRuns: 1_000 },
    );
  });

  it('never throws anything but an OmniError on corrupted bytes', () => {
    fc.assert(
      fc.property(
        body,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (parts, edits) => {
          const bytes = encoder.encode(render(parts));
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          try {
            const answer = parseWaitBody(new TextDecoder().decode(bytes));
            expect(Array.isArray(answer.jobs)).toBe(true);
          } catch (error) {
            expect((error as Error).name).toBe('OmniError');
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
