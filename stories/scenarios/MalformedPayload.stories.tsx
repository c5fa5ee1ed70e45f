import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { arrowBase64, createFakeOmni } from '../../src/testing/index.js';
import { OmniTile, type ShownResult } from '../components/OmniTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { brandFields, brandTable, summaryOf } from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const jobs = { badBase64: 'job-bad-base64', truncated: 'job-truncated-arrow', healthy: 'job-healthy' };

/** A valid Arrow stream cut after 60 % of its bytes (on a base64 quantum, so the base64 itself is valid). */
function truncatedArrow(): string {
  const whole = arrowBase64(brandTable(), 'stream');
  return whole.slice(0, Math.floor((whole.length * 0.6) / 4) * 4);
}

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN });
  const summary = summaryOf(brandFields, 'SELECT …');
  omni.addJob(
    { id: jobs.badBase64, summary, result: '/////%%%this is not base64%%%' },
    { id: jobs.truncated, summary, result: truncatedArrow() },
    { id: jobs.healthy, table: brandTable(), summary },
  );
  return omni;
});

function MalformedPayload() {
  const table = (caption: string) =>
    function Render(job: ShownResult) {
      return <ResultTable caption={caption} fields={job.fields} rows={job.rows} />;
    };
  return (
    <ScenarioPage title="Malformed payload" subtitle="Two COMPLETE lines whose result cannot be decoded, next to a healthy one">
      <OmniTile title="Bad base64" jobId={jobs.badBase64} span={4} view="table" bodyHeight={240}>
        {table('Bad base64')}
      </OmniTile>
      <OmniTile title="Truncated Arrow stream" jobId={jobs.truncated} span={4} view="table" bodyHeight={240}>
        {table('Truncated Arrow stream')}
      </OmniTile>
      <OmniTile title="Healthy job" jobId={jobs.healthy} span={4} view="table" bodyHeight={240}>
        {table('Healthy job')}
      </OmniTile>
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Malformed payload',
  component: MalformedPayload,
  decorators: [withFakeOmni],
} satisfies Meta<typeof MalformedPayload>;
export default meta;

/** A broken `result` becomes a `decode` error on that job alone; the page and the other tiles keep working. */
export const MalformedPayloadStory: StoryObj<typeof meta> = {
  name: 'Malformed payload',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas }) => {
    const tile = (name: string) => within(canvas.getByRole('region', { name }));

    const healthy = await tile('Healthy job').findByRole('table', {}, { timeout: 5000 });
    await expect(healthy).toHaveTextContent('Calvin Klein');

    for (const [name, jobId] of [
      ['Bad base64', jobs.badBase64],
      ['Truncated Arrow stream', jobs.truncated],
    ] as const) {
      const alert = await tile(name).findByRole('alert', {}, { timeout: 5000 });
      await expect(within(alert).getByText('The result could not be read')).toBeVisible();
      await expect(alert.innerText).not.toMatch(/decode|base64|arrow|job-/i);
      // For developers, folded away: the kind and the job.
      await expect(within(alert).getByText('decode')).not.toBeVisible();
      await expect(within(alert).getByText(jobId)).not.toBeVisible();
      await expect(tile(name).queryByRole('table')).toBeNull();
    }
    await expect(tile('Bad base64').getByRole('alert').querySelector('details')).toHaveTextContent(/base64/i);
    // One alert per broken tile, no page banner: the request itself went fine.
    await expect(canvas.getAllByRole('alert')).toHaveLength(2);
    // A decode error is final: nothing is asked again.
    await expect(scenario.fake.waitRequests()).toHaveLength(1);
  },
};
