import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseWaitBody } from '../../src/wire/createWaitBodyParser.js';

// The one fixture copied into the repository (from ../shared/fixtures/omni), so this never skips.
const fixture = fileURLToPath(new URL('../fixtures/omni-docs-result.b64', import.meta.url));

describe('wire: a real Omni result', () => {
  const result = readFileSync(fixture, 'utf8').trim();
  const fields = [
    'inventory_items.product_department',
    'inventory_items.product_category',
    'inventory_items.product_brand',
    'inventory_items.count',
  ];
  const line = {
    job_id: '4f3b6a1e-real',
    status: 'COMPLETE',
    client_result_id: 'b2c3',
    result,
    query: { model_job: { model_id: 'm', table: 'order_items', fields, limit: 10 } },
    summary: { display_sql: 'SELECT …', cache_type: 'MISS', missing_fields: [] },
  };

  it('reads the job line with its multi-kilobyte result intact, as NDJSON and as the docs shape', () => {
    for (const body of [
      `${JSON.stringify(line)}\n{"remaining_job_ids":[],"timed_out":"false"}\n`,
      JSON.stringify({ ...line, timed_out: false }, null, 2),
    ]) {
      const answer = parseWaitBody(body);
      expect(answer.streamError).toBeUndefined();
      const job = answer.jobs[0]!;
      expect(job.result).toBe(result);
      expect(job.query?.modelJob?.fields).toEqual(fields);
      const table = tableFromIPC(Uint8Array.from(atob(job.result!), (char) => char.charCodeAt(0)));
      expect(table.numRows).toBe(10);
      expect(table.getChild('inventory_items.count')?.get(0)).toBe(284n);
    }
  });
});
