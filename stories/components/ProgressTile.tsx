import { Skeleton, type TileViewKind } from './Skeleton.js';
import { formatWait } from './formatValue.js';
import { useTickingElapsed } from './useTickingElapsed.js';

/** Props of {@link ProgressTile}. */
export interface ProgressTileProps {
  /** The shape of the data to come, for the skeleton. */
  view: TileViewKind;
  /** Time already waited, from the hook (`progress.elapsedMs`). The tile ticks on from there. */
  elapsedMs: number;
  /** Omni's last status for the job (`EXECUTING`, …). Empty before Omni said anything. */
  omniStatus?: string | undefined;
  /** With several jobs behind one tile: how many are ready, and of how many. Empty for one job. */
  parts?: { done: number; total: number } | undefined;
}

const PREPARING = new Set(['ADDED', 'PLANNING', 'PLANNING_COMPLETE', 'PLANNED']);

/** What the user is waiting for, in their words: Omni's job states are not theirs. */
export function waitLabel(omniStatus: string | undefined): string {
  if (omniStatus === 'EXECUTING') return 'Running your query…';
  if (omniStatus !== undefined && PREPARING.has(omniStatus)) return 'Preparing your query…';
  return 'Waiting for Omni…';
}

/** A tile still loading: one status line (what it waits for, and for how long) over a skeleton of the data. */
export function ProgressTile({ view, elapsedMs, omniStatus, parts }: ProgressTileProps) {
  // The hook's elapsed time moves only when Omni answers (every ~30 s in production): tick in between.
  const ticking = useTickingElapsed(true, 1000);
  const waited = formatWait(Math.max(elapsedMs, ticking));
  const detail = parts && parts.total > 1 ? `${parts.done} of ${parts.total} ready · ${waited}` : waited;
  return (
    <div className={`oq-progress oq-progress-${view}`}>
      <div className="oq-progress-line" role="status" aria-label="Loading">
        <span className="oq-spinner" aria-hidden="true" />
        <span className="oq-progress-label">{waitLabel(omniStatus)}</span>{' '}
        <span className="oq-progress-detail" data-testid="progress-detail">
          {detail}
        </span>
      </div>
      <Skeleton view={view} />
    </div>
  );
}
