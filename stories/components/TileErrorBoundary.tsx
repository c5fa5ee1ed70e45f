import { Component, type ReactNode } from 'react';

/** Props of {@link TileErrorBoundary}. */
export interface TileErrorBoundaryProps {
  /** Called before trying again: react-query's `QueryErrorResetBoundary` `reset`, so failed queries run anew. */
  onReset: () => void;
  /** What to show instead of the tile's content, with a `retry` for its button. */
  fallback: (error: unknown, retry: () => void) => ReactNode;
  children: ReactNode;
}

interface TileErrorBoundaryState {
  error: unknown;
  failed: boolean;
}

/**
 * Catches what one tile throws (a Suspense query's failure) so the rest of the page keeps working, and
 * renders it again when the user asks to retry.
 */
export class TileErrorBoundary extends Component<TileErrorBoundaryProps, TileErrorBoundaryState> {
  override state: TileErrorBoundaryState = { error: undefined, failed: false };

  static getDerivedStateFromError(error: unknown): TileErrorBoundaryState {
    return { error, failed: true };
  }

  private readonly retry = () => {
    this.props.onReset();
    this.setState({ error: undefined, failed: false });
  };

  override render() {
    return this.state.failed ? this.props.fallback(this.state.error, this.retry) : this.props.children;
  }
}
