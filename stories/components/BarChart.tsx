import type { FieldInfo } from '../../src/index.js';
import { formatValue } from './formatValue.js';
import { useElementWidth } from './useElementWidth.js';

/** One bar. */
export interface BarDatum {
  label: string;
  value: number;
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  /** Accessible name of the chart. */
  title: string;
  data: readonly BarDatum[];
  /** The measure's field, for number formatting. */
  valueField?: FieldInfo | undefined;
}

const LABEL_WIDTH = 150;
const VALUE_WIDTH = 64;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const TOP = 8;
const AXIS_HEIGHT = 22;

// Round the axis up to 1, 2 or 5 times a power of ten so the gridlines land on readable numbers.
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

/** A horizontal bar chart in plain SVG (no chart library), drawn at its container's width so text keeps its size. */
export function BarChart({ title, data, valueField }: BarChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(560);
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const plotWidth = width - LABEL_WIDTH - VALUE_WIDTH;
  const height = TOP + data.length * ROW_HEIGHT + AXIS_HEIGHT;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  const x = (v: number) => LABEL_WIDTH + (Math.max(0, v) / max) * plotWidth;

  return (
    <div ref={ref}>
    <svg className="oq-chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={title}>
      <title>{title}</title>
      {ticks.map((t) => (
        <g key={t}>
          <line className="oq-grid-line" x1={x(t)} x2={x(t)} y1={TOP} y2={height - AXIS_HEIGHT} />
          <text x={x(t)} y={height - 6} textAnchor="middle">
            {formatValue(t, valueField, 'compact').text}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const y = TOP + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
        const full = formatValue(d.value, valueField).text;
        return (
          <g key={d.label} data-testid="bar">
            <title>{`${d.label}: ${full}`}</title>
            <text x={LABEL_WIDTH - 10} y={y + BAR_HEIGHT / 2} dominantBaseline="middle" textAnchor="end">
              {d.label}
            </text>
            <rect className="oq-bar" x={LABEL_WIDTH} y={y} width={Math.max(1, x(d.value) - LABEL_WIDTH)} height={BAR_HEIGHT} rx={3} />
            <text className="oq-bar-label" x={x(d.value) + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="middle">
              {formatValue(d.value, valueField, 'compact').text}
            </text>
          </g>
        );
      })}
    </svg>
    </div>
  );
}
