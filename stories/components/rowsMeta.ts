import type { JobResult } from '../../src/index.js';
import { formatCount } from './formatValue.js';

/** "8 rows", and whether Omni answered from its cache, in words: a tile's meta line once it has data. */
export function rowsMeta(job: Pick<JobResult, 'numRows' | 'summary'>): string {
  const rows = `${formatCount(job.numRows)} ${job.numRows === 1 ? 'row' : 'rows'}`;
  const cacheType = job.summary?.cacheType;
  if (cacheType === undefined) return rows;
  return `${rows} · ${cacheType === 'MISS' ? 'fresh' : 'from cache'}`;
}
