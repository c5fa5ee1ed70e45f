import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createOmniClient, OmniProvider, useOmniQuery, type OmniQuery } from '../../src/index.js';

const queryClient = new QueryClient();
// The browser talks to your own proxy, which adds the API key (see "The proxy"): no token here.
const omni = createOmniClient({ baseUrl: '/api/omni' });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <OmniProvider client={omni}>
        <BrandCounts region="EU" />
      </OmniProvider>
    </QueryClientProvider>
  );
}

export function BrandCounts({ region }: { region: string }) {
  // Copied from a workbook's query inspector; the filter follows the page.
  const query: OmniQuery = {
    modelId: 'c0f12353-4817-4398-bcc0-d501e6dd2f64',
    table: 'order_items',
    fields: ['products.brand', 'order_items.count'],
    filters: { 'users.region': { is: region } },
    sorts: [{ column_name: 'order_items.count', sort_descending: true }],
    limit: 10,
  };
  const result = useOmniQuery(query);
  if (result.status === 'error') return <p role="alert">{result.error.message}</p>;
  // Pending with nothing to show yet; while a changed query runs, the last rows stay (dimmed below).
  if (result.status === 'idle' || (result.status === 'pending' && !result.isPlaceholderData)) {
    return <p>Running your query…</p>;
  }
  if (result.rows.length === 0) return <p>No rows</p>;
  return (
    <table style={{ opacity: result.isPlaceholderData ? 0.6 : 1 }}>
      <thead>
        <tr>
          {result.fields.map((f) => (
            <th key={f.name}>{f.label ?? f.name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.rows.map((row, i) => (
          <tr key={i}>
            {result.fields.map((f) => (
              <td key={f.name}>{String(row[f.name])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
