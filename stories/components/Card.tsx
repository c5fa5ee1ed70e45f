import type { ReactNode } from 'react';

/** Props of {@link Card}. */
export interface CardProps {
  /** Heading; also the accessible name of the card's region, so tests find a tile by its title. */
  title: string;
  /**
   * A small line under the heading (row count, cache state). Its line is kept, empty, while there is nothing
   * to say, so the card does not grow when the text arrives. `false`: no such line at all.
   */
  meta?: ReactNode | false;
  /** Grid columns out of 12 taken by the card. */
  span?: 3 | 4 | 5 | 6 | 7 | 8 | 9 | 12 | undefined;
  /**
   * Height of the body in px. A tile sets it so that its spinner, its data, its empty state and its error
   * all take the same room: nothing below it moves when a query finishes. Empty: the content decides.
   */
  bodyHeight?: number | undefined;
  /** Extra class names (`oq-card-updating` while a newer result is on its way). */
  className?: string | undefined;
  /** True while what the card shows is about to be replaced (`aria-busy`). */
  busy?: boolean | undefined;
  children: ReactNode;
}

/** A dashboard tile frame. */
export function Card({ title, meta, span = 12, bodyHeight, className, busy, children }: CardProps) {
  return (
    <section
      className={['oq-card', `oq-span-${span}`, className].filter(Boolean).join(' ')}
      aria-label={title}
      aria-busy={busy || undefined}
    >
      <header className="oq-card-header">
        <h2 className="oq-card-title">{title}</h2>
        {meta === false ? null : <p className="oq-card-meta">{meta}</p>}
      </header>
      {/* A fixed body must not flex: a flex basis would size it by its content again. */}
      <div className="oq-card-body" style={bodyHeight === undefined ? undefined : { height: bodyHeight, flex: 'none' }}>
        {children}
      </div>
    </section>
  );
}
