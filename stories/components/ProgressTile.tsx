import type { QueryProgress } from '../../src/index.js';
import { formatDuration } from './formatValue.js';
import { useTickingElapsed } from './useTickingElapsed.js';

/** Props of {@link ProgressTile}. */
export interface ProgressTileProps {
  /** The hook's progress. */
  progress: QueryProgress;
  /** Omni's last status for the job (`EXECUTING`, …). Empty before the first line. */
  omniStatus?: string | undefined;
}

function pollText(polls: number): string {
  if (polls === 0) return 'waiting for the first answer';
  return `${polls} ${polls === 1 ? 'poll' : 'polls'}`;
}

/** A spinner with what the hook knows: polls answered and time spent (ticking between answers). */
export function ProgressTile({ progress, omniStatus }: ProgressTileProps) {
  const label = omniStatus ? `Running on Omni (${omniStatus.toLowerCase().replace(/_/g, ' ')})` : 'Running on Omni';
  const ticking = useTickingElapsed(true);
  const details = [pollText(progress.polls), formatDuration(Math.max(progress.elapsedMs, ticking))];
  if (progress.total > 1) details.unshift(`${progress.done} of ${progress.total} jobs done`);
  return (
    <div className="oq-progress" role="status" aria-label="Loading">
      <span className="oq-spinner" aria-hidden="true" />
      <span className="oq-progress-text">
        <span className="oq-progress-label">{label}…</span>
        <span className="oq-progress-detail" data-testid="progress-detail">
          {details.join(' · ')}
        </span>
      </span>
    </div>
  );
}
