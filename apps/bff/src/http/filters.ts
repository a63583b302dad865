import { type Coverage, FilterRangeError, type FilterQuery, type ResolvedFilters, resolveFilters } from '@callboard/contracts';
import type { RecordStore } from '../store/record-store.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import { AppError } from './app-error.js';

export function resolve(query: FilterQuery, defaultTz: string): ResolvedFilters {
  try {
    return resolveFilters(query, defaultTz);
  } catch (error) {
    if (error instanceof FilterRangeError) throw new AppError(400, 'invalid_parameter', `${error.param}: ${error.message}`, { param: error.param });
    throw error;
  }
}

/**
 * What a query over `filters` can be answered from. Parts of the range not yet synced start (or join) an
 * on-demand sync; the answer comes from what is stored now, and the coverage says so.
 */
export async function coverageFor(filters: ResolvedFilters, store: RecordStore, sync: SyncEngine): Promise<Coverage> {
  const horizon = sync.horizon();
  if (filters.to !== null && filters.to <= horizon) {
    const stats = await store.stats();
    if (stats.oldest === null || filters.to <= stats.oldest) {
      throw new AppError(
        422,
        'range_unavailable',
        `Nothing can be shown before ${new Date(Math.max(horizon, stats.oldest ?? horizon)).toISOString()}: the upstream keeps two months of records and Callboard's archive starts ${stats.oldest === null ? 'with the first sync' : `on ${new Date(stats.oldest).toISOString().slice(0, 10)}`}. Choose a later range.`,
        { param: 'to' },
      );
    }
  }
  const coverage = await sync.coverage(filters.from, filters.to);
  if (!coverage.complete && filters.to !== null && filters.to > horizon) {
    await sync.request(filters.from ?? horizon, filters.to, 'on-demand');
    return { ...coverage, syncing: true };
  }
  return coverage;
}
