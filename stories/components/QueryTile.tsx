import type { ReactNode } from 'react';
import { useQueryResults, type JobResult } from '../../src/index.js';
import { Card, type CardProps } from './Card.js';
import { EmptyState } from './EmptyState.js';
import { ErrorTile } from './ErrorTile.js';
import { ProgressTile } from './ProgressTile.js';
import { formatCount } from './formatValue.js';

/** Props of {@link QueryTile}. */
export interface QueryTileProps {
  title: string;
  jobId: string;
  span?: CardProps['span'];
  /** Show Omni-internal columns too. */
  includeInternalColumns?: boolean;
  /** Show the row count and cache state in the header once done. Default true. */
  showMeta?: boolean;
  /** Renders a finished job that has rows. */
  children: (job: JobResult) => ReactNode;
}

function cacheText(job: JobResult): string {
  const cacheType = job.summary?.cacheType;
  return cacheType ? ` · cache ${cacheType.toLowerCase().replace(/_/g, ' ')}` : '';
}

/**
 * One dashboard tile for one Omni job: its own spinner while the job runs, its own error when it fails,
 * its data once it is done. Tiles mounted together share one wait request (the hook batches them).
 */
export function QueryTile({ title, jobId, span, includeInternalColumns, showMeta = true, children }: QueryTileProps) {
  const results = useQueryResults([jobId], includeInternalColumns ? { includeInternalColumns } : undefined);
  const job = results.jobs[0];

  let body: ReactNode;
  let meta: ReactNode = null;
  if (job?.status === 'error' && job.error) {
    body = <ErrorTile error={job.error} />;
  } else if (results.status === 'error' && results.error && job?.status !== 'complete') {
    body = <ErrorTile error={results.error} />;
  } else if (!job || job.status === 'pending') {
    body = <ProgressTile progress={results.progress} omniStatus={job?.omniStatus} />;
  } else if (job.numRows === 0) {
    body = <EmptyState />;
    meta = `0 rows${cacheText(job)}`;
  } else {
    body = children(job);
    meta = `${formatCount(job.numRows)} ${job.numRows === 1 ? 'row' : 'rows'}${cacheText(job)}`;
  }

  return (
    <Card title={title} span={span} meta={showMeta ? meta : null}>
      {body}
    </Card>
  );
}
