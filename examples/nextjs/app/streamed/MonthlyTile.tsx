'use client';

import { useSuspenseOmniQuery } from 'omni-query-hooks';
import { monthlyQuery } from '../../lib/salesQuery';

export function MonthlyTile() {
  const result = useSuspenseOmniQuery(monthlyQuery);
  return (
    <table data-testid="monthly-tile">
      <tbody>
        {result.rows.map((row) => (
          <tr key={String(row['orders.month'])}>
            <td>{String(row['orders.month'])}</td>
            <td>{String(row['orders.revenue'])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
