// Filters → a WHERE clause with bound parameters. User text never becomes SQL: values are parameters and
// column names come from the COLUMN_SQL allow-list.
import type { ResolvedFilters } from '@callboard/contracts';
import type { DuckDBValue } from '@duckdb/node-api';

export interface SqlFragment {
  sql: string;
  params: DuckDBValue[];
}

type FacetFilter = 'code' | 'terminationCode' | 'currency';

export function whereClause(filters: ResolvedFilters, skip: ReadonlySet<FacetFilter> = new Set()): SqlFragment {
  const clauses: string[] = [];
  const params: DuckDBValue[] = [];
  const add = (sql: string, ...values: DuckDBValue[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  const inList = (column: string, values: string[]) =>
    add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);

  if (filters.from !== null) add('submit_at >= ?', BigInt(filters.from));
  if (filters.to !== null) add('submit_at < ?', BigInt(filters.to));
  if (filters.callee !== null) add('contains(callee, ?)', filters.callee);
  if (filters.codes.length > 0 && !skip.has('code')) inList('code', filters.codes);
  if (filters.terminationCodes.length > 0 && !skip.has('terminationCode')) {
    inList('termination_code', filters.terminationCodes);
  }
  if (filters.currencies.length > 0 && !skip.has('currency')) inList('currency', filters.currencies);
  if (filters.outcome === 'answered') add('answered');
  if (filters.outcome === 'unanswered') add('NOT answered');
  if (filters.minDuration !== null) add('call_duration >= ?', filters.minDuration);
  if (filters.maxDuration !== null) add('call_duration <= ?', filters.maxDuration);
  if (filters.q !== null) {
    const needle = filters.q.toLowerCase();
    add(
      `(contains(lower(voice_id), ?) OR contains(callee, ?) OR contains(lower(display_num), ?) OR contains(lower(code), ?)
        OR contains(lower(termination_code), ?) OR contains(lower(termination_reason), ?) OR contains(lower(called_info), ?))`,
      needle,
      needle.replace(/\D/g, '') || needle,
      needle,
      needle,
      needle,
      needle,
      needle,
    );
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
