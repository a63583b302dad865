import { type ColumnKind, columnById, createZonedFormatter, type RecordColumnId, type ResolvedFilters } from '@callboard/contracts';

type ZonedFormatter = ReturnType<typeof createZonedFormatter>;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, except plain numbers such as `-1` or a `+`-prefixed phone number, which stay readable as numbers.
 */
export function csvCell(value: string | number | boolean | null, kind: ColumnKind, zoned: ZonedFormatter): string {
  if (value === null || value === '') return '';
  let text: string;
  if (kind === 'time') text = zoned.dateTime(Number(value));
  else if (kind === 'bool') text = value ? 'yes' : 'no';
  else text = String(value);
  if (kind === 'text' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

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
