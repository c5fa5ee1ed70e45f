import type { ReactNode } from 'react';
import type { OmniError } from '../../src/index.js';
import { Card, type CardProps } from './Card.js';
import { EmptyState } from './EmptyState.js';
import { ErrorTile } from './ErrorTile.js';
import { ProgressTile } from './ProgressTile.js';
import { Skeleton, type TileViewKind } from './Skeleton.js';

/** What a tile is showing. */
export type TileState =
  /** Omni has not answered yet: a status line over a skeleton. */
  | { kind: 'loading'; elapsedMs: number; omniStatus?: string | undefined; parts?: { done: number; total: number } | undefined }
  /** A request-wide failure, told once by the page banner: the tile keeps its place and stays quiet. */
  | { kind: 'unavailable' }
  /** This tile's query failed on its own. */
  | { kind: 'error'; error: OmniError }
  /** The query ran and matched nothing. */
  | { kind: 'empty' }
  /** Rows to show (the tile's `children`). */
  | { kind: 'data' };

/** Body heights by view: each state of a tile fills exactly this, so data never pushes the page down. */
export const TILE_BODY_HEIGHT: Record<TileViewKind, number> = { kpi: 76, chart: 300, table: 300 };

/** Props of {@link TileView}. */
export interface TileViewProps {
  title: string;
  span?: CardProps['span'];
  /** The shape of the data, for the skeleton and the default height. */
  view: TileViewKind;
  state: TileState;
  /** Body height in px. Default: {@link TILE_BODY_HEIGHT} of the view. */
  bodyHeight?: number | undefined;
  /** Row count and cache state, shown under the title once there is data. */
  meta?: string | undefined;
  /** Show the meta line at all (KPI cards do not). Default true. */
  showMeta?: boolean;
  /**
   * A newer result is on its way: the data stays, dimmed, and the meta line says "Updating…". Only with
   * `state.kind` `data` or `empty`.
   */
  updating?: boolean;
  /** In the `error` state, a "Try again" button calls this. Empty: no button. */
  onRetry?: (() => void) | undefined;
  /** The data view, rendered in the `data` state. */
  children?: ReactNode;
}

/**
 * One dashboard tile in any of its states, at one fixed height. Presentational: {@link OmniTile} feeds it
 * from the hook, the tile stories from controls.
 */
export function TileView({
  title,
  span,
  view,
  state,
  bodyHeight,
  meta,
  showMeta = true,
  updating = false,
  onRetry,
  children,
}: TileViewProps) {
  let body: ReactNode;
  let metaText: string | undefined;
  switch (state.kind) {
    case 'loading':
      body = <ProgressTile view={view} elapsedMs={state.elapsedMs} omniStatus={state.omniStatus} parts={state.parts} />;
      break;
    case 'unavailable':
      body = (
        <div className="oq-unavailable">
          <p className="oq-unavailable-text">Not loaded</p>
          <Skeleton view={view} still />
        </div>
      );
      break;
    case 'error':
      body = <ErrorTile error={state.error} compact={view === 'kpi'} onRetry={onRetry} />;
      break;
    case 'empty':
      body = <EmptyState compact={view === 'kpi'} />;
      metaText = '0 rows';
      break;
    case 'data':
      body = children;
      metaText = meta;
      break;
  }
  const stale = updating && (state.kind === 'data' || state.kind === 'empty');
  return (
    <Card
      title={title}
      span={span}
      meta={
        showMeta ? (
          stale ? (
            <span className="oq-updating" role="status">
              Updating…
            </span>
          ) : (
            metaText
          )
        ) : (
          false
        )
      }
      bodyHeight={bodyHeight ?? TILE_BODY_HEIGHT[view]}
      className={stale ? `oq-card-${view} oq-card-updating` : `oq-card-${view}`}
      busy={stale}
    >
      {body}
    </Card>
  );
}
