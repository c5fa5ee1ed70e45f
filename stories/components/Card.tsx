import type { ReactNode } from 'react';

/** Props of {@link Card}. */
export interface CardProps {
  /** Heading; also the accessible name of the card's region, so tests find a tile by its title. */
  title: string;
  /** Small text at the right of the heading (row count, cache state). Empty to show nothing. */
  meta?: ReactNode;
  /** Grid columns out of 12 taken by the card. */
  span?: 3 | 4 | 5 | 6 | 7 | 8 | 12 | undefined;
  children: ReactNode;
}

/** A dashboard tile frame. */
export function Card({ title, meta, span = 12, children }: CardProps) {
  return (
    <section className={`oq-card oq-span-${span}`} aria-label={title}>
      <header className="oq-card-header">
        <h2 className="oq-card-title">{title}</h2>
        {meta ? <span className="oq-card-meta">{meta}</span> : null}
      </header>
      <div className="oq-card-body">{children}</div>
    </section>
  );
}
