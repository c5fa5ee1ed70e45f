import type { OmniDocumentQuery, OmniQuery } from '../../src/index.js';
import { BarChart } from './BarChart.js';
import type { CardProps } from './Card.js';
import { EmptyState } from './EmptyState.js';
import { isNumericField, isTimeField } from './formatValue.js';
import { KpiValue } from './KpiValue.js';
import { LineChart } from './LineChart.js';
import { OmniTile, type ShownResult } from './OmniTile.js';
import { ResultTable } from './ResultTable.js';
import type { TileViewKind } from './Skeleton.js';
import { TileView } from './TileView.js';

/**
 * The frame of a workbook tile: its skeleton, its height and its width. It is chosen from the query alone,
 * before any result arrives, so that the tile keeps its size from loading to data: one field is one
 * number (a KPI card, as small as its content), two fields are a dimension and a measure (a chart), more
 * are a table. A tile without a query is a note, as small as a KPI card.
 */
export type WorkbookFrame = TileViewKind | 'note';

/** The frame of a document query's tile, see {@link WorkbookFrame}. */
export function frameOf(query: OmniQuery | undefined): WorkbookFrame {
  if (query === undefined) return 'note';
  if (query.fields.length === 1) return 'kpi';
  return query.fields.length === 2 ? 'chart' : 'table';
}

/**
 * The width of each tile, in columns out of 12, in document order: a KPI card takes 3 (a number needs no
 * more), the tile after a run of KPI cards takes the rest of their row, and the other tiles go two to a row.
 */
export function workbookSpans(frames: readonly WorkbookFrame[]): NonNullable<CardProps['span']>[] {
  let used = 0;
  let kpisOnly = true;
  return frames.map((frame) => {
    if (frame === 'kpi') {
      if (used + 3 > 12 || !kpisOnly) [used, kpisOnly] = [0, true];
      used += 3;
      return 3;
    }
    const span = used > 0 && kpisOnly ? ((12 - used) as 3 | 6 | 9) : 6;
    [used, kpisOnly] = used + span >= 12 || (used > 0 && kpisOnly) ? [0, true] : [used + span, false];
    return span;
  });
}

/** The view of a result, from its shape: one number → the number; a time dimension → a line; a text dimension → bars; else a table. */
function ShapedView({ title, result }: { title: string; result: ShownResult }) {
  const measures = result.fields.filter((field) => isNumericField(field));
  const dimensions = result.fields.filter((field) => !isNumericField(field));
  const measure = measures[0];
  const dimension = dimensions[0];
  if (measure && result.numRows === 1 && result.fields.length === 1) {
    return <KpiValue value={result.rows[0]?.[measure.name]} field={measure} />;
  }
  if (measure && dimension && measures.length === 1 && dimensions.length === 1) {
    if (isTimeField(dimension)) {
      const points = result.rows.map((row) => ({ at: row[dimension.name] as Date, value: Number(row[measure.name]) }));
      return <LineChart title={title} points={points} valueField={measure} />;
    }
    const data = result.rows.map((row) => ({ label: String(row[dimension.name]), value: Number(row[measure.name]) }));
    return <BarChart title={title} data={data} valueField={measure} />;
  }
  return <ResultTable caption={title} fields={result.fields} rows={result.rows} />;
}

/** Body heights by frame, in px: a chart and a table get room; a KPI card and a note only what they hold. */
const BODY_HEIGHT: Partial<Record<WorkbookFrame, number>> = { chart: 260, table: 260 };

/** Props of {@link WorkbookTile}. */
export interface WorkbookTileProps {
  /** One query of `useOmniDocument`, with its result. */
  entry: OmniDocumentQuery;
  span: CardProps['span'];
}

/** One query of a workbook as a tile: its frame from the query, its view from the result's shape. */
export function WorkbookTile({ entry, span }: WorkbookTileProps) {
  const frame = frameOf(entry.query);
  if (frame === 'note') {
    return (
      <TileView title={entry.name} span={span} view="kpi" state={{ kind: 'data' }}>
        <EmptyState title="Text, not a query" hint="This tile of the workbook has no query to run." />
      </TileView>
    );
  }
  return (
    <OmniTile title={entry.name} span={span} view={frame} bodyHeight={BODY_HEIGHT[frame]} result={entry.result}>
      {(result) => <ShapedView title={entry.name} result={result} />}
    </OmniTile>
  );
}
