import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { contrastFailures, tileHeights } from '../support/layoutChecks.js';
import { sampleData, sampleDecodeError, sampleJobError, sampleMeta } from '../support/tileSamples.js';
import type { TileViewKind } from './Skeleton.js';
import { TileView, type TileState } from './TileView.js';

/** The states a tile can be in, as the Controls panel offers them. */
const STATES = ['loading', 'pending', 'data', 'empty', 'jobError', 'decodeError', 'unavailable'] as const;
type StateName = (typeof STATES)[number];

interface QueryTileStoryArgs {
  /** Which state the tile is in. */
  state: StateName;
  /** The kind of data the tile shows: its skeleton and its height follow. */
  view: TileViewKind;
  title: string;
  /** Seconds already waited (`loading` and `pending`). */
  elapsedSeconds: number;
  /** Omni's message for `jobError`. */
  omniMessage: string;
}

function stateOf({ state, elapsedSeconds, omniMessage }: QueryTileStoryArgs): TileState {
  const elapsedMs = elapsedSeconds * 1000;
  switch (state) {
    case 'loading':
      return { kind: 'loading', elapsedMs };
    case 'pending':
      return { kind: 'loading', elapsedMs, omniStatus: 'EXECUTING' };
    case 'data':
      return { kind: 'data' };
    case 'empty':
      return { kind: 'empty' };
    case 'jobError':
      return { kind: 'error', error: sampleJobError(omniMessage) };
    case 'decodeError':
      return { kind: 'error', error: sampleDecodeError() };
    case 'unavailable':
      return { kind: 'unavailable' };
  }
}

/** One tile on a dashboard page, in the state the controls pick. */
function QueryTileStory(args: QueryTileStoryArgs) {
  return (
    <main className="oq-page">
      <div className="oq-page-inner">
        <div className="oq-grid">
          <TileView
            title={args.title}
            span={args.view === 'kpi' ? 4 : 8}
            view={args.view}
            state={stateOf(args)}
            meta={sampleMeta[args.view]}
            showMeta={args.view !== 'kpi'}
          >
            {sampleData(args.view, args.title)}
          </TileView>
        </div>
      </div>
    </main>
  );
}

const meta = {
  title: 'Components/Query tile',
  component: QueryTileStory,
  argTypes: {
    state: {
      control: 'select',
      options: STATES,
      description:
        'loading: no answer yet · pending: Omni runs the query · data · empty: no rows · jobError: the query failed in Omni · decodeError: the result was damaged · unavailable: the page banner reports a failure',
    },
    view: { control: 'inline-radio', options: ['kpi', 'chart', 'table'] },
    title: { control: 'text' },
    elapsedSeconds: {
      control: { type: 'range', min: 0, max: 300, step: 1 },
      description: 'Seconds already waited (loading and pending)',
    },
    omniMessage: { control: 'text', if: { arg: 'state', eq: 'jobError' } },
  },
  args: {
    state: 'loading',
    view: 'chart',
    title: 'Revenue by category',
    elapsedSeconds: 0,
    omniMessage: 'Field "order_items.margin" does not exist in view "order_items"',
  },
} satisfies Meta<typeof QueryTileStory>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Before Omni's first answer: a skeleton in the shape of the chart, and what the user waits for. */
export const Loading: Story = {
  args: { state: 'loading' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent(/^Waiting for Omni… \d+ s$/);
    await expect(canvas.getByTestId('skeleton')).toBeInTheDocument();
  },
};

/** Omni is running the query: the tile says so, with the time waited. */
export const Pending: Story = {
  args: { state: 'pending', elapsedSeconds: 12 },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent(/^Running your query… 1\d s$/);
  },
};

/** The rows, with their count under the title. */
export const Data: Story = {
  args: { state: 'data', view: 'table', title: 'Top products' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('table', { name: 'Top products' })).toHaveTextContent('Alpine Down Parka');
    await expect(canvas.getByText('6 rows · from cache')).toBeVisible();
    await expect(canvas.queryByRole('status')).toBeNull();
  },
};

/** The query ran and matched nothing: a result, said in words, not an error. */
export const Empty: Story = {
  args: { state: 'empty' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('note', { name: 'Empty result' })).toHaveTextContent('No rows');
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** The query failed in Omni: plain words for the user, Omni's message for the owner under the disclosure. */
export const JobError: Story = {
  name: 'Job error',
  args: { state: 'jobError' },
  play: async ({ canvas, args }) => {
    const alert = canvas.getByRole('alert');
    await expect(within(alert).getByText('Omni could not run this query')).toBeVisible();
    await expect(within(alert).getByText(args.omniMessage)).not.toBeVisible();
    await expect(alert.innerText).not.toContain('kind');
  },
};

/** The result arrived damaged: the same, for a `decode` error. */
export const DecodeError: Story = {
  name: 'Decode error',
  args: { state: 'decodeError', view: 'table', title: 'Top products' },
  play: async ({ canvas }) => {
    const alert = canvas.getByRole('alert');
    await expect(within(alert).getByText('The result could not be read')).toBeVisible();
    await expect(alert.innerText).not.toMatch(/decode|base64/);
  },
};

const ALL_STATES: StateName[] = ['loading', 'pending', 'data', 'empty', 'jobError', 'decodeError', 'unavailable'];

/** Every state of every view side by side, each in its own grid so no row stretches it. */
function SameHeight() {
  return (
    <main className="oq-page">
      <div className="oq-page-inner">
        {(['kpi', 'chart', 'table'] as const).map((view) => (
          <div key={view} className="oq-grid" style={{ alignItems: 'start', marginBottom: 24 }} data-view={view}>
            {ALL_STATES.map((state) => {
              // Short titles: a title that wraps at 390 px would make its tile taller for a reason other than its state.
              const title = state;
              const args: QueryTileStoryArgs = { state, view, title, elapsedSeconds: 3, omniMessage: 'Field "x" does not exist' };
              return (
                <TileView
                  key={state}
                  title={title}
                  span={view === 'kpi' ? 3 : 6}
                  view={view}
                  state={stateOf(args)}
                  meta={sampleMeta[view]}
                  showMeta={view !== 'kpi'}
                >
                  {sampleData(view, title)}
                </TileView>
              );
            })}
          </div>
        ))}
      </div>
    </main>
  );
}

/**
 * The promise behind "nothing jumps": for each view, a tile is exactly as tall in every state (within
 * 1 px), so a page of tiles keeps its layout from the first skeleton to the last result. Every text also
 * reads at 4.5:1 or better.
 */
export const SameHeightInEveryState: Story = {
  name: 'Same height in every state',
  render: () => <SameHeight />,
  parameters: { controls: { disable: true } },
  play: async ({ canvasElement }) => {
    for (const view of ['kpi', 'chart', 'table']) {
      const heights = Object.values(tileHeights(canvasElement.querySelector(`[data-view="${view}"]`)!));
      await expect(heights).toHaveLength(ALL_STATES.length);
      await expect(Math.max(...heights) - Math.min(...heights)).toBeLessThanOrEqual(1);
    }
    await expect(contrastFailures(canvasElement)).toEqual([]);
  },
};
