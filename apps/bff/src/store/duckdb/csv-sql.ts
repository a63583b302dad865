// DuckDB builds each CSV line itself, so a million-row export crosses into JS as one string per row
// instead of 28 values. The rules are csv-format.ts's, restated in SQL; a test holds both to identical
// bytes. Local times use contracts' offsetSegments, like the summary's day buckets.
import { columnById, offsetSegments, type RecordColumnId } from '@callboard/contracts';
import { COLUMN_SQL } from '../columns.js';

const DAY_MS = 86_400_000;

function offsetCase(column: string, bounds: { from: number; to: number }, tz: string): string {
  // Call, ring and hang-up times trail the submission by minutes: a day either side covers them.
  const segments = offsetSegments(bounds.from - DAY_MS, bounds.to + DAY_MS, tz);
  if (segments.length === 1) return String(segments[0]!.offsetMs);
  const branches = segments
    .slice(1)
    .map((s, i) => `WHEN ${column} < ${s.from} THEN ${segments[i]!.offsetMs}`)
    .join(' ');
  return `CASE ${branches} ELSE ${segments[segments.length - 1]!.offsetMs} END`;
}

/** One column's cell as SQL text, never NULL. */
function cellSql(id: RecordColumnId, bounds: { from: number; to: number }, tz: string): string {
  const column = COLUMN_SQL[id];
  const kind = columnById(id).kind;
  switch (kind) {
    case 'time':
      return `coalesce(strftime(make_timestamp((${column} + ${offsetCase(column, bounds, tz)}) * 1000), '%Y-%m-%d %H:%M:%S'), '')`;
    case 'bool':
      return `CASE WHEN ${column} IS NULL THEN '' WHEN ${column} THEN 'yes' ELSE 'no' END`;
    case 'money':
    case 'decimal': {
      // trimDecimal: "2.50000000" → "2.5", "3.00000000" → "3".
      const text = `rtrim(rtrim(CAST(${column} AS VARCHAR), '0'), '.')`;
      return `coalesce(CASE WHEN ${text} = '-0' THEN '0' ELSE ${text} END, '')`;
    }
    case 'duration':
    case 'seconds':
      return `coalesce(CAST(${column} AS VARCHAR), '')`;
    case 'text': {
      const guarded = `CASE WHEN regexp_matches(${column}, '^[=+\\-@\\t\\r]') AND NOT regexp_matches(${column}, '^[+-]?[0-9]+(\\.[0-9]+)?$')
                            THEN '''' || ${column} ELSE ${column} END`;
      return `coalesce(CASE WHEN regexp_matches(${column}, '[",\\r\\n]') THEN '"' || replace(${guarded}, '"', '""') || '"' ELSE ${guarded} END, '')`;
    }
  }
}

/** A SELECT list yielding one column, `line`: the record's CSV line without its line break. */
export function csvLineSql(columns: readonly RecordColumnId[], bounds: { from: number; to: number }, tz: string): string {
  return `${columns.map((id) => cellSql(id, bounds, tz)).join(" || ',' || ")} AS line`;
}
