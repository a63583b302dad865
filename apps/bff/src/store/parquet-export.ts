// Parquet files of records for analysts: typed columns (timestamps as UTC instants, money as DECIMAL(18,8),
// durations as integers), named by the API's column ids, the same rows and order as the CSV export. DuckDB
// writes the file: straight from its records table, or (PostgreSQL) from the export's row batches loaded into
// an in-memory DuckDB first. Its COPY writes a file, so the route streams that file and then removes it.
import path from 'node:path';
import { columnById, type RecordColumnId } from '@callboard/contracts';
import { type DuckDBAppender, DuckDBInstance } from '@duckdb/node-api';
import type { ExportBatch } from './csv-format.js';
import { RECORD_FIELDS, type StoredKind } from './record-schema.js';

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
export function parquetSelectList(
  sources: readonly RecordColumnId[],
  column: (id: RecordColumnId) => string,
): string {
  return sources.map((id) => `${typed(id, column(id))} AS "${id}"`).join(', ');
}

export const PARQUET_OPTIONS = '(FORMAT PARQUET, COMPRESSION zstd, ROW_GROUP_SIZE 122880)';

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
    await connection.run(
      `COPY (SELECT ${select} FROM stage ORDER BY seq) TO '${file.replaceAll("'", "''")}' ${PARQUET_OPTIONS}`,
    );
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function appendRow(
  a: DuckDBAppender,
  seq: bigint,
  sources: readonly RecordColumnId[],
  batch: ExportBatch,
  r: number,
): void {
  a.appendBigInt(seq);
  sources.forEach((id, c) => {
    const value = batch.columns[c]![r];
    const type = STAGE_TYPES[columnById(id).kind];
    if (value === null || value === undefined) a.appendNull();
    else if (type === 'BIGINT') a.appendBigInt(BigInt(Math.round(Number(value))));
    else if (type === 'INTEGER') a.appendInteger(Number(value));
    else if (type === 'BOOLEAN') a.appendBoolean(Boolean(value));
    else a.appendVarchar(String(value));
  });
  a.endRow();
}

// ---- archive snapshots (backups): the stored columns as they are, not the API's view ----------------------

/** DuckDB types of the stored columns, by kind (record-schema.ts): a snapshot keeps them exactly. */
const ARCHIVE_TYPES: Record<StoredKind, string> = {
  text: 'VARCHAR',
  instant: 'BIGINT',
  int: 'INTEGER',
  money: 'DECIMAL(18,8)',
  bool: 'BOOLEAN',
};

export const ARCHIVE_FILES = { records: 'records.parquet', windows: 'sync_windows.parquet' } as const;

const LEDGER_COLUMNS = [
  ['window_from', 'BIGINT'],
  ['window_to', 'BIGINT'],
  ['covered_to', 'BIGINT'],
  ['state', 'VARCHAR'],
  ['upstream_total', 'INTEGER'],
  ['stored', 'INTEGER'],
  ['pages', 'INTEGER'],
  ['passes', 'INTEGER'],
  ['synced_at', 'BIGINT'],
  ['error', 'VARCHAR'],
] as const;
export const LEDGER_COLUMN_NAMES = LEDGER_COLUMNS.map(([name]) => name);

const quoted = (file: string) => `'${file.replaceAll("'", "''")}'`;

/** `COPY … TO` statements writing the records and the ledger of the connection's snapshot into `dir`. */
export function archiveCopySql(dir: string): string[] {
  const columns = RECORD_FIELDS.map((f) => f.column).join(', ');
  return [
    `COPY (SELECT ${columns} FROM records ORDER BY voice_id) TO ${quoted(path.join(dir, ARCHIVE_FILES.records))} ${PARQUET_OPTIONS}`,
    `COPY (SELECT ${LEDGER_COLUMN_NAMES.join(', ')} FROM sync_windows ORDER BY window_from) TO ${quoted(path.join(dir, ARCHIVE_FILES.windows))} ${PARQUET_OPTIONS}`,
  ];
}

/** A snapshot written from rows fetched elsewhere (PostgreSQL): the same files, the same column types. */
export async function writeArchiveFiles(
  dir: string,
  records: AsyncIterable<unknown[][]>,
  windows: unknown[][],
): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '256MB', threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run(
      `CREATE TABLE records (${RECORD_FIELDS.map((f) => `${f.column} ${ARCHIVE_TYPES[f.kind]}`).join(', ')})`,
    );
    await connection.run(
      `CREATE TABLE sync_windows (${LEDGER_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`,
    );
    const appender = await connection.createAppender('records');
    for await (const batch of records) {
      for (const row of batch) {
        RECORD_FIELDS.forEach((f, i) => {
          appendArchiveValue(appender, f.kind, row[i]);
        });
        appender.endRow();
      }
      appender.flushSync();
    }
    appender.closeSync();
    const ledger = await connection.createAppender('sync_windows');
    for (const row of windows) {
      LEDGER_COLUMNS.forEach(([, type], i) => {
        appendArchiveValue(
          ledger,
          type === 'VARCHAR' ? 'text' : type === 'BIGINT' ? 'instant' : 'int',
          row[i],
        );
      });
      ledger.endRow();
    }
    ledger.closeSync();
    for (const sql of archiveCopySql(dir)) await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function appendArchiveValue(a: DuckDBAppender, kind: StoredKind, value: unknown): void {
  if (value === null || value === undefined) a.appendNull();
  else if (kind === 'instant') a.appendBigInt(BigInt(String(value)));
  else if (kind === 'int') a.appendInteger(Number(value));
  else if (kind === 'bool') a.appendBoolean(Boolean(value));
  // Money goes as its decimal text, cast exactly by DuckDB, never through a float.
  else a.appendVarchar(String(value));
}

/** Reads a snapshot's files in batches of rows (stored columns, in RECORD_FIELDS / ledger order). */
export async function* readArchiveFiles(
  dir: string,
  table: 'records' | 'windows',
  batchSize = 5_000,
): AsyncIterable<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '256MB', threads: '1' });
  const connection = await instance.connect();
  try {
    const file = path.join(dir, table === 'records' ? ARCHIVE_FILES.records : ARCHIVE_FILES.windows);
    const columns =
      table === 'records'
        ? RECORD_FIELDS.map((f) =>
            f.kind === 'money'
              ? `CAST(${f.column} AS VARCHAR)`
              : f.kind === 'instant'
                ? `CAST(${f.column} AS VARCHAR)`
                : f.column,
          )
        : LEDGER_COLUMN_NAMES.map((n) =>
            n === 'window_from' || n === 'window_to' || n === 'covered_to' || n === 'synced_at'
              ? `CAST(${n} AS VARCHAR)`
              : n,
          );
    const result = await connection.stream(`SELECT ${columns.join(', ')} FROM read_parquet(${quoted(file)})`);
    let batch: unknown[][] = [];
    while (true) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.getRows()) {
        batch.push(row as unknown[]);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
