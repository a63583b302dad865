import { columnById, createZonedFormatter, type RecordColumnId, type ResolvedFilters } from '@callboard/contracts';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvHeader(columns: readonly RecordColumnId[], tz: string): string {
  return columns
    .map((id) => {
      const column = columnById(id);
      if (column.kind === 'time') return `${column.label} (${tz})`;
      if (column.kind === 'duration' || column.kind === 'seconds') return `${column.label} (s)`;
      return column.label;
    })
    .map((label) => (NEEDS_QUOTES.test(label) ? `"${label.replaceAll('"', '""')}"` : label))
    .join(',');
}

/** `callboard-calls_2026-11-01_to_2026-11-28_Europe-London.csv`: the range and zone, in the zone's days. */
export function csvFileName(filters: ResolvedFilters): string {
  const zoned = createZonedFormatter(filters.tz);
  const from = filters.from === null ? 'start' : zoned.day(filters.from);
  const to = filters.to === null ? 'now' : zoned.day(filters.to - 1);
  const zone = filters.tz.replace(/[^\w+-]+/g, '-');
  return `callboard-calls_${from}_to_${to}_${zone}.csv`;
}
