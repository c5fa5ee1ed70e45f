import type { ReactNode } from 'react';
import type { OmniQueryResult } from '../../src/results/OmniQueryResult.js';
import { useOmniQuery } from '../../src/react/useOmniQuery.js';
import type { OmniQuery } from '../../src/query/omniQuerySchema.js';
import type { CardProps } from './Card.js';
import { isRequestWide } from './errorWords.js';
import { rowsMeta } from './QueryTile.js';
import { useReportRequestError } from './RequestErrors.js';
import type { TileViewKind } from './Skeleton.js';
import { TileView, type TileState } from './TileView.js';

/** The shown part of a query's result: what a tile's view renders. */
export type ShownResult = Pick<OmniQueryResult, 'rows' | 'columns' | 'fields' | 'numRows' | 'summary'>;

/** Props of {@link OmniTile}. */
export interface OmniTileProps {
  title: string;
  /** The query; `null` while there is none (the tile waits). */
  query: OmniQuery | null;
  span?: CardProps['span'];
  view: TileViewKind;
  bodyHeight?: number;
  /** The meta line once there is data. Default: the row count and cache state. */
  meta?: string;
  /** Renders the rows. */
  children: (result: ShownResult) => ReactNode;
}

/** The tile state of a `useOmniQuery` result, and whether older data is shown while a new run is pending. */
export function omniTileState(
  result: OmniQueryResult,
  requestWideShownElsewhere: boolean,
): { state: TileState; updating: boolean } {
  if (result.status === 'error') {
    return {
      state:
        isRequestWide(result.error) && requestWideShownElsewhere
          ? { kind: 'unavailable' }
          : { kind: 'error', error: result.error },
      updating: false,
    };
  }
  if (result.status === 'success' || (result.status === 'pending' && result.isPlaceholderData && result.job !== undefined)) {
    return { state: result.numRows === 0 ? { kind: 'empty' } : { kind: 'data' }, updating: result.status === 'pending' };
  }
  return {
    state: { kind: 'loading', elapsedMs: result.progress.elapsedMs, omniStatus: result.job?.omniStatus },
    updating: false,
  };
}

/**
 * A dashboard tile for one Omni query (`useOmniQuery`): one run per distinct query, a skeleton until the
 * first result, then the data. When the query changes (a filter), the old numbers stay, dimmed, with
 * "Updating…" until the new ones arrive; nothing jumps.
 */
export function OmniTile({ title, query, span, view, bodyHeight, meta, children }: OmniTileProps) {
  const result = useOmniQuery(query);
  const requestWide = result.status === 'error' && isRequestWide(result.error) ? result.error : null;
  const bannerShowsIt = useReportRequestError(requestWide);
  const { state, updating } = omniTileState(result, bannerShowsIt);
  return (
    <TileView
      title={title}
      span={span}
      view={view}
      state={state}
      bodyHeight={bodyHeight}
      meta={meta ?? (result.job ? rowsMeta(result.job) : undefined)}
      updating={updating}
    >
      {state.kind === 'data' ? children(result) : null}
    </TileView>
  );
}
