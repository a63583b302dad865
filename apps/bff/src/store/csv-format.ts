// CSV lines from column batches, by contracts' one definition of the CSV format (csv.ts there). The
// PostgreSQL store writes its exports through this; DuckDB builds the same bytes in SQL (duckdb/csv-sql.ts).
import {
  createZonedFormatter,
  exportSources,
  type RecordCsvColumn,
  recordCsvLine,
} from '@callboard/contracts';

/** Column-major cells of one batch: `columns[i][r]` is column i of row r. Times are UTC ms, money strings. */
export interface ExportBatch {
  rowCount: number;
  columns: Array<ReadonlyArray<string | number | boolean | null>>;
}

/** A piece of a CSV export: whole lines, each ending in CRLF, and how many records they hold. */
export interface CsvChunk {
  text: string;
  rows: number;
}

/** CSV lines from batches holding the `csvSources(columns)` fields, times shown in `tz`. */
export async function* csvFromBatches(
  batches: AsyncIterable<ExportBatch>,
  columns: readonly RecordCsvColumn[],
  tz: string,
): AsyncIterable<CsvChunk> {
  const sources = exportSources(columns);
  const zoned = createZonedFormatter(tz);
  for await (const batch of batches) {
    let text = '';
    for (let r = 0; r < batch.rowCount; r++) {
      text += recordCsvLine(columns, (id) => batch.columns[sources.indexOf(id)]![r], zoned);
    }
    yield { text, rows: batch.rowCount };
  }
}
