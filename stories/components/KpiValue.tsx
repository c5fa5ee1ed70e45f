import type { FieldInfo } from '../../src/index.js';
import { formatValue } from './formatValue.js';

/** Props of {@link KpiValue}. */
export interface KpiValueProps {
  value: unknown;
  field?: FieldInfo | undefined;
  caption?: string;
}

/** The big number of a KPI card, formatted with the field's Omni format. */
export function KpiValue({ value, field, caption }: KpiValueProps) {
  const full = formatValue(value, field).text;
  return (
    <div>
      <div className="oq-kpi-value" title={full} data-testid="kpi-value">
        {formatValue(value, field, 'compact').text}
      </div>
      {caption ? <div className="oq-kpi-caption">{caption}</div> : null}
    </div>
  );
}
