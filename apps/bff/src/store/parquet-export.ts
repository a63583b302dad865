// Parquet files of records for analysts: typed columns (timestamps as UTC instants, money as DECIMAL(18,8),
// durations as integers), named by the API's column ids, the same rows and order as the CSV export. DuckDB
// writes the file: straight from its records table, or (PostgreSQL) from the export's row batches loaded into
// an in-memory DuckDB first. Its COPY writes a file, so the route streams that file and then removes it.
import { columnById, type RecordColumnId } from '@callboard/contracts';
import { type DuckDBAppender, DuckDBInstance } from '@duckdb/node-api';
import type { ExportBatch } from './csv-format.js';

/** `column` holds epoch ms, exact decimals (as DECIMAL or as text), integers, booleans or text. */
function typed(id: RecordColumnId, column: string): string {
  const kind = columnById(id).kind;
  switch (kind) {
    case 'time':
      return `epoch_ms(${column})::TIMESTAMPTZ`;
    case 'money':
    case 'decimal':
      return `CAST(${column} AS DECIMAL(18,8))`;
    case 'duration':
    case 'seconds':
      return `CAST(${column} AS INTEGER)`;
    case 'bool':
      return `CAST(${column} AS BOOLEAN)`;
    case 'text':
      // The upstream's -1 for "no key pressed" is no value, as in the CSV (an empty cell) and on screen.
      return id === 'feedbackValue' ? `NULLIF(${column}, '-1')` : column;
  }
}

/** The SELECT list of a Parquet export, each column named by its API id. */
export function parquetSelectList(sources: readonly RecordColumnId[], column: (id: RecordColumnId) => string): string {
  return sources.map((id) => `${typed(id, column(id))} AS "${id}"`).join(', ');
}

export const PARQUET_OPTIONS = "(FORMAT PARQUET, COMPRESSION zstd, ROW_GROUP_SIZE 122880)";

const STAGE_TYPES: Record<string, string> = {
  time: 'BIGINT',
  money: 'VARCHAR',
  decimal: 'VARCHAR',
  duration: 'INTEGER',
  seconds: 'INTEGER',
  bool: 'BOOLEAN',
  text: 'VARCHAR',
};

/** Writes batches (column-major, as RecordStore.exportRows yields them) to a Parquet file; returns the rows. */
export async function writeParquetFromBatches(
  batches: AsyncIterable<ExportBatch>,
  sources: readonly RecordColumnId[],
  file: string,
): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '256MB', threads: '1' });
  const connection = await instance.connect();
  try {
    const names = sources.map((_, i) => `c${i}`);
    await connection.run(
      `CREATE TABLE stage (seq BIGINT, ${sources.map((id, i) => `${names[i]} ${STAGE_TYPES[columnById(id).kind]}`).join(', ')})`,
    );
    const appender = await connection.createAppender('stage');
    let rows = 0;
    for await (const batch of batches) {
      for (let r = 0; r < batch.rowCount; r++) appendRow(appender, BigInt(rows + r), sources, batch, r);
      rows += batch.rowCount;
      appender.flushSync();
    }
    appender.closeSync();
    const select = parquetSelectList(sources, (id) => names[sources.indexOf(id)]!);
    await connection.run(`COPY (SELECT ${select} FROM stage ORDER BY seq) TO '${file.replaceAll("'", "''")}' ${PARQUET_OPTIONS}`);
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function appendRow(a: DuckDBAppender, seq: bigint, sources: readonly RecordColumnId[], batch: ExportBatch, r: number): void {
  a.appendBigInt(seq);
  sources.forEach((id, c) => {
    const value = batch.columns[c]![r];
    if (value === null || value === undefined) return a.appendNull();
    switch (STAGE_TYPES[columnById(id).kind]) {
      case 'BIGINT':
        return a.appendBigInt(BigInt(Math.round(Number(value))));
      case 'INTEGER':
        return a.appendInteger(Number(value));
      case 'BOOLEAN':
        return a.appendBoolean(Boolean(value));
      default:
        return a.appendVarchar(String(value));
    }
  });
  a.endRow();
}
