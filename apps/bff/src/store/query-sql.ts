// The SQL both engines run, written once. User text never becomes SQL: values are bound parameters and
// column names come from the COLUMN_SQL allow-list. What differs between engines (placeholders, substring
// search, a cast or two) is a small SqlDialect each store passes in.
import {
  DAY_MS,
  DURATION_EDGES,
  offsetSegments,
  type ResolvedFilters,
  type Sort,
} from '@callboard/contracts';
import { COLUMN_SQL } from './record-schema.js';
import type { StoreStats } from './record-store.js';

export interface SqlDialect {
  /** The placeholder of the nth bound parameter, counted from 1 (`?` for DuckDB, `$n` for PostgreSQL). */
  placeholder(n: number): string;
  /** A case-sensitive substring test of `column` against the bound needle `placeholder`. */
  contains(column: string, placeholder: string): string;
  /** The bound value for a `contains` needle (PostgreSQL binds a LIKE pattern). */
  containsParam(needle: string): unknown;
  /** The bound value of an epoch-ms instant compared with a BIGINT column. */
  epochMs(ms: number): unknown;
}

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

type FacetFilter = 'code' | 'terminationCode' | 'currency';

/**
 * The stored callees that contain `filters.callee`, looked up beforehand in the small table of distinct
 * callees (see CALLEE_LOOKUP_SQL): the records are then found by `callee IN (…)` through an index instead
 * of a substring test of every record. Absent when there is no callee filter or too many callees match.
 */
export type CalleeMatches = readonly string[] | null;

/** At most this many distinct callees go into `callee IN (…)`; past it the substring scan is as cheap. */
export const CALLEE_LIST_LIMIT = 500;

/** Filters → a WHERE clause with placeholders numbered from 1 and the values to bind. */
export function whereClause(
  dialect: SqlDialect,
  filters: ResolvedFilters,
  skip: ReadonlySet<FacetFilter> = new Set(),
  callees: CalleeMatches = null,
): SqlFragment {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const inList = (column: string, values: string[]) =>
    clauses.push(`${column} IN (${values.map(bind).join(', ')})`);
  const contains = (column: string, needle: string) =>
    dialect.contains(column, bind(dialect.containsParam(needle)));

  if (filters.from !== null) clauses.push(`submit_at >= ${bind(dialect.epochMs(filters.from))}`);
  if (filters.to !== null) clauses.push(`submit_at < ${bind(dialect.epochMs(filters.to))}`);
  if (filters.callee !== null) {
    if (callees === null) clauses.push(contains('callee', filters.callee));
    else if (callees.length === 0) clauses.push('FALSE');
    else inList('callee', [...callees]);
  }
  if (filters.codes.length > 0 && !skip.has('code')) inList('code', filters.codes);
  if (filters.terminationCodes.length > 0 && !skip.has('terminationCode')) {
    inList('termination_code', filters.terminationCodes);
  }
  if (filters.currencies.length > 0 && !skip.has('currency')) inList('currency', filters.currencies);
  if (filters.outcome === 'answered') clauses.push('answered');
  if (filters.outcome === 'unanswered') clauses.push('NOT answered');
  if (filters.minDuration !== null) clauses.push(`call_duration >= ${bind(filters.minDuration)}`);
  if (filters.maxDuration !== null) clauses.push(`call_duration <= ${bind(filters.maxDuration)}`);
  if (filters.q !== null) {
    const needle = filters.q.toLowerCase();
    const anyOf = [
      contains('lower(voice_id)', needle),
      contains('callee', needle.replace(/\D/g, '') || needle),
      contains('lower(display_num)', needle),
      contains('lower(code)', needle),
      contains('lower(termination_code)', needle),
      contains('lower(termination_reason)', needle),
      contains('lower(called_info)', needle),
    ];
    clauses.push(`(${anyOf.join(' OR ')})`);
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Amounts in each record's quote currency: sorted within a currency, never as if € and $ were one. */
const QUOTE_CURRENCY_SORTS: ReadonlySet<Sort['field']> = new Set(['cost', 'rate']);

/**
 * The sort, NULLS LAST, with voice_id as the tie-break so pages never overlap or skip. Cost and rate sort by
 * currency (A→Z) first, then the amount in the direction asked.
 */
export function orderBy(sort: Sort): string {
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const tieBreak = sort.field === 'voiceId' ? '' : `, voice_id ${direction}`;
  const currencyFirst = QUOTE_CURRENCY_SORTS.has(sort.field) ? 'currency ASC, ' : '';
  return `${currencyFirst}${COLUMN_SQL[sort.field]} ${direction} NULLS LAST${tieBreak}`;
}

/**
 * The summary in two scans that run side by side: money sums over three small groupings, and counts over
 * two others. Exact DECIMAL sums are the expensive part, so they are computed only where money is shown;
 * everything else (per-currency totals, the overall row) is folded from these rows in JS by shapeSummary.
 * The zone's offsets over the range come from contracts' offsetSegments (the one place of zone math) as a
 * CASE over UTC ms, so both engines bucket days identically.
 */
export function summarySql(
  where: SqlFragment,
  bounds: { from: number; to: number },
  tz: string,
  shortCallSeconds: number,
): { money: string; counts: string } {
  if (!Number.isInteger(shortCallSeconds)) throw new Error('shortCallSeconds must be a whole number');
  const segments = offsetSegments(bounds.from, bounds.to, tz);
  const offsetCase =
    segments.length === 1
      ? String(segments[0]!.offsetMs)
      : `CASE ${segments
          .slice(1)
          .map((s, i) => `WHEN submit_at < ${s.from} THEN ${segments[i]!.offsetMs}`)
          .join(' ')} ELSE ${segments[segments.length - 1]!.offsetMs} END`;
  const bucketCase = `CASE WHEN NOT answered THEN -1 ${DURATION_EDGES.map(
    (edge, i) => `WHEN call_duration < ${edge} THEN ${i}`,
  ).join(' ')} ELSE ${DURATION_EDGES.length} END`;
  // `/ ${DAY_MS}.0`: a non-integer division in both engines (PostgreSQL would truncate BIGINT / INTEGER).
  const money = `SELECT GROUPING(currency, code, local_day, bill_period) AS g, currency, code, local_day, bill_period,
            count(*) AS calls, count(*) FILTER (WHERE answered) AS answered,
            sum(call_duration) AS talk, sum(charged_duration) AS charged, sum(overhead_seconds) AS overhead,
            count(*) FILTER (WHERE answered AND call_duration < ${shortCallSeconds}) AS short_calls,
            count(*) FILTER (WHERE answered AND feedback_value <> '-1' AND feedback_value <> '') AS key_presses,
            sum(cost) AS cost, sum(base_cost) AS base_cost, sum(settle_pay) AS settle_pay, count(settle_pay) AS settled
     FROM (SELECT currency, code, bill_period, answered, call_duration, charged_duration, overhead_seconds,
                  feedback_value, cost, base_cost, settle_pay,
                  CAST(floor((submit_at + ${offsetCase}) / ${DAY_MS}.0) AS BIGINT) AS local_day
           FROM records ${where.sql}) AS f
     GROUP BY GROUPING SETS ((code, currency), (local_day, currency), (bill_period, currency))`;
  const counts = `SELECT GROUPING(code, termination_code, termination_reason, duration_bucket) AS g,
            code, termination_code, termination_reason, duration_bucket,
            count(*) AS calls, count(*) FILTER (WHERE answered) AS answered
     FROM (SELECT code, termination_code, termination_reason, answered, ${bucketCase} AS duration_bucket
           FROM records ${where.sql}) AS f
     GROUP BY GROUPING SETS ((code, termination_code, termination_reason), (duration_bucket))`;
  return { money, counts };
}

/**
 * The distinct callees containing the needle (bound as the dialect's `contains` parameter), one more than
 * CALLEE_LIST_LIMIT so a caller can tell the list was cut.
 */
export function calleeLookupSql(dialect: SqlDialect): string {
  return `SELECT callee FROM callees WHERE ${dialect.contains('callee', dialect.placeholder(1))} LIMIT ${CALLEE_LIST_LIMIT + 1}`;
}

/** calleeLookupSql's rows → the list whereClause takes, or null when it was cut (scan instead). */
export function toCalleeMatches(rows: ReadonlyArray<{ callee?: unknown }>): CalleeMatches {
  if (rows.length > CALLEE_LIST_LIMIT) return null;
  return rows.map((r) => String(r.callee));
}

/** Facet counts; each facet ignores its own filter so the other values stay pickable. */
export function facetsSql(
  dialect: SqlDialect,
  filters: ResolvedFilters,
  callees: CalleeMatches = null,
): SqlFragment {
  const where = whereClause(dialect, filters, new Set(['code', 'terminationCode', 'currency']), callees);
  return {
    sql: `SELECT GROUPING(code, termination_code, termination_reason, currency) AS g,
                 code, termination_code, termination_reason, currency, count(*) AS n
          FROM records ${where.sql}
          GROUP BY GROUPING SETS ((code), (termination_code, termination_reason), (currency))`,
    params: where.params,
  };
}

/** The range to bucket days over: the filter's own, or what the store holds when it is open-ended. */
export async function summaryBounds(
  filters: ResolvedFilters,
  stats: () => Promise<StoreStats>,
): Promise<{ from: number; to: number }> {
  if (filters.from !== null && filters.to !== null) return { from: filters.from, to: filters.to };
  const held = await stats();
  return {
    from: filters.from ?? held.oldest ?? Date.now(),
    to: filters.to ?? (held.newest === null ? Date.now() : held.newest + 1),
  };
}

/** Per-currency totals of everything stored, and the ledger's size: the figures a backup's manifest holds. */
export const ARCHIVE_TOTALS_SQL = {
  byCurrency:
    'SELECT currency, count(*) AS n, sum(cost) AS cost, min(submit_at) AS oldest, max(submit_at) AS newest FROM records GROUP BY currency ORDER BY currency',
  windows: 'SELECT count(*) AS n FROM sync_windows',
};
