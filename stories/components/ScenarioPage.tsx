import type { ReactNode } from 'react';
import { RequestErrorBanner, type RequestErrorBannerProps } from './RequestErrorBanner.js';
import { RequestErrorsProvider } from './RequestErrors.js';

/** Props of {@link ScenarioPage}. */
export interface ScenarioPageProps {
  title: string;
  subtitle?: ReactNode;
  /** Right side of the header (badges, toggles). */
  aside?: ReactNode;
  /** Controls above the tiles (filters). */
  toolbar?: ReactNode;
  /** What the banner's "Try again" does. Default: run the failed queries again. */
  onRetry?: RequestErrorBannerProps['onRetry'];
  children: ReactNode;
}

/**
 * The page frame of a scenario: a header, one banner for failures that hit the whole page, and a 12-column
 * grid of tiles. The page is a size container: its layout follows its own width, not the window's, so a
 * test can check the phone layout by making the page 390 px wide.
 */
export function ScenarioPage({ title, subtitle, aside, toolbar, onRetry, children }: ScenarioPageProps) {
  return (
    <main className="oq-page">
      <div className="oq-page-inner">
        <header className="oq-page-header">
          <div>
            <h1 className="oq-page-title">{title}</h1>
            {subtitle ? <p className="oq-page-subtitle">{subtitle}</p> : null}
          </div>
          {aside}
        </header>
        <RequestErrorsProvider>
          {toolbar}
          <RequestErrorBanner {...(onRetry ? { onRetry } : {})} />
          <div className="oq-grid">{children}</div>
        </RequestErrorsProvider>
      </div>
    </main>
  );
}
