import type { Meta, StoryObj } from '@storybook/react-vite';
import { useSyncExternalStore } from 'react';
import { expect, within } from 'storybook/test';
import { bytesToBase64 } from '../../src/testing/index.js';
import { Card } from '../components/Card.js';
import { arrowFileWithSchemaMessage } from '../support/arrowFileWithSchemaMessage.js';
import { brandFields, brandTable, summaryOf } from '../support/demoData.js';
import { singleTileStory } from '../support/singleTileStory.js';
import { createWireLog } from '../support/wireLog.js';

const JOB = 'a1b2c3d4-docs-shaped';
const wireLog = createWireLog();

// Long base64 and field metadata would drown the shape: keep the first characters of `result`, fold `summary`.
function shorten(body: string): string {
  const fold = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fold);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).map(([key, v]) => {
      if (key === 'result' && typeof v === 'string') return [key, `${v.slice(0, 16)}…`];
      if (key === 'summary') return [key, '{…}'];
      return [key, v];
    });
    return Object.fromEntries(entries);
  };
  try {
    return JSON.stringify(fold(JSON.parse(body)));
  } catch {
    return body;
  }
}

function WireBodies() {
  const bodies = useSyncExternalStore(wireLog.subscribe, wireLog.getSnapshot);
  return (
    <Card title="What Omni sent" meta="result and summary shortened" span={5}>
      {bodies.map((body, i) => (
        <pre key={i} className="oq-sql" aria-label={`Response ${i + 1}`}>
          {shorten(body)}
        </pre>
      ))}
    </Card>
  );
}

const {
  scenario,
  meta: base,
  story,
} = singleTileStory({
  page: {
    title: 'Docs-shaped response',
    subtitle: "A single JSON object per answer, as in Omni's API reference, instead of NDJSON",
  },
  tile: { title: 'Inventory by brand', bodyHeight: 240, span: 7 },
  jobId: JOB,
  job: () => ({
    // Written the way Arrow C++/Java do (schema message first), which starts `QVJST1cxAAD/////` like the docs.
    result: bytesToBase64(arrowFileWithSchemaMessage(brandTable())),
    after: 1,
    summary: summaryOf(brandFields, 'SELECT * FROM order_items LIMIT 10'),
  }),
  // `json`: the single JSON object of Omni's public docs, boolean `timed_out`, Arrow IPC *file* (ARROW1).
  omni: { format: 'json', holdMs: 300 },
  after: <WireBodies />,
  wireLog,
});

const meta = { ...base, title: 'Scenarios/Docs-shaped response' } satisfies Meta<typeof base.component>;
export default meta;

/**
 * First answer `{"remaining_job_ids":[…],"timed_out":true}`, then the job's fields with `"timed_out":false`
 * and a `result` in the Arrow file format (`QVJST1cx…`). Same rows as the NDJSON stream gives.
 */
export const DocsShapedResponseStory: StoryObj<typeof meta> = {
  ...story,
  name: 'Docs-shaped response',
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Inventory by brand' }, { timeout: 5000 });
    await expect(within(table).getAllByRole('row')).toHaveLength(6);
    await expect(table).toHaveTextContent('Calvin Klein');

    const first = await canvas.findByLabelText('Response 1');
    await expect(first).toHaveTextContent(`{"remaining_job_ids":["${JOB}"],"timed_out":true}`);
    const second = await canvas.findByLabelText('Response 2');
    await expect(second).toHaveTextContent(`"job_id":"${JOB}"`);
    await expect(second).toHaveTextContent('"result":"QVJST1cxAAD/////');
    await expect(second).toHaveTextContent('"timed_out":false');
    await expect(scenario.fake.waitRequests()).toHaveLength(2);
  },
};
