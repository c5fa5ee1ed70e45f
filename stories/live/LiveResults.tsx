import { useQueryResults, type JobResult } from '../../src/index.js';
import { Card } from '../components/Card.js';
import { EmptyState } from '../components/EmptyState.js';
import { isRequestWide } from '../components/errorWords.js';
import { rowsMeta } from '../components/QueryTile.js';
import { useReportRequestError } from '../components/RequestErrors.js';
import { ResultTable } from '../components/ResultTable.js';
import { TileView, type TileState } from '../components/TileView.js';

/** Props of {@link LiveResults}. */
export interface LiveResultsProps {
  jobIds: readonly string[];
  includeInternalColumns: boolean;
}

/** Every pasted job as its own tile; all of them share one wait request. A request-wide failure goes to the page banner. */
export function LiveResults({ jobIds, includeInternalColumns }: LiveResultsProps) {
  const results = useQueryResults(jobIds, { includeInternalColumns });
  const requestError = results.status === 'error' && results.error && isRequestWide(results.error) ? results.error : null;
  useReportRequestError(requestError);
  if (results.status === 'idle') {
    return (
      <Card title="Nothing to show yet" meta={false}>
        <EmptyState
          title="Pick a workbook or paste job ids"
          hint="In the Controls panel, enter a workbook id or slug, or paste Omni job ids separated by commas."
        />
      </Card>
    );
  }
  const stateOf = (job: JobResult): TileState => {
    if (job.status === 'error' && job.error)
      return isRequestWide(job.error) ? { kind: 'unavailable' } : { kind: 'error', error: job.error };
    if (job.status === 'pending')
      return requestError
        ? { kind: 'unavailable' }
        : { kind: 'loading', elapsedMs: results.progress.elapsedMs, omniStatus: job.omniStatus };
    return job.numRows === 0 ? { kind: 'empty' } : { kind: 'data' };
  };
  return results.jobs.map((job) => (
    <TileView
      key={job.jobId}
      title={`Job ${job.jobId}`}
      view="table"
      bodyHeight={360}
      state={stateOf(job)}
      meta={job.status === 'complete' ? rowsMeta(job) : undefined}
    >
      <ResultTable caption={`Job ${job.jobId}`} fields={job.fields} rows={job.rows} maxRows={100} />
    </TileView>
  ));
}
