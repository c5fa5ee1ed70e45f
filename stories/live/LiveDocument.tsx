import { useOmniDocument } from '../../src/index.js';
import { Card } from '../components/Card.js';
import { EmptyState } from '../components/EmptyState.js';
import { isRequestWide } from '../components/errorWords.js';
import { useReportRequestError } from '../components/RequestErrors.js';
import { frameOf, WorkbookTile, workbookSpans } from '../components/WorkbookTile.js';

/** Every query of a real workbook as a tile, through `useOmniDocument`. The list's own failure goes to the page banner. */
export function LiveDocument({ identifier }: { identifier: string }) {
  const document = useOmniDocument(identifier);
  const { error } = document;
  // A missing document or an unusable identifier is about this page's input; anything else is Omni being unreachable.
  const aboutTheDocument = error !== null && (error.status === 404 || error.kind === 'schema');
  useReportRequestError(error !== null && !aboutTheDocument && isRequestWide(error) ? error : null);
  if (error !== null && aboutTheDocument) {
    return (
      <Card title="This document cannot be shown" meta={false}>
        <EmptyState title="Check the document id or slug" hint={error.message} />
      </Card>
    );
  }
  const spans = workbookSpans(document.queries.map((entry) => frameOf(entry.query)));
  return (
    <>
      {document.queries.map((entry, i) => (
        <WorkbookTile key={entry.id} entry={entry} span={spans[i]} />
      ))}
    </>
  );
}
