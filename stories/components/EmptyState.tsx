/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  title?: string;
  hint?: string;
  /** For small tiles (KPI cards): the title only, the hint as its tooltip. */
  compact?: boolean;
}

/** Shown when a job finished with zero rows: a result, not an error. */
export function EmptyState({
  title = 'No rows',
  hint = 'The query ran and matched nothing. Try widening the filters.',
  compact = false,
}: EmptyStateProps) {
  return (
    <div className="oq-empty" role="note" aria-label="Empty result" title={compact ? hint : undefined}>
      <span className="oq-empty-title">{title}</span>
      {compact ? null : <span>{hint}</span>}
    </div>
  );
}
