import type { OmniQueryResult } from '../../src/results/OmniQueryResult.js';
import { BarChart } from './BarChart.js';
import { EmptyState } from './EmptyState.js';
import { isNumericField } from './formatValue.js';
import { KpiValue } from './KpiValue.js';
import { LineChart } from './LineChart.js';
import { omniTileState } from './OmniTile.js';
import { rowsMeta } from './QueryTile.js';
import { useReportRequestError } from './RequestErrors.js';
import { ResultTable } from './ResultTable.js';
import { TileView } from './TileView.js';

type WorkbookView = 'kpi' | 'line' | 'bars' | 'table';

const isTime = (field: { dataType?: string | undefined; arrowType: string }) =>
  field.dataType === 'TIMESTAMP' || field.dataType === 'DATE' || /^(Timestamp|Date)/.test(field.arrowType);

/** A view from the result's shape: one number → KPI; a time dimension → line; a text dimension → bars; else a table. */
function viewOf(result: Pick<OmniQueryResult, 'fields' | 'numRows'>): WorkbookView {
  const measures = result.fields.filter((field) => isNumericField(field));
  const dimensions = result.fields.filter((field) => !isNumericField(field));
  if (result.numRows === 1 && result.fields.length === 1 && measures.length === 1) return 'kpi';
  if (measures.length === 1 && dimensions.length === 1) return isTime(dimensions[0]!) ? 'line' : 'bars';
  return 'table';
}

function ShapedView({ title, result }: { title: string; result: OmniQueryResult }) {
  const view = viewOf(result);
  const measure = result.fields.find((field) => isNumericField(field));
  const dimension = result.fields.find((field) => !isNumericField(field));
  if (view === 'kpi') return <KpiValue value={result.rows[0]?.[measure!.name]} field={measure} />;
  if (view === 'line') {
    const points = result.rows.map((row) => ({ at: row[dimension!.name] as Date, value: Number(row[measure!.name]) }));
    return <LineChart title={title} points={points} valueField={measure} />;
  }
  if (view === 'bars') {
    const data = result.rows.map((row) => ({ label: String(row[dimension!.name]), value: Number(row[measure!.name]) }));
    return <BarChart title={title} data={data} valueField={measure} />;
  }
  return <ResultTable caption={title} fields={result.fields} rows={result.rows} />;
}

/** One query of a workbook as a tile that picks its view from the result's shape. */
export function WorkbookTile({ name, result }: { name: string; result: OmniQueryResult }) {
  const requestWide =
    result.status === 'error' && result.error.kind !== 'job' && result.error.kind !== 'decode' ? result.error : null;
  const bannerShowsIt = useReportRequestError(requestWide);
  if (result.status === 'idle') {
    return (
      <TileView title={name} span={6} view="chart" state={{ kind: 'data' }} bodyHeight={260}>
        <EmptyState title="Text, not a query" hint="This tile of the workbook has no query to run." />
      </TileView>
    );
  }
  const { state, updating } = omniTileState(result, bannerShowsIt);
  return (
    <TileView
      title={name}
      span={6}
      view="chart"
      state={state}
      bodyHeight={260}
      updating={updating}
      meta={result.job ? rowsMeta(result.job) : undefined}
    >
      {state.kind === 'data' ? <ShapedView title={name} result={result} /> : null}
    </TileView>
  );
}
