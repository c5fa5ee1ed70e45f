import { useState, type ReactNode } from 'react';
import { createFakeOmni, type FakeJob, type FakeOmni, type FakeOmniOptions } from '../../src/testing/index.js';
import type { CardProps } from '../components/Card.js';
import { OmniTile, type ShownResult } from '../components/OmniTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import type { TileViewKind } from '../components/Skeleton.js';
import { fakeOmniScenario } from './fakeOmniScenario.js';
import { FAKE_OMNI_ORIGIN } from './fakeOrigin.js';
import { withFakeOmni } from './withFakeOmni.js';
import type { WireLog } from './wireLog.js';

/** Options of {@link singleTileStory}. */
export interface SingleTileStoryOptions {
  /** The page's heading and the sentence under it. */
  page: { title: string; subtitle: string };
  /** The tile: its title (also the name of its table), its view, its body height, its width in columns (default 12). */
  tile: { title: string; bodyHeight: number; view?: TileViewKind; span?: CardProps['span'] };
  /** The id of the one job the fake Omni knows (the story's `jobId` arg). */
  jobId: string;
  /** That job, built anew for every render (a fresh table, a fresh poll count). */
  job: () => FakeJob;
  /** Options of the fake (`holdMs`, `format`, …). Default: the kit's. */
  omni?: Omit<FakeOmniOptions, 'baseUrl' | 'jobs'>;
  /** Scripts what goes wrong, once the job is added (`omni.failNext(…)`). Default: nothing. */
  setup?: (omni: FakeOmni) => void;
  /** Renders the finished job. Default: a table named after the tile. */
  render?: (result: ShownResult) => ReactNode;
  /** Offers "Show Omni-internal columns" in the page header. Default false. */
  internalColumnsToggle?: boolean;
  /** Cards after the tile (what went over the wire). Default: none. */
  after?: ReactNode;
  /** Records every response body, for `after` to show. */
  wireLog?: WireLog;
}

/**
 * The frame of a scenario with one tile for one job: the fake Omni of the story (rebuilt before every
 * render), the page, the meta and the story's server state. A story file adds its title, its name and its
 * `play`:
 *
 * ```tsx
 * const { scenario, meta: base, story } = singleTileStory({ … });
 * const meta = { ...base, title: 'Scenarios/Single job' } satisfies Meta<typeof base.component>;
 * export default meta;
 * export const SingleJobStory: StoryObj<typeof meta> = { ...story, name: 'Single job', play: async () => { … } };
 * ```
 */
export function singleTileStory(options: SingleTileStoryOptions) {
  const { page, tile, jobId } = options;
  const scenario = fakeOmniScenario(
    () => {
      const omni = createFakeOmni({ ...options.omni, baseUrl: FAKE_OMNI_ORIGIN });
      omni.addJob({ ...options.job(), id: jobId });
      options.setup?.(omni);
      return omni;
    },
    options.wireLog ? { wireLog: options.wireLog } : {},
  );
  const render =
    options.render ?? ((result: ShownResult) => <ResultTable caption={tile.title} fields={result.fields} rows={result.rows} />);

  function SingleTilePage(args: { jobId: string }) {
    const [showInternal, setShowInternal] = useState(false);
    const toggle = options.internalColumnsToggle ? (
      <label className="oq-toggle">
        <input type="checkbox" checked={showInternal} onChange={(event) => setShowInternal(event.target.checked)} />
        Show Omni-internal columns
      </label>
    ) : undefined;
    return (
      <ScenarioPage title={page.title} subtitle={page.subtitle} aside={toggle}>
        <OmniTile
          title={tile.title}
          jobId={args.jobId}
          view={tile.view ?? 'table'}
          span={tile.span ?? 12}
          bodyHeight={tile.bodyHeight}
          includeInternalColumns={showInternal}
        >
          {render}
        </OmniTile>
        {options.after}
      </ScenarioPage>
    );
  }

  return {
    /** The story's server state: `scenario.fake` is the current render's fake Omni. */
    scenario,
    /** The meta without its title. */
    meta: { component: SingleTilePage, decorators: [withFakeOmni], args: { jobId } },
    /** The story's server state, to spread into the story. */
    story: { parameters: { ...scenario.parameters }, beforeEach: scenario.beforeEach },
  };
}
