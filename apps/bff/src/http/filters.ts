import {
  type Coverage,
  DAY_MS,
  type FilterQuery,
  FilterRangeError,
  type ResolvedFilters,
  resolveFilters,
} from '@callboard/contracts';
import type { Config } from '../config.js';
import type { RecordStore } from '../store/record-store.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import { AppError } from './app-error.js';

/** Filters whose range is known: what every query the API runs is bounded by. */
export type BoundedFilters = ResolvedFilters & { from: number; to: number };

/**
 * The query's filters with a bounded range, checked before any work starts. An open end means "until now"
 * (rounded up to the minute, so repeated questions share cached answers); an open start means "since the
 * archive's first call". A range longer than CALLBOARD_MAX_RANGE_DAYS is a 400 that names the limit.
 */
export async function resolve(
  query: FilterQuery,
  { config, store, now }: { config: Config; store: RecordStore; now: () => number },
): Promise<BoundedFilters> {
  let filters: ResolvedFilters;
  try {
    filters = resolveFilters(query, config.defaultTimeZone);
  } catch (error) {
    if (error instanceof FilterRangeError)
      throw new AppError(400, 'invalid_parameter', error.message, { param: error.param });
    throw error;
  }
  const to = filters.to ?? Math.ceil((now() + 1) / 60_000) * 60_000;
  const from = filters.from ?? (await store.stats()).oldest ?? to - DAY_MS;
  const maxDays = Math.round(config.limits.maxRangeMs / DAY_MS);
  if (to - from > config.limits.maxRangeMs) {
    const days = Math.ceil((to - from) / DAY_MS).toLocaleString('en-US');
    throw new AppError(
      400,
      'range_too_long',
      filters.from === null
        ? `Give a start date: without one the range covers the whole archive (${days} days), and a query may span at most ${maxDays} days`
        : `A query may span at most ${maxDays} days and this range spans ${days}: choose a shorter range`,
      { param: 'from' },
    );
  }
  return { ...filters, from: Math.min(from, to), to };
}

/**
 * What a query over `filters` can be answered from; called before the query runs, so a range nothing can
 * answer is refused at once. Parts of the range not yet synced start (or join) an on-demand sync; the answer
 * comes from what is stored now, and the coverage says so.
 */
export async function coverageFor(
  filters: BoundedFilters,
  store: RecordStore,
  sync: SyncEngine,
): Promise<Coverage> {
  const horizon = sync.horizon();
  if (filters.to <= horizon) {
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
  if (!coverage.complete && filters.to > horizon) {
    await sync.request(filters.from, filters.to, 'on-demand');
    return { ...coverage, syncing: true };
  }
  return coverage;
}
