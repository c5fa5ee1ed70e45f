'use client';

import { useOmniQuery } from 'omni-query-hooks';
import { useState } from 'react';
import { REGIONS, salesQuery, type Region } from '../lib/salesQuery';

export function SalesTile() {
  const [region, setRegion] = useState<Region>('all');
  const result = useOmniQuery(salesQuery(region));
  return (
    <section>
      <label>
        Region{' '}
        <select data-testid="region" value={region} onChange={(event) => setRegion(event.target.value as Region)}>
          {REGIONS.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <table data-testid="sales-tile" data-status={result.status} data-placeholder={String(result.isPlaceholderData)}>
        <tbody>
          {result.rows.map((row) => (
            <tr key={String(row['orders.region'])}>
              <td>{String(row['orders.region'])}</td>
              <td>{String(row['orders.revenue'])}</td>
              <td>{String(row['orders.count'])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.status === 'error' ? <p role="alert">{result.error.message}</p> : null}
    </section>
  );
}
