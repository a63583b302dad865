// Rollups kept by every write of records, so a summary or facets without a record-level filter reads a few
// thousand pre-summed rows instead of every record of the range. Three shapes, written once for both engines:
//   rollup_money  (span, bucket, code, currency, bill_period): calls, sums and exact money, answered calls per
//                 duration bucket (which also give every "short call" threshold: they are DURATION_EDGES);
//   rollup_counts (span, bucket, code, termination_code, termination_reason): calls, answered;
//   rollup_quarter (bucket, currency): calls, answered, cost per UTC quarter-hour, so days in any named zone
//                 (DST, +05:45) are exact: every zone's midnight falls on a quarter-hour.
// span is HOUR_MS or DAY_MS (UTC); bucket is its start. A write rebuilds every bucket of the UTC days it
// touched from the records themselves (refreshRollupSql), in the same transaction, so rollups are never
// incremental guesses: re-syncing a window (drift, late updates) recomputes its day exactly.
// A query splits its range: whole UTC days from day rows, whole hours at the edges from hour rows, and the
// minutes before the first and after the last whole hour from the records (rollupSummarySql).
import { DAY_MS, DURATION_EDGES, offsetSegments, type ResolvedFilters } from '@callboard/contracts';
import type { SqlRow } from './result-shape.js';

export const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;

/** Duration buckets of answered calls: 0 = [0, 1 s), …, DURATION_EDGES.length = [600 s, ∞). */
const BUCKETS = Array.from({ length: DURATION_EDGES.length + 1 }, (_, i) => i);
const bucketColumns = BUCKETS.map((i) => `answered_d${i}`);

type Engine = 'duckdb' | 'postgres';

/** DDL of the three rollup tables (a migration creates them, then fills them with refreshAllRollupsSql). */
export function rollupTablesSql(engine: Engine): string {
  const text = engine === 'postgres' ? 'TEXT COLLATE "C"' : 'VARCHAR';
  const money = engine === 'postgres' ? 'NUMERIC' : 'DECIMAL(38,8)';
  return `
CREATE TABLE rollup_money (
  span BIGINT NOT NULL, bucket BIGINT NOT NULL, code ${text} NOT NULL, currency ${text} NOT NULL,
  bill_period ${text} NOT NULL, calls BIGINT NOT NULL, answered BIGINT NOT NULL, talk BIGINT NOT NULL,
  charged BIGINT NOT NULL, overhead BIGINT NOT NULL, key_presses BIGINT NOT NULL,
  cost ${money} NOT NULL, base_cost ${money} NOT NULL, settle_pay ${money}, settled BIGINT NOT NULL,
  ${bucketColumns.map((c) => `${c} BIGINT NOT NULL`).join(', ')}
);
CREATE TABLE rollup_counts (
  span BIGINT NOT NULL, bucket BIGINT NOT NULL, code ${text} NOT NULL, termination_code ${text} NOT NULL,
  termination_reason ${text} NOT NULL, calls BIGINT NOT NULL, answered BIGINT NOT NULL
);
CREATE TABLE rollup_quarter (
  bucket BIGINT NOT NULL, currency ${text} NOT NULL, calls BIGINT NOT NULL, answered BIGINT NOT NULL,
  cost ${money} NOT NULL
);
CREATE INDEX rollup_money_bucket ON rollup_money (span, bucket);
CREATE INDEX rollup_counts_bucket ON rollup_counts (span, bucket);
CREATE INDEX rollup_quarter_bucket ON rollup_quarter (bucket);`;
}

const answeredInt = 'CASE WHEN answered THEN 1 ELSE 0 END';
const bucketCase = `CASE ${DURATION_EDGES.map((edge, i) => `WHEN call_duration < ${edge} THEN ${i}`).join(' ')} ELSE ${DURATION_EDGES.length} END`;
const startOf = (span: number) => `(submit_at - submit_at % ${span})`;

// Rows are inserted in bucket order, so DuckDB's zone maps skip every row group outside a query's buckets.

/** The SELECT that sums records in `range` (a condition on submit_at) into rollup_money rows of `span`. */
function moneyRowsSql(span: number, range: string): string {
  return `SELECT ${span}, ${startOf(span)} AS b, code, currency, bill_period, count(*), sum(${answeredInt}),
    sum(call_duration), sum(charged_duration), sum(overhead_seconds),
    sum(CASE WHEN answered AND feedback_value <> '-1' AND feedback_value <> '' THEN 1 ELSE 0 END),
    sum(cost), sum(base_cost), sum(settle_pay), count(settle_pay),
    ${BUCKETS.map((i) => `sum(CASE WHEN answered AND ${bucketCase} = ${i} THEN 1 ELSE 0 END)`).join(', ')}
  FROM records WHERE ${range} GROUP BY b, code, currency, bill_period ORDER BY b`;
}
function countRowsSql(span: number, range: string): string {
  return `SELECT ${span}, ${startOf(span)} AS b, code, termination_code, termination_reason, count(*), sum(${answeredInt})
  FROM records WHERE ${range} GROUP BY b, code, termination_code, termination_reason ORDER BY b`;
}
function quarterRowsSql(range: string): string {
  return `SELECT ${startOf(QUARTER_MS)} AS b, currency, count(*), sum(${answeredInt}), sum(cost)
  FROM records WHERE ${range} GROUP BY b, currency ORDER BY b`;
}

/** Statements that rebuild every rollup row of the UTC day starting at `day` from the stored records. */
export function refreshRollupsSql(day: number): string[] {
  const end = day + DAY_MS;
  const range = `submit_at >= ${day} AND submit_at < ${end}`;
  const buckets = `bucket >= ${day} AND bucket < ${end}`;
  return [
    `DELETE FROM rollup_money WHERE ${buckets}`,
    `DELETE FROM rollup_counts WHERE ${buckets}`,
    `DELETE FROM rollup_quarter WHERE ${buckets}`,
    ...[DAY_MS, HOUR_MS].flatMap((span) => [
      `INSERT INTO rollup_money ${moneyRowsSql(span, range)}`,
      `INSERT INTO rollup_counts ${countRowsSql(span, range)}`,
    ]),
    `INSERT INTO rollup_quarter ${quarterRowsSql(range)}`,
  ];
}

/** Statements that rebuild all rollups from the records (migration, restore, retention). */
export function refreshAllRollupsSql(): string[] {
  return [
    'DELETE FROM rollup_money',
    'DELETE FROM rollup_counts',
    'DELETE FROM rollup_quarter',
    ...[DAY_MS, HOUR_MS].flatMap((span) => [
      `INSERT INTO rollup_money ${moneyRowsSql(span, 'TRUE')}`,
      `INSERT INTO rollup_counts ${countRowsSql(span, 'TRUE')}`,
    ]),
    `INSERT INTO rollup_quarter ${quarterRowsSql('TRUE')}`,
  ];
}

/** Statements that drop the rollups of records removed by retention (everything before `before`). */
export function retentionRollupsSql(before: number): string[] {
  const day = before - (((before % DAY_MS) + DAY_MS) % DAY_MS);
  return [
    `DELETE FROM rollup_money WHERE bucket < ${day}`,
    `DELETE FROM rollup_counts WHERE bucket < ${day}`,
    `DELETE FROM rollup_quarter WHERE bucket < ${day}`,
    ...refreshRollupsSql(day),
  ];
}

/** The UTC days (their starts) holding any of these instants. */
export function utcDaysOf(instants: Iterable<number>): number[] {
  const days = new Set<number>();
  for (const ms of instants) days.add(ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS));
  return [...days].sort((a, b) => a - b);
}

/** Rollups answer when the only filters are the range and the zone (facets also ignore their own filters). */
export function rollupsServe(filters: ResolvedFilters, kind: 'summary' | 'facets'): boolean {
  const recordLevel =
    filters.callee !== null ||
    filters.q !== null ||
    filters.outcome !== null ||
    filters.minDuration !== null ||
    filters.maxDuration !== null;
  if (kind === 'facets') return !recordLevel;
  return (
    !recordLevel &&
    filters.codes.length === 0 &&
    filters.terminationCodes.length === 0 &&
    filters.currencies.length === 0
  );
}

interface RangeParts {
  /**
   * `SELECT <columns> FROM <table>` over the day rows and the hour rows inside the range, one branch per
   * bucket run with plain range conditions (an OR across them kept DuckDB from pruning by zone maps).
   */
  rollup(columns: string, table: string): string;
  /** A condition on submit_at: the minutes outside whole hours, read from the records. */
  edges: string;
  /** Quarter-hour rows inside the range, and the records outside whole quarters. */
  quarters: string;
  quarterEdges: string;
}

const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;
const between = (column: string, from: number, to: number) =>
  from < to ? `(${column} >= ${from} AND ${column} < ${to})` : 'FALSE';

/** [from, to) as whole UTC days, whole hours around them, and the rest (record scans). Integers only. */
function rangeParts(from: number, to: number): RangeParts {
  const h1 = Math.min(ceilTo(from, HOUR_MS), to);
  const h2 = Math.max(floorTo(to, HOUR_MS), h1);
  const d1 = Math.min(ceilTo(h1, DAY_MS), h2);
  const d2 = Math.max(floorTo(h2, DAY_MS), d1);
  const q1 = Math.min(ceilTo(from, QUARTER_MS), to);
  const q2 = Math.max(floorTo(to, QUARTER_MS), q1);
  return {
    rollup: (columns, table) =>
      (
        [
          [DAY_MS, d1, d2],
          [HOUR_MS, h1, d1],
          [HOUR_MS, d2, h2],
        ] as const
      )
        .filter(([, from, to]) => from < to)
        .map(
          ([span, from, to]) =>
            `SELECT ${columns} FROM ${table} WHERE span = ${span} AND bucket >= ${from} AND bucket < ${to}`,
        )
        .concat(`SELECT ${columns} FROM ${table} WHERE FALSE`)
        .join(' UNION ALL '),
    edges: `(${between('submit_at', from, h1)} OR ${between('submit_at', h2, to)})`,
    quarters: between('bucket', q1, q2),
    quarterEdges: `(${between('submit_at', from, q1)} OR ${between('submit_at', q2, to)})`,
  };
}

/** The zone's local day of an instant column, as summarySql computes it (offset segments as a CASE). */
function localDaySql(column: string, bounds: { from: number; to: number }, tz: string): string {
  const segments = offsetSegments(bounds.from, bounds.to, tz);
  const offset =
    segments.length === 1
      ? String(segments[0]!.offsetMs)
      : `CASE ${segments
          .slice(1)
          .map((s, i) => `WHEN ${column} < ${s.from} THEN ${segments[i]!.offsetMs}`)
          .join(' ')} ELSE ${segments[segments.length - 1]!.offsetMs} END`;
  return `CAST(floor((${column} + ${offset}) / ${DAY_MS}.0) AS BIGINT)`;
}

// GROUPING() bitmasks shapeSummary reads (see result-shape.ts): money rows GROUPING(currency, code,
// local_day, bill_period); count rows GROUPING(code, termination_code, termination_reason, duration_bucket).
const G_CODE_CURRENCY = 0b0011;
const G_DAY_CURRENCY = 0b0101;
const G_BILL_CURRENCY = 0b0110;
const G_CODE_TERMINATION = 0b0001;
const G_HISTOGRAM = 0b1110;

/**
 * The summary's two row sets (the shape summarySql returns) from the rollups plus the records at the range's
 * edges; both parts are unioned before grouping, so each key comes once. The duration histogram rides on the
 * money rows (h0…hN per billing-increment row); histogramRows turns it into the count rows shapeSummary reads. NULLs are cast: PostgreSQL types a
 * UNION's columns branch by branch.
 */
export function rollupSummarySql(
  bounds: { from: number; to: number },
  tz: string,
  shortCallSeconds: number,
): { money: string; counts: string } {
  const short = DURATION_EDGES.indexOf(shortCallSeconds as (typeof DURATION_EDGES)[number]);
  if (short < 0) throw new Error('shortCallSeconds must be a DURATION_EDGES value');
  const parts = rangeParts(bounds.from, bounds.to);
  const shortSum = BUCKETS.filter((i) => i <= short)
    .map((i) => bucketColumns[i])
    .join(' + ');
  // One row per (code, currency, bill_period) group: rollup rows, then the edge records summed the same way.
  const moneyFacts = `${parts.rollup(
    `code, currency, bill_period, calls, answered, talk, charged, overhead, key_presses,
      cost, base_cost, settle_pay, settled, ${shortSum} AS short_calls, ${bucketColumns.join(', ')}`,
    'rollup_money',
  )}
    UNION ALL
    SELECT code, currency, bill_period, 1, ${answeredInt}, call_duration, charged_duration, overhead_seconds,
      CASE WHEN answered AND feedback_value <> '-1' AND feedback_value <> '' THEN 1 ELSE 0 END,
      cost, base_cost, settle_pay, CASE WHEN settle_pay IS NULL THEN 0 ELSE 1 END,
      CASE WHEN answered AND call_duration < ${shortCallSeconds} THEN 1 ELSE 0 END,
      ${BUCKETS.map((i) => `CASE WHEN answered AND ${bucketCase} = ${i} THEN 1 ELSE 0 END`).join(', ')}
    FROM records WHERE ${parts.edges}`;
  const sums = `sum(calls) AS calls, sum(answered) AS answered, sum(talk) AS talk, sum(charged) AS charged,
      sum(overhead) AS overhead, sum(short_calls) AS short_calls, sum(key_presses) AS key_presses,
      sum(cost) AS cost, sum(base_cost) AS base_cost, sum(settle_pay) AS settle_pay, sum(settled) AS settled,
      ${bucketColumns.map((c, i) => `sum(${c}) AS h${i}`).join(', ')}`;
  const dayFacts = `SELECT currency, ${localDaySql('bucket', bounds, tz)} AS local_day, calls, answered, cost
    FROM rollup_quarter WHERE ${parts.quarters}
    UNION ALL
    SELECT currency, ${localDaySql('submit_at', bounds, tz)}, 1, ${answeredInt}, cost
    FROM records WHERE ${parts.quarterEdges}`;
  const money = `WITH m AS (${moneyFacts})
    SELECT ${G_CODE_CURRENCY} AS g, currency, code, CAST(NULL AS BIGINT) AS local_day, NULL AS bill_period, ${sums}
      FROM m GROUP BY currency, code
    UNION ALL
    SELECT ${G_BILL_CURRENCY}, currency, NULL, NULL, bill_period, ${sums} FROM m GROUP BY currency, bill_period
    UNION ALL
    SELECT ${G_DAY_CURRENCY}, currency, NULL, local_day, NULL, sum(calls), sum(answered), 0, 0, 0, 0, 0,
      sum(cost), 0, NULL, 0, ${BUCKETS.map(() => '0').join(', ')}
      FROM (${dayFacts}) AS d GROUP BY currency, local_day`;
  const counts = `SELECT ${G_CODE_TERMINATION} AS g, code, termination_code, termination_reason,
      CAST(NULL AS INTEGER) AS duration_bucket, sum(calls) AS calls, sum(answered) AS answered
    FROM (${parts.rollup('code, termination_code, termination_reason, calls, answered', 'rollup_counts')}
          UNION ALL
          SELECT code, termination_code, termination_reason, 1, ${answeredInt} FROM records WHERE ${parts.edges}) AS c
    GROUP BY code, termination_code, termination_reason`;
  return { money, counts };
}

/** The histogram count rows (G_HISTOGRAM) from rollupSummarySql's money rows: every call has one billing row. */
export function histogramRows(moneyRows: readonly SqlRow[]): SqlRow[] {
  const totals = BUCKETS.map(() => 0);
  for (const row of moneyRows) {
    if (Number(row.g) !== G_BILL_CURRENCY) continue;
    for (const i of BUCKETS) totals[i]! += Number(row[`h${i}`] ?? 0);
  }
  return BUCKETS.map((i) => ({ g: G_HISTOGRAM, duration_bucket: i, calls: totals[i], answered: totals[i] }));
}

/** Facet rows (the shape facetsSql returns) from the rollups plus the records at the range's edges. */
export function rollupFacetsSql(bounds: { from: number; to: number }): string {
  const parts = rangeParts(bounds.from, bounds.to);
  return `WITH m AS (${parts.rollup('code, currency, calls', 'rollup_money')}
                     UNION ALL SELECT code, currency, 1 FROM records WHERE ${parts.edges}),
    t AS (${parts.rollup('termination_code, termination_reason, calls', 'rollup_counts')}
          UNION ALL SELECT termination_code, termination_reason, 1 FROM records WHERE ${parts.edges})
    SELECT code, NULL AS termination_code, NULL AS termination_reason, NULL AS currency, sum(calls) AS n
      FROM m GROUP BY code
    UNION ALL SELECT NULL, termination_code, termination_reason, NULL, sum(calls) FROM t
      GROUP BY termination_code, termination_reason
    UNION ALL SELECT NULL, NULL, NULL, currency, sum(calls) FROM m GROUP BY currency`;
}

/** Calls per quarter-hour over [from, to): rollup_quarter inside whole quarters, the records at the edges. */
export function quarterCountsSql(bounds: { from: number; to: number }): string {
  const q1 = Math.min(ceilTo(bounds.from, QUARTER_MS), bounds.to);
  const q2 = Math.max(floorTo(bounds.to, QUARTER_MS), q1);
  return `SELECT bucket AS b, sum(calls) AS n FROM rollup_quarter WHERE ${between('bucket', q1, q2)} GROUP BY bucket
    UNION ALL
    SELECT ${startOf(QUARTER_MS)} AS b, count(*) AS n FROM records
    WHERE ${between('submit_at', bounds.from, q1)} OR ${between('submit_at', q2, bounds.to)}
    GROUP BY ${startOf(QUARTER_MS)}`;
}

/** The part of a time-sorted range that holds rows offset … offset+limit-1, and how many of its rows precede them. */
export interface PageSlice {
  from: number;
  to: number;
  skip: number;
}

/**
 * From quarter-hour counts (quarterCountsSql): the range's total and the slice holding the page, so a deep page
 * reads a few quarter-hours of records instead of every row before it. Null slice: the page is past the end.
 */
export function pageSlice(
  counts: readonly SqlRow[],
  bounds: { from: number; to: number },
  direction: 'asc' | 'desc',
  offset: number,
  limit: number,
): { total: number; slice: PageSlice | null } {
  const perQuarter = new Map<number, number>();
  for (const row of counts) {
    const bucket = Number(row.b);
    perQuarter.set(bucket, (perQuarter.get(bucket) ?? 0) + Number(row.n));
  }
  const order = [...perQuarter.keys()].sort((a, b) => (direction === 'asc' ? a - b : b - a));
  const total = order.reduce((sum, bucket) => sum + perQuarter.get(bucket)!, 0);
  let before = 0;
  let first: number | null = null;
  let last: number | null = null;
  let skip = 0;
  for (const bucket of order) {
    const n = perQuarter.get(bucket)!;
    if (first === null && before + n > offset) {
      first = bucket;
      skip = offset - before;
    }
    before += n;
    if (first !== null) {
      last = bucket;
      if (before >= offset + limit) break;
    }
  }
  if (first === null || last === null) return { total, slice: null };
  const [low, high] = direction === 'asc' ? [first, last] : [last, first];
  return {
    total,
    slice: { from: Math.max(bounds.from, low), to: Math.min(bounds.to, high + QUARTER_MS), skip },
  };
}
