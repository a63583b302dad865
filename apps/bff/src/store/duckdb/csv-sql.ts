// DuckDB builds each CSV line itself, so a million-row export crosses into JS as one string per row
// instead of 28 values. The rules are contracts' csv.ts, restated in SQL; a test holds both to identical
// bytes. Local times use contracts' offsetSegments, like the summary's day buckets.
import { DAY_MS, offsetSegments, type RecordCsvColumn } from '@callboard/contracts';
import { COLUMN_SQL } from '../record-schema.js';

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

/** One CSV column's cell as SQL text, never NULL (recordCsvCell in contracts). */
function cellSql(
  { source, kind }: RecordCsvColumn,
  bounds: { from: number; to: number },
  tz: string,
): string {
  const column = COLUMN_SQL[source];
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
      // The upstream's -1 for "no key pressed" is an empty cell.
      const value =
        source === 'feedbackValue' ? `CASE WHEN ${column} = '-1' THEN '' ELSE ${column} END` : column;
      const guarded = `CASE WHEN regexp_matches(${value}, '^[=+\\-@\\t\\r]') AND NOT regexp_matches(${value}, '^[+-]?[0-9]+(\\.[0-9]+)?$')
                            THEN '''' || ${value} ELSE ${value} END`;
      return `coalesce(CASE WHEN regexp_matches(${value}, '[",\\r\\n]') THEN '"' || replace(${guarded}, '"', '""') || '"' ELSE ${guarded} END, '')`;
    }
  }
}

/** A SELECT list yielding one column, `line`: the record's CSV line without its line break. */
export function csvLineSql(
  columns: readonly RecordCsvColumn[],
  bounds: { from: number; to: number },
  tz: string,
): string {
  return `${columns.map((c) => cellSql(c, bounds, tz)).join(" || ',' || ")} AS line`;
}
