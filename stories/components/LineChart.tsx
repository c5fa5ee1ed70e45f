import type { FieldInfo } from '../../src/index.js';
import { formatValue } from './formatValue.js';
import { useElementSize } from './useElementSize.js';

/** One point of a {@link LineChart}. */
export interface LinePoint {
  at: Date;
  value: number;
}

/** Props of {@link LineChart}. */
export interface LineChartProps {
  /** Accessible name of the chart. */
  title: string;
  points: readonly LinePoint[];
  valueField?: FieldInfo | undefined;
}

const TOP = 22;
const BOTTOM = 24;
const SIDE = 8;
const month = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
/** Up to about three months the ends are days ("Jul 8"); beyond, months ("Jan 2025"). */
const DAYS_BELOW_MS = 100 * 86_400_000;
const MAX_DOTS = 31;

/**
 * A time series as one line in plain SVG, filling its container. Only three labels (the highest value,
 * the first and the last date, as days or as months by the span shown), so none can overlap at any width.
 */
export function LineChart({ title, points, valueField }: LineChartProps) {
  const [ref, { width, height }] = useElementSize<HTMLDivElement>({ width: 560, height: 240 });
  const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  const max = Math.max(1, ...sorted.map((p) => p.value));
  const first = sorted[0]?.at.getTime() ?? 0;
  const span = Math.max(1, (sorted.at(-1)?.at.getTime() ?? 1) - first);
  const dateFormat = span < DAYS_BELOW_MS ? day : month;
  const x = (p: LinePoint) => SIDE + ((p.at.getTime() - first) / span) * (width - 2 * SIDE);
  const y = (p: LinePoint) => TOP + (1 - p.value / max) * (height - TOP - BOTTOM);
  return (
    <div ref={ref} className="oq-chart-wrap">
      <svg className="oq-chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={title}>
        <title>{title}</title>
        <line className="oq-grid-line" x1={SIDE} x2={width - SIDE} y1={TOP} y2={TOP} />
        <line className="oq-grid-line" x1={SIDE} x2={width - SIDE} y1={height - BOTTOM} y2={height - BOTTOM} />
        <text x={SIDE} y={14}>
          {formatValue(max, valueField, 'compact').text}
        </text>
        <polyline className="oq-line" data-testid="line" points={sorted.map((p) => `${x(p)},${y(p)}`).join(' ')} fill="none" />
        {/* A dot per point while they are few enough to tell apart (a week, a month of days). */}
        {sorted.length <= MAX_DOTS
          ? sorted.map((p) => <circle key={p.at.getTime()} className="oq-point" cx={x(p)} cy={y(p)} r={3} />)
          : null}
        {sorted.length > 0 ? (
          <>
            <text data-testid="date-label" x={SIDE} y={height - 6}>
              {dateFormat.format(sorted[0]!.at)}
            </text>
            <text data-testid="date-label" x={width - SIDE} y={height - 6} textAnchor="end">
              {dateFormat.format(sorted.at(-1)!.at)}
            </text>
          </>
        ) : null}
      </svg>
    </div>
  );
}
