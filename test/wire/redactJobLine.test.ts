import { describe, expect, it } from 'vitest';
import { redactor } from '../../src/rules/redactor.js';
import { parseWaitBody } from '../../src/wire/createWaitBodyParser.js';

const TOKEN = 'omni_osk_secret_1234';

describe('job lines that echo the token', () => {
  const body = [
    JSON.stringify({
      job_id: 'a',
      status: 'ERROR',
      error_message: `Bearer ${TOKEN} is not allowed`,
      error: `auth ${TOKEN}`,
      kill_reason: TOKEN,
      summary: { display_sql: `-- ${TOKEN}` },
    }),
    JSON.stringify({ remaining_job_ids: [], timed_out: 'false' }),
  ].join('\n');

  it('are redacted before they reach error text or the cache', () => {
    const { jobs } = parseWaitBody(body, { redact: redactor(TOKEN) });
    expect(JSON.stringify(jobs)).not.toContain(TOKEN);
    expect(jobs[0]).toMatchObject({ jobId: 'a', errorMessage: 'Bearer [redacted] is not allowed', killReason: '[redacted]' });
  });

  it('are left as they are when there is no secret to hide', () => {
    const { jobs } = parseWaitBody(body);
    expect(jobs[0]?.errorMessage).toBe(`Bearer ${TOKEN} is not allowed`);
  });
});
