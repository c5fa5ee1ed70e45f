import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { Component, Suspense, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { validateRows } from '../../src/decode/rows/validateRows.js';
import type * as ValidateRowsModule from '../../src/decode/rows/validateRows.js';
import { useOmniQuery } from '../../src/react/useOmniQuery.js';
import { useSuspenseOmniQuery } from '../../src/react/useSuspenseOmniQuery.js';
import { QUERY, runHarness } from './omniQueryHarness.js';

// Wrapped, so a test can see whether (and how often) any schema check ran.
vi.mock('../../src/decode/rows/validateRows.js', async (importOriginal) => {
  const original = await importOriginal<typeof ValidateRowsModule>();
  return { ...original, validateRows: vi.fn(original.validateRows) };
});

// The check on the total takes the per-row path (one safeParse per row), which these tests count.
const Totals = z.object({ 'order_items.region': z.string(), 'order_items.total': z.number().min(0) });
const counts = (values: (number | bigint)[]) => () => ({
  rows: values.map((value) => ({ 'order_items.region': 'EU', 'order_items.count': value })),
  fields: ['order_items.region', { name: 'order_items.count', type: 'integer' as const }],
});

beforeEach(() => {
  vi.mocked(validateRows).mockClear();
});

describe('useOmniQuery(query, { rows })', () => {
  it("gives the schema's output rows once the job is complete, checked once however often it renders", async () => {
    const harness = runHarness();
    const parse = vi.spyOn(Totals, 'safeParse');
    const { result, rerender } = renderHook(() => useOmniQuery(QUERY, { rows: Totals }), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.rows).toEqual([{ 'order_items.region': 'all', 'order_items.total': 100 }]);
    rerender();
    rerender();
    expect(result.current.rows).toEqual([{ 'order_items.region': 'all', 'order_items.total': 100 }]);
    expect(parse).toHaveBeenCalledTimes(1); // one row, one check
    parse.mockRestore();
  });

  it('checks a result once for every component that shows it', async () => {
    const harness = runHarness();
    const schema = z.object({ 'order_items.total': z.number().min(0) });
    const parse = vi.spyOn(schema, 'safeParse');
    const useTwo = () => [useOmniQuery(QUERY, { rows: schema }), useOmniQuery({ ...QUERY }, { rows: schema })] as const;
    const { result } = renderHook(useTwo, { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.map((tile) => tile.status)).toEqual(['success', 'success']));
    expect(result.current[0].rows).toBe(result.current[1].rows);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it("is status 'error' with a schema OmniError naming the field and the row on a mismatch", async () => {
    const harness = runHarness();
    const schema = z.object({ 'order_items.total': z.string() });
    const { result } = renderHook(() => useOmniQuery(QUERY, { rows: schema }), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    if (result.current.status !== 'error') throw new Error('narrowed above');
    expect(result.current.error.kind).toBe('schema');
    expect(result.current.error.message).toBe(
      'Row 0 of the result of job run-1 does not match the rows schema: field "order_items.total" expected string, got number 100',
    );
    expect(result.current.rows).toEqual([]);
  });

  it('decodes an int64 column as the schema says: z.bigint() gets a bigint for a small count', async () => {
    const harness = runHarness(counts([3]));
    const schema = z.object({ 'order_items.count': z.bigint() });
    const { result } = renderHook(() => useOmniQuery(QUERY, { rows: schema }), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.rows).toEqual([{ 'order_items.count': 3n }]);
  });

  it('without rows, nothing changes and no schema check runs', async () => {
    const harness = runHarness();
    const { result, rerender } = renderHook(() => useOmniQuery(QUERY), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    rerender();
    expect(result.current.rows).toEqual([{ 'order_items.region': 'all', 'order_items.total': 100 }]);
    expect(validateRows).not.toHaveBeenCalled();
  });
});

class Boundary extends Component<{ children: ReactNode; onReset: () => void }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error === null ? this.props.children : <p role="alert">{this.state.error.message}</p>;
  }
}

function withBoundary(children: ReactNode) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary onReset={reset}>
          <Suspense fallback={<p>Loading</p>}>{children}</Suspense>
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}

function SuspenseTile({ schema }: { schema: z.ZodObject<{ 'order_items.count': z.ZodBigInt | z.ZodNumber }> }) {
  const { rows } = useSuspenseOmniQuery(QUERY, { rows: schema });
  return <p data-testid="tile">{rows.map((row) => `${typeof row['order_items.count']} ${row['order_items.count']}`).join()}</p>;
}

describe('useSuspenseOmniQuery(query, { rows })', () => {
  // React reports what an error boundary catches to console.error; expected here.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it("renders the schema's output rows", async () => {
    const harness = runHarness(counts([3, 5]));
    render(withBoundary(<SuspenseTile schema={z.object({ 'order_items.count': z.bigint() })} />), { wrapper: harness.wrapper });
    expect((await screen.findByTestId('tile')).textContent).toBe('bigint 3,bigint 5');
  });

  it('throws a mismatch to the error boundary as a schema error', async () => {
    const harness = runHarness(counts([3, 2n ** 60n]));
    render(withBoundary(<SuspenseTile schema={z.object({ 'order_items.count': z.number() })} />), { wrapper: harness.wrapper });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Row 1 of the result of job run-1 does not match the rows schema: field "order_items.count" expected number, got bigint 1152921504606846976n\./,
    );
  });
});
