import { columnById, createZonedFormatter, type RecordColumnId, type RecordRow } from '@callboard/contracts';
import { buildCsv } from '@/lib/csv';
import { exportCell } from './format-cell';

/** Exactly the rows and columns on screen, in on-screen order and formatting. */
export function buildVisibleCsv(
  rows: readonly RecordRow[],
  columns: readonly RecordColumnId[],
  tz: string,
): string {
  const zoned = createZonedFormatter(tz);
  return buildCsv(
    columns.map((id) => columnById(id).label),
    rows.map((row) => columns.map((id) => exportCell(row, id, zoned))),
  );
}
