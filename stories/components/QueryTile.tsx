import type { ReactNode } from 'react';
import { useQueryResults, type JobResult, type OmniError } from '../../src/index.js';
import type { CardProps } from './Card.js';
import { isRequestWide } from './errorWords.js';
import { formatCount } from './formatValue.js';
import { useReportRequestError } from './RequestErrors.js';
import type { TileViewKind } from './Skeleton.js';
import { TileView, type TileState } from './TileView.js';

/** Props of {@link QueryTile}. */
export interface QueryTileProps {
  title: string;
  jobId: string;
  span?: CardProps['span'];
  /** The shape of the data (skeleton and default height). */
  view: TileViewKind;
  /** Body height in px, the same in every state. Default: by view. */
  bodyHeight?: number;
  /** Show Omni-internal columns too. */
  includeInternalColumns?: boolean;
  /** Show the row count and cache state under the title once done. Default true. */
  showMeta?: boolean;
  /** Renders a finished job that has rows. */
  children: (job: JobResult) => ReactNode;
}

/** "8 rows", and whether Omni answered from its cache, in words. */
export function rowsMeta(job: Pick<JobResult, 'numRows' | 'summary'>): string {
  const rows = `${formatCount(job.numRows)} ${job.numRows === 1 ? 'row' : 'rows'}`;
  const cacheType = job.summary?.cacheType;
  if (cacheType === undefined) return rows;
  return `${rows} · ${cacheType === 'MISS' ? 'fresh' : 'from cache'}`;
}

/**
 * One dashboard tile for one Omni job: a skeleton while the job runs, its own error when only its query
 * fails, its data once it is done. A failure of the whole request goes to the page banner instead. Tiles
 * mounted together share one wait request (the hook batches them).
 */
export function QueryTile({
  title,
  jobId,
  span,
  view,
  bodyHeight,
  includeInternalColumns,
  showMeta = true,
  children,
}: QueryTileProps) {
  const results = useQueryResults([jobId], includeInternalColumns ? { includeInternalColumns } : undefined);
  const job = results.jobs[0];

  const jobError = job?.status === 'error' ? job.error : undefined;
  const failure: OmniError | null = jobError ?? (results.status === 'error' && job?.status !== 'complete' ? results.error : null);
  const requestWide = failure !== null && isRequestWide(failure) ? failure : null;
  const bannerShowsIt = useReportRequestError(requestWide);

  let state: TileState;
  if (failure) {
    state = requestWide && bannerShowsIt ? { kind: 'unavailable' } : { kind: 'error', error: failure };
  } else if (!job || job.status === 'pending') {
    state = { kind: 'loading', elapsedMs: results.progress.elapsedMs, omniStatus: job?.omniStatus };
  } else if (job.numRows === 0) {
    state = { kind: 'empty' };
  } else {
    state = { kind: 'data' };
  }

  return (
    <TileView
      title={title}
      span={span}
      view={view}
      state={state}
      bodyHeight={bodyHeight}
      meta={job?.status === 'complete' ? rowsMeta(job) : undefined}
      showMeta={showMeta}
    >
      {state.kind === 'data' && job ? children(job) : null}
    </TileView>
  );
}
