import type { FieldInfo } from '../../src/index.js';
import { formatValue } from './formatValue.js';
import { measureText } from './measureText.js';
import { useElementSize } from './useElementSize.js';

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

const TOP = 6;
const AXIS_HEIGHT = 24;
/** Room right of the longest bar for its value ("$912.3K"). */
const VALUE_WIDTH = 64;
/** Below this width the category labels go above their bars instead of beside them. */
const STACKED_BELOW = 440;
/** Axis labels are at most ~48 px wide at 12 px; closer ticks would touch. */
const MIN_TICK_SPACING = 64;

// Round the axis up to 1, 2 or 5 times a power of ten so the gridlines land on readable numbers.
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

/** As many ticks as fit: 4, 2 or 1 interval(s) across the plot, so axis labels never overlap. */
function tickValues(max: number, plotWidth: number): number[] {
  const intervals = [4, 2, 1].find((n) => plotWidth / n >= MIN_TICK_SPACING) ?? 1;
  return Array.from({ length: intervals + 1 }, (_, i) => (i / intervals) * max);
}

/** `label`, cut with an ellipsis where it would be wider than `width` px (the full label is in the bar's tooltip). */
function shorten(label: string, width: number): string {
  const textWidth = (text: string) => measureText(text, 12);
  if (textWidth(label) <= width) return label;
  let end = label.length - 1;
  while (end > 1 && textWidth(`${label.slice(0, end).trimEnd()}…`) > width) end -= 1;
  return `${label.slice(0, end).trimEnd()}…`;
}

/**
 * A horizontal bar chart in plain SVG (no chart library). It fills its container, whose height the tile
 * fixes, so the tile is as tall with data as it was while loading. Below 440 px the category labels move
 * above the bars, and the axis keeps only as many ticks as have room.
 */
export function BarChart({ title, data, valueField }: BarChartProps) {
  const [ref, { width, height }] = useElementSize<HTMLDivElement>({ width: 560, height: 260 });
  const stacked = width < STACKED_BELOW;
  const labelWidth = stacked ? 0 : Math.round(Math.min(160, Math.max(96, width * 0.3)));
  const plotLeft = stacked ? 2 : labelWidth;
  const plotWidth = Math.max(40, width - plotLeft - VALUE_WIDTH);
  const rowHeight = Math.max(1, (height - TOP - AXIS_HEIGHT) / Math.max(1, data.length));
  const barHeight = stacked ? Math.max(6, Math.min(14, rowHeight - 22)) : Math.max(6, Math.min(18, rowHeight * 0.62));
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const ticks = tickValues(max, plotWidth);
  const x = (v: number) => plotLeft + (Math.max(0, v) / max) * plotWidth;
  const axisY = height - AXIS_HEIGHT;

  return (
    <div ref={ref} className="oq-chart-wrap">
      <svg className="oq-chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={title}>
        <title>{title}</title>
        {ticks.map((t) => {
          const at = x(t);
          // Keep the first and last labels inside the chart.
          const anchor = at < 24 ? 'start' : at > width - 24 ? 'end' : 'middle';
          return (
            <g key={t}>
              <line className="oq-grid-line" x1={at} x2={at} y1={TOP} y2={axisY} />
              <text data-testid="axis-label" x={at} y={height - 6} textAnchor={anchor}>
                {formatValue(t, valueField, 'compact').text}
              </text>
            </g>
          );
        })}
        {data.map((d, i) => {
          const rowTop = TOP + i * rowHeight;
          const barY = stacked ? rowTop + rowHeight - barHeight - 4 : rowTop + (rowHeight - barHeight) / 2;
          const full = formatValue(d.value, valueField).text;
          return (
            <g key={d.label} data-testid="bar">
              <title>{`${d.label}: ${full}`}</title>
              {stacked ? (
                <text data-testid="category-label" x={plotLeft} y={barY - 5}>
                  {shorten(d.label, width - VALUE_WIDTH)}
                </text>
              ) : (
                <text
                  data-testid="category-label"
                  x={labelWidth - 10}
                  y={barY + barHeight / 2}
                  dominantBaseline="middle"
                  textAnchor="end"
                >
                  {shorten(d.label, labelWidth - 14)}
                </text>
              )}
              <rect
                className="oq-bar"
                x={plotLeft}
                y={barY}
                width={Math.max(1, x(d.value) - plotLeft)}
                height={barHeight}
                rx={3}
              />
              <text className="oq-bar-label" x={x(d.value) + 6} y={barY + barHeight / 2} dominantBaseline="middle">
                {formatValue(d.value, valueField, 'compact').text}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
