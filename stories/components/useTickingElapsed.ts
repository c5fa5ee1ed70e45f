import { useEffect, useState } from 'react';

/**
 * Milliseconds since the component mounted, updated every `everyMs` while `active`. The hook's
 * `progress.elapsedMs` moves only when Omni answers (every ~30 s in production); a spinner next to a
 * frozen clock looks broken, so the tile shows whichever is larger.
 */
export function useTickingElapsed(active: boolean, everyMs = 250): number {
  const [start] = useState(() => performance.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(performance.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now - start;
}
