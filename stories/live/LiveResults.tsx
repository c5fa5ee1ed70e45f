import { Card } from '../components/Card.js';
import { EmptyState } from '../components/EmptyState.js';
import { OmniTile } from '../components/OmniTile.js';
import { ResultTable } from '../components/ResultTable.js';

/** Props of {@link LiveResults}. */
export interface LiveResultsProps {
  jobIds: readonly string[];
  includeInternalColumns: boolean;
}

/** Every pasted job as its own tile; all of them share one wait request. A request-wide failure goes to the page banner. */
export function LiveResults({ jobIds, includeInternalColumns }: LiveResultsProps) {
  if (jobIds.length === 0) {
    return (
      <Card title="Nothing to show yet" meta={false}>
        <EmptyState
          title="Pick a workbook or paste job ids"
          hint="In the Controls panel, enter a workbook id or slug, or paste Omni job ids separated by commas."
        />
      </Card>
    );
  }
  return [...new Set(jobIds)].map((jobId) => (
    <OmniTile
      key={jobId}
      title={`Job ${jobId}`}
      jobId={jobId}
      includeInternalColumns={includeInternalColumns}
      view="table"
      bodyHeight={360}
    >
      {(job) => <ResultTable caption={`Job ${jobId}`} fields={job.fields} rows={job.rows} maxRows={100} />}
    </OmniTile>
  ));
}
