// The embedded store: one DuckDB file. Chosen over SQLite from the figures in shared/perf-facts.md: DuckDB
// answers any dashboard aggregate with any filter in milliseconds and runs queries off the event loop,
// where SQLite needs a 0.3–2.4 s synchronous scan per chart set.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  DAY_MS,
  type RecordColumnId,
  type RecordCsvColumn,
  type RecordDetail,
  type ResolvedFilters,
  type Sort,
  trimDecimal,
} from '@callboard/contracts';
import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { CsvChunk, ExportBatch } from '../csv-format.js';
import {
  ARCHIVE_FILES,
  archiveCopySql,
  LEDGER_COLUMN_NAMES,
  PARQUET_OPTIONS,
  parquetSelectList,
} from '../parquet-export.js';
import { facetsSql, orderBy, type SqlDialect, summaryBounds, summarySql, whereClause } from '../query-sql.js';
import { ReaderPool } from '../reader-pool.js';
import type { StoredRecord } from '../record-mapping.js';
import { COLUMN_SQL, MONEY_SQL_COLUMNS, RECORD_FIELDS } from '../record-schema.js';
import type {
  ArchiveTotals,
  FacetFigures,
  LedgerWindow,
  RecordStore,
  StoreStats,
  SummaryFigures,
} from '../record-store.js';
import {
  readArchiveTotals,
  readStats,
  type SqlRow,
  shapeFacets,
  shapeSummary,
  toLedgerWindow,
  toRecordDetail,
  toRecordRow,
} from '../result-shape.js';
import { csvLineSql } from './csv-sql.js';
import { MIGRATIONS } from './migrations.js';

/** Staging mirrors records (plus an arrival order); money stays text until the merge casts it exactly. */
const STAGING_COLUMNS = [
  'seq BIGINT',
  ...RECORD_FIELDS.map(
    (f) =>
      `${f.column} ${f.kind === 'money' || f.kind === 'text' ? 'VARCHAR' : f.kind === 'bool' ? 'BOOLEAN' : f.kind === 'int' ? 'INTEGER' : 'BIGINT'}`,
  ),
].join(', ');
const RECORD_INSERT_COLUMNS = RECORD_FIELDS.map((f) => f.column);

/** Rows are merged from staging into `records` once this many are waiting, or when a window is saved. */
const MERGE_THRESHOLD = 20_000;
/** Appender flushes are synchronous; small slices keep each one far below the 50 ms event-loop budget. */
const APPEND_SLICE = 500;
/** Rows appended between synchronous appender flushes (~70 ms per 17,000 rows measured, so ~8 ms here). */
const FLUSH_ROWS = 2_000;

const DUCKDB_SQL: SqlDialect = {
  placeholder: () => '?',
  contains: (column, placeholder) => `contains(${column}, ${placeholder})`,
  containsParam: (needle) => needle,
  epochMs: (ms) => BigInt(ms),
};
const where = (filters: ResolvedFilters) => {
  const fragment = whereClause(DUCKDB_SQL, filters);
  return { sql: fragment.sql, params: fragment.params as DuckDBValue[] };
};

/**
 * A time-sorted export runs as consecutive slices of whole UTC days holding at most this many rows each
 * (a busier day is a slice of its own): DuckDB sorts a slice, not the whole range, so the first rows leave
 * at once and memory follows the slice, not the export.
 */
const EXPORT_SLICE_ROWS = 100_000;

/** The export's filters cut into time slices in the sort's order; other sorts need the one global sort. */
async function exportSlices(
  connection: DuckDBConnection,
  filters: ResolvedFilters,
  sort: Sort,
  sliceRows: number,
): Promise<ResolvedFilters[]> {
  if (sort.field !== 'submitTime') return [filters];
  const filter = where(filters);
  const days = await connection.runAndReadAll(
    `SELECT submit_at // ${DAY_MS} AS day, count(*) AS n FROM records ${filter.sql} GROUP BY day ORDER BY day`,
    filter.params,
  );
  const slices: Array<{ from: number; to: number; rows: number }> = [];
  for (const row of days.getRowObjectsJson()) {
    const from = Number(row.day) * DAY_MS;
    const rows = Number(row.n);
    const last = slices.at(-1);
    if (last && last.to === from && last.rows + rows <= sliceRows) {
      last.to = from + DAY_MS;
      last.rows += rows;
    } else slices.push({ from, to: from + DAY_MS, rows });
  }
  // Gaps between slices hold no matching rows; each slice keeps the caller's own range inside it.
  const cut = slices.map((slice) => ({
    ...filters,
    from: Math.max(slice.from, filters.from ?? slice.from),
    to: Math.min(slice.to, filters.to ?? slice.to),
  }));
  return sort.direction === 'desc' ? cut.reverse() : cut;
}

export interface DuckDbStoreOptions {
  /** Directory for the database file. */
  dataDir: string;
  fileName?: string;
  readConnections?: number;
  /** A read query running longer is interrupted (QueryTimeoutError); 15 s by default. */
  queryTimeoutMs?: number;
  /** Rows per slice of a time-sorted CSV export (EXPORT_SLICE_ROWS); tests cut small stores into many. */
  exportSliceRows?: number;
  memoryLimit?: string;
  threads?: number;
  checkpointThreshold?: string;
}

/** Serialises work on the single writer connection. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class DuckDbStore implements RecordStore {
  readonly engine = 'duckdb';
  private readonly writeLock = new Mutex();
  private staged = 0;
  private appender: DuckDBAppender | null = null;
  /** voiceIds waiting in staging: the merge deduplicates (a window function) only when one came twice. */
  private readonly stagedIds = new Set<string>();
  private stagedDuplicates = false;
  private unflushed = 0;
  private seq = 0n;
  private version = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: ReaderPool<DuckDBConnection>,
    private readonly exportSliceRows: number,
  ) {}

  static async open(options: DuckDbStoreOptions): Promise<DuckDbStore> {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(options.dataDir, options.fileName ?? 'callboard.duckdb');
    const instance = await DuckDBInstance.create(file, {
      // Bounds the process: the sync's peak RSS target is 600 MB; DuckDB spills to disk beyond this.
      memory_limit: options.memoryLimit ?? '512MB',
      threads: String(options.threads ?? 2),
      // Commits of a backfill write ~20 MB of WAL a minute; checkpointing every 16 MB (the default) made COMMIT
      // the largest single cost of a sync. Checkpoints still run, just less often, and on close.
      checkpoint_threshold: options.checkpointThreshold ?? '256MB',
    });
    const writer = await instance.connect();
    await migrate(writer);
    await writer.run(`CREATE OR REPLACE TEMP TABLE staging (${STAGING_COLUMNS})`);
    const readers = await Promise.all(
      Array.from({ length: options.readConnections ?? 4 }, () => instance.connect()),
    );
    return new DuckDbStore(
      instance,
      writer,
      new ReaderPool(readers, options.queryTimeoutMs ?? 15_000),
      options.exportSliceRows ?? EXPORT_SLICE_ROWS,
    );
  }

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<SqlRow[]> {
    return this.readers.run(async (connection) => {
      const result = await connection.runAndReadAll(sql, params);
      return result.getRowObjectsJson() as SqlRow[];
    });
  }

  // ---- writes -------------------------------------------------------------------------------------

  upsertRecords(records: StoredRecord[]): Promise<void> {
    return this.writeLock.run(async () => {
      // One appender stays open across pages until the next merge: creating and closing one per page cost
      // more than the rows themselves (24k rows/s per-page vs 84k rows/s kept open, measured in bench/).
      // Appending is synchronous, so rows go in slices with a yield between them.
      this.appender ??= await this.writer.createAppender('staging', 'main', 'temp');
      const appender = this.appender;
      for (let start = 0; start < records.length; start += APPEND_SLICE) {
        const end = Math.min(records.length, start + APPEND_SLICE);
        for (let i = start; i < end; i++) {
          const record = records[i]!;
          if (this.stagedIds.has(record.voiceId)) this.stagedDuplicates = true;
          else this.stagedIds.add(record.voiceId);
          appendRecord(appender, ++this.seq, record);
        }
        this.staged += end - start;
        this.unflushed += end - start;
        // A flush copies rows into the staging table synchronously: in small batches it stays a few ms.
        if (this.unflushed >= FLUSH_ROWS) {
          appender.flushSync();
          this.unflushed = 0;
        }
        if (end < records.length) await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.staged >= MERGE_THRESHOLD) await this.mergeStaged();
    });
  }

  /** Moves staged rows into `records`, replacing older versions of the same voiceId. Writer lock held. */
  private async mergeStaged(extra?: { sql: string; params: DuckDBValue[] }): Promise<void> {
    if (this.appender) {
      this.appender.closeSync();
      this.appender = null;
      this.unflushed = 0;
    }
    if (this.staged === 0 && !extra) return;
    await this.writer.run('BEGIN TRANSACTION');
    try {
      if (this.staged > 0) {
        await this.writer.run(
          'DELETE FROM records WHERE voice_id IN (SELECT voice_id FROM temp.main.staging)',
        );
        await this.writer.run(`
          INSERT INTO records (${RECORD_INSERT_COLUMNS.join(', ')})
          SELECT ${RECORD_INSERT_COLUMNS.map((c) => (MONEY_SQL_COLUMNS.has(c) ? `CAST(${c} AS DECIMAL(18,8))` : c)).join(', ')}
          FROM temp.main.staging
          ${this.stagedDuplicates ? 'QUALIFY row_number() OVER (PARTITION BY voice_id ORDER BY seq DESC) = 1' : ''}`);
        await this.writer.run('DELETE FROM temp.main.staging');
      }
      if (extra) await this.writer.run(extra.sql, extra.params);
      await this.writer.run('COMMIT');
      this.version++;
      this.staged = 0;
      this.stagedIds.clear();
      this.stagedDuplicates = false;
    } catch (error) {
      await this.writer.run('ROLLBACK');
      // Drop the batch that failed: its window stays unsaved and is read again, and later writes are not
      // stuck retrying the same rows.
      await this.writer.run('DELETE FROM temp.main.staging');
      this.staged = 0;
      this.stagedIds.clear();
      this.stagedDuplicates = false;
      throw error;
    }
  }

  /** Saves a ledger row in the same transaction as the window's last records: complete means stored. */
  saveWindow(window: LedgerWindow): Promise<void> {
    return this.writeLock.run(() =>
      this.mergeStaged({
        sql: `INSERT OR REPLACE INTO sync_windows
              (window_from, window_to, covered_to, state, upstream_total, stored, pages, passes, synced_at, error)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
          BigInt(window.from),
          BigInt(window.to),
          BigInt(window.coveredTo),
          window.state,
          window.upstreamTotal,
          window.stored,
          window.pages,
          window.passes,
          BigInt(window.syncedAt),
          window.error,
        ],
      }),
    );
  }

  deleteBefore(before: number): Promise<number> {
    return this.writeLock.run(async () => {
      await this.mergeStaged();
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const deleted = await this.writer.run('DELETE FROM records WHERE submit_at < ?', [BigInt(before)]);
        await this.writer.run('DELETE FROM sync_windows WHERE window_to <= ?', [BigInt(before)]);
        await this.writer.run('COMMIT');
        this.version++;
        return Number(deleted.rowsChanged);
      } catch (error) {
        await this.writer.run('ROLLBACK');
        throw error;
      }
    });
  }

  // ---- reads --------------------------------------------------------------------------------------

  async countBetween(from: number, to: number): Promise<number> {
    await this.writeLock.run(() => this.mergeStaged());
    const [row] = await this.rows(
      'SELECT count(DISTINCT voice_id) AS n FROM records WHERE submit_at >= ? AND submit_at < ?',
      [BigInt(from), BigInt(to)],
    );
    return Number(row?.n ?? 0);
  }

  async windowsBetween(from: number, to: number): Promise<LedgerWindow[]> {
    const rows = await this.rows(
      'SELECT * FROM sync_windows WHERE window_to > ? AND window_from < ? ORDER BY window_from',
      [BigInt(from), BigInt(to)],
    );
    return rows.map(toLedgerWindow);
  }

  async queryRecords(filters: ResolvedFilters, sort: Sort, page: number, pageSize: number) {
    const filter = where(filters);
    const [rows, counts] = await Promise.all([
      // Two phases: sort and skip only (sort key, rowid), then read the page's full rows. Sorting whole rows made
      // a deep page of a month cost ~540 ms on 1M records; this way it is ~65 ms, and page 1 halves too.
      this.rows(
        `SELECT * FROM records WHERE rowid IN (
           SELECT rowid FROM records ${filter.sql} ORDER BY ${orderBy(sort)} LIMIT ? OFFSET ?)
         ORDER BY ${orderBy(sort)}`,
        [...filter.params, pageSize, (page - 1) * pageSize],
      ),
      this.rows(`SELECT count(*) AS n FROM records ${filter.sql}`, filter.params),
    ]);
    return { rows: rows.map(toRecordRow), total: Number(counts[0]?.n ?? 0) };
  }

  async getRecord(voiceId: string): Promise<RecordDetail | null> {
    const [row] = await this.rows('SELECT * FROM records WHERE voice_id = ? LIMIT 1', [voiceId]);
    if (!row) return null;
    return toRecordDetail(row);
  }

  async summary(filters: ResolvedFilters, shortCallSeconds: number): Promise<SummaryFigures> {
    const filter = where(filters);
    const bounds = await summaryBounds(filters, () => this.stats());
    const sql = summarySql(filter, bounds, filters.tz, shortCallSeconds);
    // Two reader connections: the money and count scans run at the same time.
    const [money, counts] = await Promise.all([
      this.rows(sql.money, filter.params),
      this.rows(sql.counts, filter.params),
    ]);
    return shapeSummary(money, counts, filters.tz, bounds);
  }

  async facets(filters: ResolvedFilters): Promise<FacetFigures> {
    const facets = facetsSql(DUCKDB_SQL, filters);
    return shapeFacets(await this.rows(facets.sql, facets.params as DuckDBValue[]));
  }

  async *exportRows(
    filters: ResolvedFilters,
    sort: Sort,
    columns: readonly RecordColumnId[],
  ): AsyncIterable<ExportBatch> {
    const filter = where(filters);
    const select = columns.map((id) => {
      const column = COLUMN_SQL[id];
      if (MONEY_SQL_COLUMNS.has(column)) return `CAST(${column} AS VARCHAR)`;
      if (column.endsWith('_at')) return `CAST(${column} AS DOUBLE)`;
      return column;
    });
    const { connection, done } = await this.readers.hold();
    try {
      const result = await connection.stream(
        `SELECT ${select.join(', ')} FROM records ${filter.sql} ORDER BY ${orderBy(sort)}`,
        filter.params,
      );
      while (true) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const cells = chunk.getColumns() as Array<Array<string | number | boolean | null>>;
        yield {
          rowCount: chunk.rowCount,
          columns: cells.map((values, i) =>
            MONEY_SQL_COLUMNS.has(COLUMN_SQL[columns[i]!])
              ? values.map((v) => (v === null ? null : trimDecimal(String(v))))
              : values,
          ),
        };
      }
    } finally {
      done();
    }
  }

  async *exportCsv(
    filters: ResolvedFilters,
    sort: Sort,
    columns: readonly RecordCsvColumn[],
  ): AsyncIterable<CsvChunk> {
    const bounds = await summaryBounds(filters, () => this.stats());
    const line = csvLineSql(columns, bounds, filters.tz);
    const { connection, done } = await this.readers.hold();
    try {
      // One read transaction: every slice sees the same snapshot, as one query would.
      await connection.run('BEGIN TRANSACTION');
      try {
        for (const slice of await exportSlices(connection, filters, sort, this.exportSliceRows)) {
          const filter = where(slice);
          const result = await connection.stream(
            `SELECT ${line} FROM records ${filter.sql} ORDER BY ${orderBy(sort)}`,
            filter.params,
          );
          while (true) {
            const chunk = await result.fetchChunk();
            if (!chunk || chunk.rowCount === 0) break;
            const lines = chunk.getColumns()[0] as string[];
            yield { text: `${lines.join('\r\n')}\r\n`, rows: chunk.rowCount };
          }
        }
      } finally {
        await connection.run('COMMIT');
      }
    } finally {
      done();
    }
  }

  async exportParquet(
    filters: ResolvedFilters,
    sort: Sort,
    sources: readonly RecordColumnId[],
    file: string,
  ): Promise<number> {
    const filter = where(filters);
    const { connection, done } = await this.readers.hold();
    try {
      const select = parquetSelectList(sources, (id) => COLUMN_SQL[id]);
      const result = await connection.run(
        `COPY (SELECT ${select} FROM records ${filter.sql} ORDER BY ${orderBy(sort)}) TO '${file.replaceAll("'", "''")}' ${PARQUET_OPTIONS}`,
        filter.params,
      );
      return Number(result.rowsChanged);
    } finally {
      done();
    }
  }

  /** One read transaction on one connection: the records and the ledger of the same moment. */
  async snapshotTo(dir: string): Promise<void> {
    const { connection, done } = await this.readers.hold();
    try {
      await connection.run('BEGIN TRANSACTION');
      try {
        for (const sql of archiveCopySql(dir)) await connection.run(sql);
      } finally {
        await connection.run('COMMIT');
      }
    } finally {
      done();
    }
  }

  restoreFrom(dir: string): Promise<void> {
    return this.writeLock.run(async () => {
      await this.mergeStaged();
      const [held] = await this.rows('SELECT count(*) AS n FROM records');
      if (Number(held?.n ?? 0) > 0)
        throw new Error('restore: the store already holds records; restore into an empty one');
      const file = (name: string) => `'${path.join(dir, name).replaceAll("'", "''")}'`;
      const columns = RECORD_FIELDS.map((f) => f.column).join(', ');
      await this.writer.run('BEGIN TRANSACTION');
      try {
        await this.writer.run(
          `INSERT INTO records (${columns}) SELECT ${columns} FROM read_parquet(${file(ARCHIVE_FILES.records)})`,
        );
        await this.writer.run(
          `INSERT INTO sync_windows (${LEDGER_COLUMN_NAMES.join(', ')}) SELECT ${LEDGER_COLUMN_NAMES.join(', ')} FROM read_parquet(${file(ARCHIVE_FILES.windows)})`,
        );
        await this.writer.run('COMMIT');
        this.version++;
      } catch (error) {
        await this.writer.run('ROLLBACK');
        throw error;
      }
    });
  }

  archiveTotals(): Promise<ArchiveTotals> {
    return readArchiveTotals((sql) => this.rows(sql));
  }

  stats(): Promise<StoreStats> {
    return readStats((sql) => this.rows(sql));
  }

  async ping(): Promise<void> {
    await this.rows('SELECT 1 AS ok');
  }

  dataVersion(): number {
    return this.version;
  }

  async close(): Promise<void> {
    await this.writeLock.run(() => this.mergeStaged());
    for (const connection of [...this.readers.all, this.writer]) connection.closeSync();
    this.instance.closeSync();
  }
}

async function migrate(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const applied = new Set(
    (await connection.runAndReadAll('SELECT version FROM schema_migrations'))
      .getRows()
      .map((r) => Number(r[0])),
  );
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await connection.run('BEGIN TRANSACTION');
    try {
      await connection.run(migration.sql);
      await connection.run('INSERT INTO schema_migrations VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        BigInt(Date.now()),
      ]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK');
      throw error;
    }
  }
}

/** Appends one record to staging: seq, then every field in RECORD_FIELDS order. */
function appendRecord(a: DuckDBAppender, seq: bigint, r: StoredRecord): void {
  a.appendBigInt(seq);
  for (const field of RECORD_FIELDS) {
    const value = r[field.field];
    if (value === null) {
      a.appendNull();
      continue;
    }
    switch (field.kind) {
      case 'text':
      case 'money':
        a.appendVarchar(value as string);
        break;
      case 'instant':
        a.appendBigInt(BigInt(value as number));
        break;
      case 'int':
        a.appendInteger(value as number);
        break;
      case 'bool':
        a.appendBoolean(value as boolean);
        break;
    }
  }
  a.endRow();
}
