// Summary and facets, the same way on both engines: from the rollups when no record-level filter is set,
// otherwise by scanning the matching records. A store passes its own query function and WHERE builder.
import type { ResolvedFilters, Sort } from '@callboard/contracts';
import { type SqlFragment, summaryBounds, summarySql } from './query-sql.js';
import type { FacetFigures, StoreStats, SummaryFigures } from './record-store.js';
import { type SqlRow, shapeFacets, shapeSummary } from './result-shape.js';
import {
  histogramRows,
  type PageSlice,
  pageSlice,
  quarterCountsSql,
  rollupFacetsSql,
  rollupSummarySql,
  rollupsServe,
} from './rollup-sql.js';

export interface StoreQueries {
  rows(sql: string, params: unknown[]): Promise<SqlRow[]>;
  stats(): Promise<StoreStats>;
}

export async function answerSummary(
  store: StoreQueries,
  filters: ResolvedFilters,
  shortCallSeconds: number,
  where: () => Promise<SqlFragment>,
): Promise<SummaryFigures> {
  const bounds = await summaryBounds(filters, () => store.stats());
  const filter = rollupsServe(filters, 'summary') ? null : await where();
  const sql =
    filter === null
      ? rollupSummarySql(bounds, filters.tz, shortCallSeconds)
      : summarySql(filter, bounds, filters.tz, shortCallSeconds);
  // Two connections: the money and count queries run at the same time.
  const [money, counts] = await Promise.all([
    store.rows(sql.money, filter?.params ?? []),
    store.rows(sql.counts, filter?.params ?? []),
  ]);
  if (filter === null) counts.push(...histogramRows(money));
  return shapeSummary(money, counts, filters.tz, bounds);
}

export async function answerFacets(
  store: StoreQueries,
  filters: ResolvedFilters,
  scan: () => Promise<SqlFragment>,
): Promise<FacetFigures> {
  if (rollupsServe(filters, 'facets')) {
    const bounds = await summaryBounds(filters, () => store.stats());
    return shapeFacets(await store.rows(rollupFacetsSql(bounds), []));
  }
  const facets = await scan();
  return shapeFacets(await store.rows(facets.sql, facets.params));
}

/**
 * A records page without a record- or dimension-level filter: the total from the rollups' quarter-hour counts
 * (no count of the range's rows) and, sorted by time, the slice of the range that holds the page. Null when
 * filters need the records (the store scans as before).
 */
export async function rollupPagePlan(
  store: StoreQueries,
  filters: ResolvedFilters,
  sort: Sort,
  offset: number,
  limit: number,
): Promise<{ total: number; slice: PageSlice | null; timeSorted: boolean } | null> {
  if (!rollupsServe(filters, 'summary')) return null;
  const bounds = await summaryBounds(filters, () => store.stats());
  const counts = await store.rows(quarterCountsSql(bounds), []);
  const { total, slice } = pageSlice(counts, bounds, sort.direction, offset, limit);
  return { total, slice, timeSorted: sort.field === 'submitTime' };
}
