import type { ReactNode } from 'react';
import {
  useOmniQuery,
  useQueryResults,
  type JobResult,
  type OmniError,
  type OmniQuery,
  type OmniQueryProgress,
} from '../../src/index.js';
import type { CardProps } from './Card.js';
import { isRequestWide } from './errorWords.js';
import { useReportRequestError } from './RequestErrors.js';
import { rowsMeta } from './rowsMeta.js';
import type { TileViewKind } from './Skeleton.js';
import { TileView, type TileState } from './TileView.js';

/** The shown part of a result, what a tile's view renders: a finished job and a query's result both have it. */
export type ShownResult = Pick<JobResult, 'rows' | 'columns' | 'fields' | 'numRows' | 'summary'>;

/**
 * What the tile reads from a query's result (`useOmniQuery`, `useSuspenseOmniQuery`, or one query of
 * `useOmniDocument`). Written as the few fields it needs, so any of the three fits.
 */
export type QueryResultLike = ShownResult & {
  status: 'idle' | 'pending' | 'success' | 'error';
  error: OmniError | null;
  isPlaceholderData: boolean;
  job: JobResult | undefined;
  progress: Pick<OmniQueryProgress, 'elapsedMs'>;
};

/** How the tile looks, whichever result feeds it. */
interface TileFrameProps {
  title: string;
  span?: CardProps['span'];
  /** The shape of the data: its skeleton and default height. */
  view: TileViewKind;
  /** Body height in px, the same in every state. Default: by view. */
  bodyHeight?: number | undefined;
  /** The line under the title once there is data. Default: the row count and cache state. `false`: no line (KPI cards). */
  meta?: string | false;
  /** Renders the rows: called only once there are some. */
  children: (result: ShownResult) => ReactNode;
}

/** Props of {@link OmniTile}: how it looks, and exactly one source of data. */
export type OmniTileProps = TileFrameProps &
  (
    | {
        /** Runs this query (`useOmniQuery`); `null` while there is none (the tile waits). */
        query: OmniQuery | null;
        jobId?: never;
        result?: never;
      }
    | {
        /** Follows this job, started elsewhere (`useQueryResults`). */
        jobId: string;
        /** Show Omni-internal columns too. Default false. */
        includeInternalColumns?: boolean;
        query?: never;
        result?: never;
      }
    | {
        /** A result the page already has: one query of `useOmniDocument`, or `useSuspenseOmniQuery`'s. */
        result: QueryResultLike;
        query?: never;
        jobId?: never;
      }
  );

/** What one tile shows, from any source. */
interface TileFeed {
  /** Why it failed; `null` while nothing failed. */
  failure: OmniError | null;
  /** The data to show; `undefined` while there is none yet. */
  shown: ShownResult | undefined;
  /** True while `shown` is an older result and a newer one is on its way. */
  updating: boolean;
  /** Time waited so far, and Omni's last word on the job (`EXECUTING`, …). */
  elapsedMs: number;
  omniStatus: string | undefined;
  /** "8 rows · fresh" for `shown`; empty while nothing is shown. */
  meta: string | undefined;
}

function feedOfQuery(result: QueryResultLike): TileFeed {
  const failure = result.status === 'error' ? result.error : null;
  // A filter change keeps the last numbers on screen (placeholder data) until the new ones arrive.
  const showing =
    result.status === 'success' || (result.status === 'pending' && result.isPlaceholderData && result.job !== undefined);
  return {
    failure,
    shown: failure === null && showing ? result : undefined,
    updating: showing && result.status === 'pending',
    elapsedMs: result.progress.elapsedMs,
    omniStatus: result.job?.omniStatus,
    meta: result.job ? rowsMeta(result.job) : undefined,
  };
}

function feedOfJob(results: ReturnType<typeof useQueryResults>): TileFeed {
  const job = results.jobs[0];
  const failure =
    (job?.status === 'error' ? job.error : undefined) ??
    (results.status === 'error' && job?.status !== 'complete' ? results.error : null);
  const complete = job?.status === 'complete' ? job : undefined;
  return {
    failure,
    shown: failure === null ? complete : undefined,
    updating: false,
    elapsedMs: results.progress.elapsedMs,
    omniStatus: job?.omniStatus,
    meta: complete ? rowsMeta(complete) : undefined,
  };
}

/**
 * The state of a tile: its own error, or a quiet "not loaded" when the page banner already tells a
 * request-wide failure (it hits every tile; see `isRequestWide`); the data or "no rows" once there is a
 * result; a skeleton until then.
 */
function tileStateOf(feed: TileFeed, requestWideShownElsewhere: boolean): TileState {
  if (feed.failure) {
    return isRequestWide(feed.failure) && requestWideShownElsewhere
      ? { kind: 'unavailable' }
      : { kind: 'error', error: feed.failure };
  }
  if (feed.shown) return feed.shown.numRows === 0 ? { kind: 'empty' } : { kind: 'data' };
  return { kind: 'loading', elapsedMs: feed.elapsedMs, omniStatus: feed.omniStatus };
}

function FedTile({ feed, title, span, view, bodyHeight, meta, children }: TileFrameProps & { feed: TileFeed }) {
  const bannerShowsIt = useReportRequestError(feed.failure && isRequestWide(feed.failure) ? feed.failure : null);
  const state = tileStateOf(feed, bannerShowsIt);
  return (
    <TileView
      title={title}
      span={span}
      view={view}
      state={state}
      bodyHeight={bodyHeight}
      meta={meta === false ? undefined : (meta ?? feed.meta)}
      showMeta={meta !== false}
      updating={feed.updating}
    >
      {state.kind === 'data' && feed.shown ? children(feed.shown) : null}
    </TileView>
  );
}

function QueryFedTile({ query, ...frame }: TileFrameProps & { query: OmniQuery | null }) {
  return <FedTile {...frame} feed={feedOfQuery(useOmniQuery(query))} />;
}

function JobFedTile({
  jobId,
  includeInternalColumns,
  ...frame
}: TileFrameProps & { jobId: string; includeInternalColumns?: boolean }) {
  return (
    <FedTile
      {...frame}
      feed={feedOfJob(useQueryResults([jobId], includeInternalColumns ? { includeInternalColumns } : undefined))}
    />
  );
}

/**
 * One dashboard tile for one Omni query, in every state at one height: a skeleton that says what it waits
 * for, then the data; its own error when only its query failed, or a quiet placeholder when the whole
 * request failed (the page banner says it once). Fed by a query it runs (`query`), a job started
 * elsewhere (`jobId`; tiles mounted together share one wait request), or a result the page already has
 * (`result`). When a filter changes the query, the old numbers stay, dimmed, with "Updating…" until the
 * new ones arrive: nothing jumps.
 */
export function OmniTile(props: OmniTileProps) {
  if (props.jobId !== undefined) return <JobFedTile {...props} />;
  if (props.result !== undefined) {
    const { result, ...frame } = props;
    return <FedTile {...frame} feed={feedOfQuery(result)} />;
  }
  return <QueryFedTile {...props} />;
}
