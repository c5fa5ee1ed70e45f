import { ResultTable } from '../components/ResultTable.js';
import { Card } from '../components/Card.js';
import { ErrorTile } from '../components/ErrorTile.js';
import { EmptyState } from '../components/EmptyState.js';
import { ProgressTile } from '../components/ProgressTile.js';
import { formatCount } from '../components/formatValue.js';
import { useQueryResults } from '../../src/index.js';

/** Props of {@link LiveResults}. */
export interface LiveResultsProps {
  jobIds: readonly string[];
  includeInternalColumns: boolean;
}

/** Every pasted job as its own tile; all of them share one wait request. */
export function LiveResults({ jobIds, includeInternalColumns }: LiveResultsProps) {
  const results = useQueryResults(jobIds, { includeInternalColumns });
  if (results.status === 'idle') {
    return (
      <div className="oq-card oq-span-12">
        <EmptyState title="No job ids yet" hint="Open the Controls panel and paste one or more Omni job ids, separated by commas." />
      </div>
    );
  }
  return (
    <>
      {results.error ? (
        <Card title="Request">
          <ErrorTile error={results.error} />
        </Card>
      ) : null}
      {results.jobs.map((job) => (
        <Card key={job.jobId} title={`Job ${job.jobId}`} meta={job.status === 'complete' ? `${formatCount(job.numRows)} rows` : job.omniStatus}>
          {job.status === 'error' && job.error ? (
            <ErrorTile error={job.error} />
          ) : job.status === 'pending' ? (
            results.status === 'error' ? null : <ProgressTile progress={results.progress} omniStatus={job.omniStatus} />
          ) : job.numRows === 0 ? (
            <EmptyState />
          ) : (
            <ResultTable caption={`Job ${job.jobId}`} fields={job.fields} rows={job.rows} maxRows={100} />
          )}
        </Card>
      ))}
    </>
  );
}
