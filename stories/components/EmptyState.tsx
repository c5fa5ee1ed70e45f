/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  title?: string;
  hint?: string;
}

/** Shown when a job finished with zero rows: a result, not an error. */
export function EmptyState({ title = 'No rows', hint = 'The query ran and matched nothing. Try widening the filters.' }: EmptyStateProps) {
  return (
    <div className="oq-empty" role="note" aria-label="Empty result">
      <span className="oq-empty-title">{title}</span>
      <span>{hint}</span>
    </div>
  );
}
