import {
  CSV_BOM,
  columnById,
  createZonedFormatter,
  exportFileName,
  parseInstantOrDate,
  type RecordColumnId,
  type RecordRow,
  recordCsvColumns,
  recordCsvHeader,
  recordCsvLine,
} from '@callboard/contracts';

/** A record field as the CSV definition takes it: times as UTC epoch ms, the rest as the API sent it. */
function csvField(row: RecordRow, id: RecordColumnId) {
  const value = row[id];
  return columnById(id).kind === 'time' && typeof value === 'string' ? Date.parse(value) : value;
}

/**
 * The rows on screen in the columns on screen, written by the same definition as the server's "Export all"
 * (`@callboard/contracts` csv.ts): same headers with the zone, plain numbers, currency beside each amount.
 */
export function buildVisibleCsv(
  rows: readonly RecordRow[],
  columnIds: readonly RecordColumnId[],
  tz: string,
): string {
  const columns = recordCsvColumns(columnIds, tz);
  const zoned = createZonedFormatter(tz);
  return (
    CSV_BOM +
    recordCsvHeader(columns) +
    rows.map((row) => recordCsvLine(columns, (id) => csvField(row, id), zoned)).join('')
  );
}

/** Named like the server's file, after the range the user chose (days in the user's zone) and the page. */
export function visibleCsvFileName(filterParams: URLSearchParams, page: number): string {
  const tz = filterParams.get('tz') ?? 'UTC';
  const bound = (key: 'from' | 'to') => {
    const value = filterParams.get(key);
    return value ? parseInstantOrDate(value, tz) : null;
  };
  return exportFileName(`calls-page-${page}`, { from: bound('from'), to: bound('to'), tz });
}
