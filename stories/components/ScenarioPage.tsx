import type { ReactNode } from 'react';

/** Props of {@link ScenarioPage}. */
export interface ScenarioPageProps {
  title: string;
  subtitle?: ReactNode;
  /** Right side of the header (badges, toggles). */
  aside?: ReactNode;
  children: ReactNode;
}

/** The page frame of a scenario: a header and a 12-column grid of tiles. */
export function ScenarioPage({ title, subtitle, aside, children }: ScenarioPageProps) {
  return (
    <main className="oq-page">
      <header className="oq-page-header">
        <div>
          <h1 className="oq-page-title">{title}</h1>
          {subtitle ? <p className="oq-page-subtitle">{subtitle}</p> : null}
        </div>
        {aside}
      </header>
      <div className="oq-grid">{children}</div>
    </main>
  );
}
