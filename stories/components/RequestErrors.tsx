import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { OmniError } from '../../src/index.js';

interface RequestErrorsValue {
  /** The first request-wide failure any tile reported, or `null`. */
  error: OmniError | null;
  report(reporter: string, error: OmniError | null): void;
}

const RequestErrorsContext = createContext<RequestErrorsValue | null>(null);

/**
 * Collects the request-wide failures (HTTP, network, an unreadable answer) that tiles run into. They hit
 * every tile at once, so the page says it once, in a banner, instead of each tile repeating it.
 */
export function RequestErrorsProvider({ children }: { children: ReactNode }) {
  const [errors, setErrors] = useState<ReadonlyMap<string, OmniError>>(() => new Map());
  const report = useCallback((reporter: string, error: OmniError | null) => {
    setErrors((previous) => {
      if (error === null ? !previous.has(reporter) : previous.get(reporter) === error) return previous;
      const next = new Map(previous);
      if (error === null) next.delete(reporter);
      else next.set(reporter, error);
      return next;
    });
  }, []);
  const value = useMemo(() => ({ error: errors.values().next().value ?? null, report }), [errors, report]);
  return <RequestErrorsContext.Provider value={value}>{children}</RequestErrorsContext.Provider>;
}

/**
 * Reports this component's request-wide failure (or `null` once it is gone) to the page. Returns `true`
 * when a page collects it, so the caller shows a quiet placeholder instead of an error of its own.
 */
export function useReportRequestError(error: OmniError | null): boolean {
  const context = useContext(RequestErrorsContext);
  const reporter = useId();
  const report = context?.report;
  useEffect(() => {
    if (!report) return;
    report(reporter, error);
    return () => report(reporter, null);
  }, [report, reporter, error]);
  return context !== null;
}

/** The page's request-wide failure to show, or `null`. */
export function useRequestError(): OmniError | null {
  return useContext(RequestErrorsContext)?.error ?? null;
}
