import type { Meta, StoryObj } from '@storybook/react-vite';
import { useSyncExternalStore } from 'react';
import { expect, within } from 'storybook/test';
import { bytesToBase64, createFakeOmni } from '../../test/fakeOmni.js';
import { Card } from '../components/Card.js';
import { QueryTile } from '../components/QueryTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { brandFields, brandTable, summaryOf } from '../support/demoData.js';
import { arrowFileWithSchemaMessage } from '../support/arrowFileWithSchemaMessage.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { withFakeOmni } from '../support/withFakeOmni.js';
import { createWireLog } from '../support/wireLog.js';

const JOB = 'a1b2c3d4-docs-shaped';
const wireLog = createWireLog();

const scenario = fakeOmniScenario(
  () => {
    // `json`: the single JSON object of Omni's public docs, boolean `timed_out`, Arrow IPC *file* (ARROW1).
    const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN, format: 'json', holdMs: 300 });
    omni.addJob({
      id: JOB,
      // Written the way Arrow C++/Java do (schema message first), which starts `QVJST1cxAAD/////` like the docs.
      result: bytesToBase64(arrowFileWithSchemaMessage(brandTable())),
      finishAfterPolls: 1,
      summary: summaryOf(brandFields, 'SELECT * FROM order_items LIMIT 10'),
    });
    return omni;
  },
  { wireLog },
);

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

function DocsShapedResponse({ jobId }: { jobId: string }) {
  return (
    <ScenarioPage
      title="Docs-shaped response"
      subtitle="A single JSON object per answer, as in Omni's API reference, instead of NDJSON"
    >
      <QueryTile title="Inventory by brand" jobId={jobId} span={7} view="table" bodyHeight={240}>
        {(job) => <ResultTable caption="Inventory by brand" fields={job.fields} rows={job.rows} />}
      </QueryTile>
      <WireBodies />
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Docs-shaped response',
  component: DocsShapedResponse,
  decorators: [withFakeOmni],
  args: { jobId: JOB },
} satisfies Meta<typeof DocsShapedResponse>;
export default meta;

/**
 * First answer `{"remaining_job_ids":[…],"timed_out":true}`, then the job's fields with `"timed_out":false`
 * and a `result` in the Arrow file format (`QVJST1cx…`). Same rows as the NDJSON stream gives.
 */
export const DocsShapedResponseStory: StoryObj<typeof meta> = {
  name: 'Docs-shaped response',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
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
