import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { setupOmni, Tile, TOKEN } from '../support/omniTest.js';

/** Everything reachable from `value` as text: own properties, errors with stack and cause, bigints. */
function dump(value: unknown): string {
  const seen = new WeakSet<object>();
  const walk = (item: unknown, depth: number): string => {
    if (typeof item === 'bigint') return `${item}n`;
    if (typeof item === 'string') return JSON.stringify(item);
    if (typeof item !== 'object' || item === null) return String(item);
    if (seen.has(item) || depth > 12) return '[seen]';
    seen.add(item);
    if (ArrayBuffer.isView(item)) return `[${item.constructor.name} ${item.byteLength}]`;
    const parts = Object.keys(item).map((key) => `${key}:${walk((item as Record<string, unknown>)[key], depth + 1)}`);
    if (item instanceof Error)
      parts.push(`message:${item.message}`, `stack:${item.stack ?? ''}`, `cause:${walk(item.cause, depth + 1)}`);
    return `{${parts.join(',')}}`;
  };
  return walk(value, 0);
}

describe('the token stays out of keys, cache, errors and logs', () => {
  let logs: MockInstance[] = [];
  beforeEach(() => {
    logs = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));
  });
  afterEach(() => {
    for (const log of logs) log.mockRestore();
  });

  it('holds no token in any query key, cached record or error, and logs none', async () => {
    const { omni, queryClient, wrapper: Wrapper } = setupOmni();
    omni.addJob(
      { id: 'ok', table: { 'orders.count': Int32Array.from([1]) } },
      { id: 'failed', status: 'ERROR', errorMessage: 'Query failed' },
      { id: 'pending', table: { 'orders.count': Int32Array.from([2]) }, finishAfterPolls: Infinity },
    );
    render(
      <Wrapper>
        <Tile name="good" jobIds={['ok', 'failed', 'pending']} />
      </Wrapper>,
    );
    await waitFor(() => expect(screen.getByTestId('good').textContent).toContain('failed:error'));
    expect(omni.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);

    // Now the token goes bad: a 403 lands in the cache as an error.
    omni.setToken('rotated-elsewhere');
    await waitFor(() => expect(screen.getByTestId('good').dataset.status).toBe('error'));

    const queries = queryClient.getQueryCache().getAll();
    expect(queries).toHaveLength(3);
    const everything = dump(
      queries.map((query) => ({
        key: query.queryKey,
        hash: query.queryHash,
        state: query.state,
        options: query.options.queryKey,
      })),
    );
    expect(everything).toContain('Invalid bearer token');
    expect(everything).toContain('Query failed');
    expect(everything).not.toContain(TOKEN);
    expect(document.body.innerHTML).not.toContain(TOKEN);
    for (const log of logs) expect(dump(log.mock.calls)).not.toContain(TOKEN);
  });
});
