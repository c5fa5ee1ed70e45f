import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { useOmniDocument, type UseOmniDocumentOptions } from '../../src/react/useOmniDocument.js';
import { useOmniQuery } from '../../src/react/useOmniQuery.js';
import type { DocumentQuery } from '../../src/documents/documentQueriesSchema.js';
import { server } from '../support/omniTest.js';
import { QUERY, runHarness, runRequests } from './omniQueryHarness.js';

const doc = (id: string, name: string, query?: Record<string, unknown>) => ({
  id,
  name,
  ...(query === undefined ? {} : { query }),
  queryIdentifierMapKey: id,
  url: `https://acme.omniapp.co/w/sales?key=${id}`,
});

const SALES = [
  doc('1', 'Revenue', { ...QUERY, filters: { 'order_items.created_at': 'last 30 days' } }),
  doc('2', 'Notes'),
  doc('3', 'Broken', { ...QUERY, fields: ['order_items.nope'] }),
  doc('4', 'By region', { ...QUERY, fields: ['order_items.region', 'order_items.total'], limit: 10 }),
];

/** Serves `documents` by identifier (404 otherwise) on the harness's Omni, counting requests. */
function serveDocuments(baseUrl: string, documents: Record<string, unknown[]>) {
  const asked: string[] = [];
  server.use(
    http.get(`${baseUrl}/api/v1/documents/:identifier/queries`, ({ params }) => {
      const identifier = String(params.identifier);
      asked.push(identifier);
      const queries = documents[identifier];
      if (queries === undefined) return HttpResponse.json({ detail: 'Document not found', status: 404 }, { status: 404 });
      return HttpResponse.json({ queries });
    }),
  );
  return asked;
}

const failingBroken = (body: { query: { fields: string[] } }) =>
  body.query.fields.includes('order_items.nope')
    ? { status: 'ERROR', errorMessage: 'Field order_items.nope does not exist' }
    : {};

describe('useOmniDocument', () => {
  it('runs every query with a definition in document order; one failing query does not hide the others', async () => {
    const harness = runHarness(failingBroken);
    const asked = serveDocuments(harness.omni.baseUrl, { sales: SALES });
    const { result } = renderHook(() => useOmniDocument('sales'), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    await waitFor(() => expect(result.current.queries.every((entry) => entry.result.status !== 'pending')).toBe(true));
    expect(result.current.queries.map((entry) => [entry.name, entry.result.status])).toEqual([
      ['Revenue', 'success'],
      ['Notes', 'idle'],
      ['Broken', 'error'],
      ['By region', 'success'],
    ]);
    expect(result.current.queries[2]!.result.error).toMatchObject({ kind: 'job' });
    expect(result.current.queries[0]!.url).toBe('https://acme.omniapp.co/w/sales?key=1');
    expect(asked).toEqual(['sales']);
    expect(runRequests(harness)).toHaveLength(3);
  });

  it('merges the page’s filters into every query key by key, and a change re-runs each tile with previous data kept', async () => {
    const harness = runHarness((_body, n) => (n <= 2 ? {} : { finishAfterPolls: Infinity }));
    serveDocuments(harness.omni.baseUrl, { sales: [SALES[0], SALES[3]] });
    const { result, rerender } = renderHook(
      ({ filters }: { filters: UseOmniDocumentOptions['filters'] }) => useOmniDocument('sales', { filters }),
      { wrapper: harness.wrapper, initialProps: { filters: { 'order_items.region': 'EU' } as Record<string, unknown> } },
    );
    await waitFor(() => expect(result.current.queries.map((entry) => entry.result.status)).toEqual(['success', 'success']));
    expect(harness.bodies.map((body) => body.query.filters)).toEqual([
      { 'order_items.created_at': 'last 30 days', 'order_items.region': 'EU' },
      { 'order_items.region': 'EU' },
    ]);
    rerender({ filters: { 'order_items.region': 'US', 'order_items.created_at': 'last 7 days' } });
    await waitFor(() => expect(runRequests(harness)).toHaveLength(4));
    expect(harness.bodies.slice(2).map((body) => body.query.filters)).toEqual([
      { 'order_items.created_at': 'last 7 days', 'order_items.region': 'US' },
      { 'order_items.region': 'US', 'order_items.created_at': 'last 7 days' },
    ]);
    for (const entry of result.current.queries) {
      expect(entry.result).toMatchObject({ status: 'pending', isPlaceholderData: true, numRows: 1 });
    }
  });

  it('shares the run with a tile elsewhere on the page that shows the same query', async () => {
    const harness = runHarness();
    serveDocuments(harness.omni.baseUrl, { sales: [SALES[3]] });
    function Page() {
      const document = useOmniDocument('sales');
      const tile = useOmniQuery(SALES[3]!.query as never);
      return <p data-testid="page">{`${document.queries[0]?.result.status} ${tile.status}`}</p>;
    }
    render(<Page />, { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByTestId('page').textContent).toBe('success success'));
    expect(runRequests(harness)).toHaveLength(1);
  });

  it('runs only the selected queries', async () => {
    const harness = runHarness();
    serveDocuments(harness.omni.baseUrl, { sales: SALES });
    const select = (query: DocumentQuery) => query.name === 'By region';
    const { result } = renderHook(() => useOmniDocument('sales', { select }), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.queries[3]?.result.status).toBe('success'));
    expect(result.current.queries.map((entry) => entry.result.status)).toEqual(['idle', 'idle', 'idle', 'success']);
    expect(runRequests(harness)).toHaveLength(1);
  });

  it('a missing document is the list’s error (404, not retried) and runs nothing', async () => {
    const harness = runHarness();
    const asked = serveDocuments(harness.omni.baseUrl, {});
    const { result } = renderHook(() => useOmniDocument('nope'), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ kind: 'http', status: 404 });
    expect(result.current.queries).toEqual([]);
    expect(asked).toEqual(['nope']);
    expect(runRequests(harness)).toHaveLength(0);
  });

  it('an unexpected list shape is a schema error naming the path', async () => {
    const harness = runHarness();
    serveDocuments(harness.omni.baseUrl, { odd: [{ id: 'q', name: 'n', queryIdentifierMapKey: '1' }] });
    const { result } = renderHook(() => useOmniDocument('odd'), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.message).toContain('queries.0.url');
  });

  it.each(['', '../x', 'a/b', '%2F'])('refuses the identifier %j with a schema error and no request', (identifier) => {
    const harness = runHarness();
    const asked = serveDocuments(harness.omni.baseUrl, { sales: SALES });
    const { result } = renderHook(() => useOmniDocument(identifier), { wrapper: harness.wrapper });
    expect(result.current).toMatchObject({ status: 'error', error: { kind: 'schema' }, queries: [] });
    expect(asked).toEqual([]);
  });

  it('is idle for null and enabled: false', () => {
    const harness = runHarness();
    const asked = serveDocuments(harness.omni.baseUrl, { sales: SALES });
    expect(renderHook(() => useOmniDocument(null), { wrapper: harness.wrapper }).result.current.status).toBe('idle');
    expect(
      renderHook(() => useOmniDocument('sales', { enabled: false }), { wrapper: harness.wrapper }).result.current.status,
    ).toBe('idle');
    expect(asked).toEqual([]);
  });
});
