/** The shortest `gcTime` for entries behind a Suspense boundary, as react-query enforces for its own. */
const MIN_SUSPENSE_GC_MS = 1_000;

/**
 * `options` with a `gcTime` long enough to outlive a suspension: while a component is suspended
 * nothing observes its entries, and a shorter `gcTime` would drop the finished run before the
 * component mounts, so that it would run the query again.
 */
export function suspenseSafe<T extends { gcTime?: number | undefined }>(options: T): T {
  if (options.gcTime === undefined || options.gcTime >= MIN_SUSPENSE_GC_MS) return options;
  return { ...options, gcTime: MIN_SUSPENSE_GC_MS };
}
