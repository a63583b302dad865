// The CSV rules for one cell, written once in JS. DuckDB builds the same cells in SQL for speed
// (duckdb/csv-sql.ts); a test holds the two to byte-identical output.
import { type ColumnKind, columnById, createZonedFormatter, type RecordColumnId } from '@callboard/contracts';
import type { ExportBatch } from './record-store.js';

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

/** A piece of a CSV export: whole lines, each ending in CRLF, and how many records they hold. */
export interface CsvChunk {
  text: string;
  rows: number;
}

/** CSV lines from column batches, times shown in `tz`. */
export async function* csvFromBatches(
  batches: AsyncIterable<ExportBatch>,
  columns: readonly RecordColumnId[],
  tz: string,
): AsyncIterable<CsvChunk> {
  const kinds = columns.map((id) => columnById(id).kind);
  const zoned = createZonedFormatter(tz);
  for await (const batch of batches) {
    let text = '';
    for (let r = 0; r < batch.rowCount; r++) {
      let line = '';
      for (let c = 0; c < columns.length; c++) {
        if (c > 0) line += ',';
        line += csvCell(batch.columns[c]![r] ?? null, kinds[c]!, zoned);
      }
      text += `${line}\r\n`;
    }
    yield { text, rows: batch.rowCount };
  }
}
