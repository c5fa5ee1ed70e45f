/** The views a tile can show, each with a skeleton of its own shape. */
export type TileViewKind = 'kpi' | 'chart' | 'table';

/** Props of {@link Skeleton}. */
export interface SkeletonProps {
  view: TileViewKind;
  /** Still (no shimmer): nothing is on its way, e.g. while the page banner reports a failure. */
  still?: boolean;
}

const BAR_WIDTHS = [92, 80, 66, 58, 44, 36, 30, 22];

/**
 * Grey placeholders in the shape of the data to come: a big number, bars, or table rows. Decorative
 * (`aria-hidden`): the tile's status line says in words what is happening. It fills the room it is given
 * and clips the rest, so it never makes a tile taller.
 */
export function Skeleton({ view, still = false }: SkeletonProps) {
  const className = `oq-skeleton oq-skeleton-${view}${still ? ' oq-skeleton-still' : ''}`;
  if (view === 'kpi') {
    return (
      <div className={className} aria-hidden="true" data-testid="skeleton">
        <span className="oq-skel oq-skel-kpi" />
        <span className="oq-skel oq-skel-caption" />
      </div>
    );
  }
  if (view === 'chart') {
    return (
      <div className={className} aria-hidden="true" data-testid="skeleton">
        {BAR_WIDTHS.map((width) => (
          <span key={width} className="oq-skel oq-skel-bar" style={{ width: `${width}%` }} />
        ))}
      </div>
    );
  }
  return (
    <div className={className} aria-hidden="true" data-testid="skeleton">
      <span className="oq-skel oq-skel-head" />
      {/* More rows than any tile has room for: the skeleton clips what does not fit. */}
      {Array.from({ length: 16 }, (_, i) => (
        <span key={i} className="oq-skel oq-skel-row" />
      ))}
    </div>
  );
}
