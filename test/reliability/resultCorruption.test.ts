/**
 * A corrupted `result` hurts its own job only. Each generated answer carries three jobs with real
 * Arrow payloads; one job's payload is damaged (bytes flipped, inserted or cut; base64 characters
 * replaced or cut). The answer goes through the same code as the hook's data path — the wire parser,
 * `nextJobRecord` (decode once) and `combineQueryResults` — and then every value is read, as a
 * component rendering the table would.
 */
import fc from 'fast-check';
import './support/fastCheck.js';
import { describe, expect, it } from 'vitest';
import { OmniError } from '../../src/errors/OmniError.js';
import { combineQueryResults, type JobQueryState } from '../../src/results/combineQueryResults.js';
import { nextJobRecord } from '../../src/wait/nextJobRecord.js';
import type { JobResult } from '../../src/results/JobResult.js';
import { parseWaitBody } from '../../src/wire/createWaitBodyParser.js';
import { messageEnds } from '../decode/arrowBuilders.js';
import { bytesToBase64 } from '../fakeOmni.js';
import { applyEdits, byteEditArb } from './support/arbitraries.js';
import { arrowBytes, complete, footer, lines } from '../support/wire.js';

const RUNS = 2_000;

const PAYLOADS = [
  {
    id: 'orders',
    bytes: arrowBytes({
      'orders.id': Int32Array.from([1, 2, 3]),
      'orders.amount': Float64Array.from([9.5, -1.25, 1e6]),
      'orders.status': ['new', 'paid', 'new'],
      'orders.count': BigInt64Array.from([1n, 9007199254740993n, -4n]),
    }),
    rows: [
      { 'orders.id': 1, 'orders.amount': 9.5, 'orders.status': 'new', 'orders.count': 1 },
      { 'orders.id': 2, 'orders.amount': -1.25, 'orders.status': 'paid', 'orders.count': 9007199254740993n },
      { 'orders.id': 3, 'orders.amount': 1e6, 'orders.status': 'new', 'orders.count': -4 },
    ],
  },
  {
    id: 'users',
    bytes: arrowBytes({ 'users.name': ['Zoë', '山田', 'Ann'], 'users.age': Int32Array.from([31, 42, 27]) }),
    rows: [
      { 'users.name': 'Zoë', 'users.age': 31 },
      { 'users.name': '山田', 'users.age': 42 },
      { 'users.name': 'Ann', 'users.age': 27 },
    ],
  },
  {
    id: 'kpi',
    bytes: arrowBytes({ 'kpi.value': Float64Array.from([0.5]) }),
    rows: [{ 'kpi.value': 0.5 }],
  },
] as const;

const NOT_BASE64 = '!#$%&*-_.:;?@^~"\\';

/** How one payload is damaged. `mustFail`: no reading of the damaged result can be right. */
const damageArb = fc.oneof(
  fc.record({ kind: fc.constant('edits' as const), edits: fc.array(byteEditArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
  fc.record({
    kind: fc.constant('badChars' as const),
    at: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    chars: fc.array(fc.constantFrom(...NOT_BASE64), { minLength: 3, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('cutBase64' as const), cut: fc.integer({ min: 1, max: 64 }) }),
);
type Damage = typeof damageArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The damaged base64 `result`, and whether the damage can only be reported as an error. A stream cut
 * exactly after a whole message is a valid, shorter stream (the end-of-stream marker is optional), so
 * only a cut elsewhere must fail.
 */
function damage(bytes: Uint8Array, how: Damage): { result: string; mustFail: boolean } {
  const cutInsideMessage = (kept: number) => !messageEnds(bytes).includes(kept);
  switch (how.kind) {
    case 'edits':
      return { result: bytesToBase64(applyEdits(bytes, how.edits)), mustFail: false };
    case 'truncate': {
      const kept = Math.floor(bytes.length * how.keep);
      return { result: bytesToBase64(bytes.subarray(0, kept)), mustFail: cutInsideMessage(kept) };
    }
    case 'badChars': {
      const text = bytesToBase64(bytes).split('');
      how.at.forEach((at, index) => (text[at % text.length] = how.chars[index]!));
      return { result: text.join(''), mustFail: true };
    }
    case 'cutBase64': {
      const text = bytesToBase64(bytes).replace(/=+$/, '');
      const chars = Math.max(0, text.length - how.cut);
      // A prefix of base64 text decodes to a prefix of the bytes, unless its length cannot be base64.
      return { result: text.slice(0, chars), mustFail: chars % 4 === 1 || cutInsideMessage(Math.floor((chars * 3) / 4)) };
    }
  }
}

/** Reads every value a component could show: rows, columns, fields, the table's row count. */
function readEverything(job: JobResult): void {
  for (const row of job.rows) for (const key of Object.keys(row)) void row[key];
  for (const [name, column] of Object.entries(job.columns)) {
    expect(column.length, `column ${name}`).toBe(job.numRows);
    for (let i = 0; i < column.length; i += 1) void column[i];
  }
  void job.fields.map((field) => field.arrowType);
  void job.table?.numRows;
}

describe('a corrupted result fails its own job only', () => {
  it(`gives a decode error on the damaged job, or readable values, and leaves the other jobs exact (${RUNS} runs)`, () => {
    let failed = 0;
    let decoded = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PAYLOADS.length - 1 }), damageArb, (victim, how) => {
        const { result, mustFail } = damage(PAYLOADS[victim]!.bytes, how);
        const body = lines([
          ...PAYLOADS.map((payload, index) => complete(payload.id, index === victim ? result : bytesToBase64(payload.bytes))),
          footer([]),
        ]);
        const answer = parseWaitBody(body);
        expect(answer.streamError).toBeUndefined();
        const ids = PAYLOADS.map((payload) => payload.id);
        const states: JobQueryState[] = ids.map((jobId) => {
          const line = answer.jobs.find((job) => job.jobId === jobId);
          expect(line).toBeDefined();
          const record = nextJobRecord(undefined, line!, { jobId, firstRequestedAt: 0, answeredAt: 1 });
          return { data: record, error: null, status: 'success', fetchStatus: 'idle' };
        });
        const results = combineQueryResults(ids, states, false);

        expect(results.status).toBe('success');
        expect(results.error).toBeNull();
        results.jobs.forEach((job, index) => {
          if (index !== victim) {
            expect(job.status).toBe('complete');
            expect(job.rows).toEqual(PAYLOADS[index]!.rows);
            return;
          }
          if (job.status === 'error') {
            failed += 1;
            expect(job.error).toBeInstanceOf(OmniError);
            expect(job.error).toMatchObject({ kind: 'decode', jobId: job.jobId });
            expect(job.rows).toEqual([]);
            return;
          }
          // A flipped byte inside a data buffer is a different value, not a detectable error.
          decoded += 1;
          expect(mustFail, `${how.kind} damage decoded without an error`).toBe(false);
          expect(job.status).toBe('complete');
          readEverything(job);
        });
      }),
      { numRuns: RUNS },
    );
    // Both outcomes happen, so the property is not vacuous in either direction.
    expect(failed).toBeGreaterThan(RUNS / 4);
    expect(decoded).toBeGreaterThan(0);
  }, 60_000);
});
