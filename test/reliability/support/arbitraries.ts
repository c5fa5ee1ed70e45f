/** fast-check generators of valid wait answers, and renderers of them as exact body text. */
import fc from 'fast-check';

/** Statuses Omni sends, terminal and not, plus ones it may add one day. */
export const STATUSES = ['COMPLETE', 'ERROR', 'FAILED', 'MISSING', 'EXECUTING', 'PLANNING', 'ADDED', 'QUEUED_ON_MARS'] as const;

/** Text with any Unicode characters (multi-byte in UTF-8), never empty. */
export const unicodeText = (maxLength = 12) => fc.string({ minLength: 1, maxLength, unit: 'binary' });

/** A usable job id: any Unicode, but not blank (blank ids are refused before any request). */
export const jobIdText = (maxLength = 12) => unicodeText(maxLength).filter((text) => text.trim() !== '');

const summaryField = fc.record(
  {
    label: unicodeText(16),
    data_type: fc.constantFrom('NUMBER', 'STRING', 'TIMESTAMP', 'BOOLEAN', 'SOMETHING_NEW'),
    format: fc.oneof(fc.constantFrom('NUMBER_0', 'USD'), fc.record({ value: fc.constantFrom('PERCENT_1', 'BIG_2') })),
    is_dimension: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A job line that passes the wire schema. */
export const jobLineArb = fc.record(
  {
    job_id: jobIdText(),
    status: fc.constantFrom(...STATUSES),
    client_result_id: fc.oneof(fc.constant('null'), unicodeText(8)),
    result: fc.base64String({ maxLength: 48 }),
    error_message: unicodeText(24),
    summary: fc.record(
      {
        display_sql: unicodeText(40),
        missing_fields: fc.array(unicodeText(8), { maxLength: 2 }),
        fields: fc.dictionary(unicodeText(10), summaryField, { maxKeys: 3 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['job_id', 'status'] },
);

/** The parts of one NDJSON answer, and how its lines are framed. */
export const ndjsonAnswerArb = fc
  .record({
    header: fc.boolean(),
    jobs: fc.array(jobLineArb, { maxLength: 5 }),
    remaining: fc.array(unicodeText(8), { maxLength: 3 }),
    timedOut: fc.constantFrom<unknown>('true', 'false', true, false),
    footer: fc.boolean(),
    /** Per line: `\n` or `\r\n`. */
    eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 8, maxLength: 8 }),
    /** Per line: blank lines (whitespace only) after it. */
    blanks: fc.array(fc.constantFrom('', '\n', '  \n', '\r\n', '\t\r\n\n'), { minLength: 8, maxLength: 8 }),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
  })
  // An answer carries at least one line; an empty body is a different case (see the bad-input table).
  .filter((answer) => answer.header || answer.footer || answer.jobs.length > 0);

export type NdjsonAnswer = typeof ndjsonAnswerArb extends fc.Arbitrary<infer T> ? T : never;

/** The body text of a generated NDJSON answer. */
export function renderNdjson(answer: NdjsonAnswer): string {
  const objects: unknown[] = [];
  if (answer.header) objects.push({ jobs_submitted: Object.fromEntries(answer.jobs.map((job) => [job.job_id, null])) });
  objects.push(...answer.jobs);
  if (answer.footer) objects.push({ remaining_job_ids: answer.remaining, timed_out: answer.timedOut });
  let text = answer.bom ? '\uFEFF' : '';
  objects.forEach((object, index) => {
    const last = index === objects.length - 1;
    text += JSON.stringify(object);
    if (!last || answer.trailingNewline) text += answer.eols[index % answer.eols.length]!;
    if (!last) text += answer.blanks[index % answer.blanks.length]!;
  });
  return text;
}

/** Byte offsets in `[0, length]`, sorted and distinct, from raw draws. */
export function cutPoints(draws: readonly number[], length: number): number[] {
  return [...new Set(draws.map((draw) => draw % (length + 1)))].sort((a, b) => a - b);
}

/** `bytes` cut at `points` into consecutive chunks (empty chunks dropped). */
export function chunksOf(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = Math.max(from, point);
  }
  return chunks;
}

/** One edit of a byte string: overwrite, delete a range, insert bytes, or cut the end off. */
export const byteEditArb = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export type ByteEdit = typeof byteEditArb extends fc.Arbitrary<infer T> ? T : never;

/** `bytes` with `edits` applied in order (positions taken modulo the current length). */
export function applyEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let out = Array.from(bytes);
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % out.length;
    switch (edit.kind) {
      case 'set':
        if (out.length > 0) out[at] = edit.value;
        break;
      case 'delete':
        out.splice(at, edit.length);
        break;
      case 'insert':
        out.splice(at, 0, ...edit.bytes);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
    }
  }
  return Uint8Array.from(out);
}
