// The server store: PostgreSQL, for several BFF replicas on one database. Same schema, same SQL text
// (query-sql.ts) and the same result shaping (result-shape.ts) as DuckDB, so every answer is identical;
// only placeholders, substring search and one DOUBLE expression differ (POSTGRES_SQL below).
import {
  DAY_MS,
  exportSources,
  type RecordColumnId,
  type RecordCsvColumn,
  type RecordDetail,
  type ResolvedFilters,
  type Sort,
  trimDecimal,
} from '@callboard/contracts';
import Cursor from 'pg-cursor';
import { answerFacets, answerSummary, rollupPagePlan } from '../answers.js';
import { type CsvChunk, csvFromBatches, type ExportBatch } from '../csv-format.js';
import {
  LEDGER_COLUMN_NAMES,
  readArchiveFiles,
  writeArchiveFiles,
  writeParquetFromBatches,
} from '../parquet-export.js';
import {
  type CalleeMatches,
  calleeLookupSql,
  facetsSql,
  orderBy,
  type SqlDialect,
  toCalleeMatches,
  whereClause,
} from '../query-sql.js';
import type { StoredRecord } from '../record-mapping.js';
import {
  COLUMN_SQL,
  MONEY_SQL_COLUMNS,
  RECORD_FIELDS,
  type StoredKind,
  TIME_SQL_COLUMNS,
} from '../record-schema.js';
import {
  type ArchiveTotals,
  type FacetFigures,
  type LedgerWindow,
  QueryTimeoutError,
  type RecordStore,
  type StoreStats,
  type SummaryFigures,
} from '../record-store.js';
import {
  readArchiveTotals,
  readStats,
  type SqlRow,
  toLedgerWindow,
  toRecordDetail,
  toRecordRow,
} from '../result-shape.js';
import { refreshAllRollupsSql, refreshRollupsSql, retentionRollupsSql, utcDaysOf } from '../rollup-sql.js';
import { type PostgresDatabase, withTransaction } from './postgres-database.js';

const escapeLike = (needle: string) => needle.replace(/[\\%_]/g, (c) => `\\${c}`);

const POSTGRES_SQL: SqlDialect = {
  placeholder: (n) => `$${n}`,
  contains: (column, placeholder) => `${column} LIKE ${placeholder} ESCAPE '\\'`,
  containsParam: (needle) => `%${escapeLike(needle)}%`,
  epochMs: (ms) => ms,
};

/** The PostgreSQL type of each column's parameter array in the batch upsert (unnest). */
const ARRAY_TYPES: Record<StoredKind, string> = {
  text: 'text',
  instant: 'bigint',
  int: 'integer',
  money: 'numeric',
  bool: 'boolean',
};
const RECORD_COLUMNS = RECORD_FIELDS.map((f) => [f.column, ARRAY_TYPES[f.kind], f.field] as const);

// One statement per batch whatever its size: the rows travel as one array per column (34 parameters).
const UPSERT_SQL = `
  INSERT INTO records (${RECORD_COLUMNS.map(([c]) => c).join(', ')})
  SELECT * FROM unnest(${RECORD_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
  ON CONFLICT (voice_id) DO UPDATE SET ${RECORD_COLUMNS.filter(([c]) => c !== 'voice_id')
    .map(([c]) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;
const UPSERT_BATCH = 5_000;
/** First key of the per-day advisory lock taken while a day's rollups are rebuilt (any constant). */
const ROLLUP_LOCK = 0x0c0b_0a11;
const EXPORT_BATCH = 2_048;

export class PostgresStore implements RecordStore {
  readonly engine = 'postgres';

  constructor(private readonly db: PostgresDatabase) {}

  /** Reads run under the pool's statement_timeout (CALLBOARD_QUERY_TIMEOUT_MS); a cancelled one is a QueryTimeoutError. */
  private async rows(sql: string, params: unknown[] = []): Promise<SqlRow[]> {
    try {
      return (await this.db.pool.query(sql, params)).rows as SqlRow[];
    } catch (error) {
      // 57014 query_canceled: the server's statement_timeout stopped it.
      if ((error as { code?: string }).code === '57014')
        throw new QueryTimeoutError(this.db.statementTimeoutMs);
      throw error;
    }
  }

  // ---- writes -------------------------------------------------------------------------------------

  upsertRecords(records: StoredRecord[]): Promise<void> {
    return this.writeRecords(records, true);
  }

  /**
   * Each batch in one transaction with a mark on every UTC day it touched (old and new submit times); the next
   * window save rebuilds the marked days' rollups (rebuilding per page cost more than the page). The mark is
   * an upsert, so it locks a mark a concurrent rebuild is about to delete: that rebuild then waits for this
   * batch and sees its rows. `rollups` false: the caller rebuilds them all afterwards (restore).
   */
  private async writeRecords(records: StoredRecord[], rollups: boolean): Promise<void> {
    // A statement may touch a row once: keep the latest version of a voiceId seen twice. Sorted by voiceId
    // so concurrent writers lock rows in the same order (no deadlocks).
    const latest = new Map<string, StoredRecord>();
    for (const record of records) latest.set(record.voiceId, record);
    const unique = [...latest.values()].sort((a, b) =>
      a.voiceId < b.voiceId ? -1 : a.voiceId > b.voiceId ? 1 : 0,
    );
    for (let start = 0; start < unique.length; start += UPSERT_BATCH) {
      const batch = unique.slice(start, start + UPSERT_BATCH);
      await withTransaction(this.db, async (client) => {
        // Callees first: the lookup table may hold a callee with no record yet, never miss one that has records.
        await client.query(
          'INSERT INTO callees SELECT DISTINCT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING',
          [batch.map((r) => r.callee)],
        );
        const replaced = rollups
          ? await client.query<{ submit_at: string }>(
              'SELECT submit_at FROM records WHERE voice_id = ANY($1::text[])',
              [batch.map((r) => r.voiceId)],
            )
          : { rows: [] };
        await client.query(
          UPSERT_SQL,
          RECORD_COLUMNS.map(([, , field]) => batch.map((r) => r[field])),
        );
        if (!rollups) return;
        const days = utcDaysOf([
          ...replaced.rows.map((r) => Number(r.submit_at)),
          ...batch.map((r) => r.submitAt),
        ]);
        await client.query(
          'INSERT INTO rollup_dirty SELECT unnest($1::bigint[]) ORDER BY 1 ON CONFLICT (day) DO UPDATE SET day = EXCLUDED.day',
          [days],
        );
      });
    }
  }

  /** Rebuilds the rollups of every marked day from the records, one day's rebuild at a time across replicas. */
  private rebuildDirtyRollups(): Promise<void> {
    return withTransaction(this.db, async (client) => {
      const marked = await client.query<{ day: string }>('DELETE FROM rollup_dirty RETURNING day');
      const days = marked.rows.map((r) => Number(r.day)).sort((a, b) => a - b);
      for (const day of days) {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [ROLLUP_LOCK, day / DAY_MS]);
        for (const sql of refreshRollupsSql(day)) await client.query(sql);
      }
    });
  }

  /**
   * Records are committed before the ledger row, so a complete window is always stored; the rollups of the
   * days written are rebuilt first, so a complete window's summary from rollups is exact too.
   */
  async saveWindow(window: LedgerWindow): Promise<void> {
    await this.rebuildDirtyRollups();
    await this.db.pool.query(
      `INSERT INTO sync_windows
         (window_from, window_to, covered_to, state, upstream_total, stored, pages, passes, synced_at, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (window_from) DO UPDATE SET
         window_to = EXCLUDED.window_to, covered_to = EXCLUDED.covered_to, state = EXCLUDED.state,
         upstream_total = EXCLUDED.upstream_total, stored = EXCLUDED.stored, pages = EXCLUDED.pages,
         passes = EXCLUDED.passes, synced_at = EXCLUDED.synced_at, error = EXCLUDED.error`,
      [
        window.from,
        window.to,
        window.coveredTo,
        window.state,
        window.upstreamTotal,
        window.stored,
        window.pages,
        window.passes,
        window.syncedAt,
        window.error,
      ],
    );
  }

  deleteBefore(before: number): Promise<number> {
    return withTransaction(this.db, async (client) => {
      const deleted = await client.query('DELETE FROM records WHERE submit_at < $1', [before]);
      await client.query('DELETE FROM sync_windows WHERE window_to <= $1', [before]);
      await client.query(
        'DELETE FROM callees c WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.callee = c.callee)',
      );
      for (const sql of retentionRollupsSql(before)) await client.query(sql);
      return deleted.rowCount ?? 0;
    });
  }

  // ---- reads --------------------------------------------------------------------------------------

  async countBetween(from: number, to: number): Promise<number> {
    const [row] = await this.rows(
      'SELECT count(*) AS n FROM records WHERE submit_at >= $1 AND submit_at < $2',
      [from, to],
    );
    return Number(row?.n ?? 0);
  }

  async windowsBetween(from: number, to: number): Promise<LedgerWindow[]> {
    const rows = await this.rows(
      'SELECT * FROM sync_windows WHERE window_to > $1 AND window_from < $2 ORDER BY window_from',
      [from, to],
    );
    return rows.map(toLedgerWindow);
  }

  /** The distinct callees a callee filter matches (see CalleeMatches); null without one or past the limit. */
  private async calleeMatches(filters: ResolvedFilters): Promise<CalleeMatches> {
    if (filters.callee === null) return null;
    const needle = POSTGRES_SQL.containsParam(filters.callee);
    return toCalleeMatches(await this.rows(calleeLookupSql(POSTGRES_SQL), [needle]));
  }

  async queryRecords(filters: ResolvedFilters, sort: Sort, page: number, pageSize: number) {
    const offset = (page - 1) * pageSize;
    const plan = await rollupPagePlan(this.queries, filters, sort, offset, pageSize);
    if (plan?.timeSorted) {
      // Sorted by time: only the quarter-hours that hold the page are read, however deep it is.
      if (plan.slice === null) return { rows: [], total: plan.total };
      const rows = await this.rows(
        `SELECT * FROM records WHERE submit_at >= $1 AND submit_at < $2 ORDER BY ${orderBy(sort)} LIMIT $3 OFFSET $4`,
        [plan.slice.from, plan.slice.to, pageSize, plan.slice.skip],
      );
      return { rows: rows.map(toRecordRow), total: plan.total };
    }
    const where = whereClause(POSTGRES_SQL, filters, new Set(), await this.calleeMatches(filters));
    const n = where.params.length;
    const [rows, counts] = await Promise.all([
      this.rows(
        `SELECT * FROM records ${where.sql} ORDER BY ${orderBy(sort)} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...where.params, pageSize, offset],
      ),
      plan ? [{ n: plan.total }] : this.rows(`SELECT count(*) AS n FROM records ${where.sql}`, where.params),
    ]);
    return { rows: rows.map(toRecordRow), total: Number(counts[0]?.n ?? 0) };
  }

  async getRecord(voiceId: string): Promise<RecordDetail | null> {
    const [row] = await this.rows('SELECT * FROM records WHERE voice_id = $1 LIMIT 1', [voiceId]);
    if (!row) return null;
    return toRecordDetail(row);
  }

  summary(filters: ResolvedFilters, shortCallSeconds: number): Promise<SummaryFigures> {
    return answerSummary(this.queries, filters, shortCallSeconds, async () =>
      whereClause(POSTGRES_SQL, filters, new Set(), await this.calleeMatches(filters)),
    );
  }

  facets(filters: ResolvedFilters): Promise<FacetFigures> {
    return answerFacets(this.queries, filters, async () =>
      facetsSql(POSTGRES_SQL, filters, await this.calleeMatches(filters)),
    );
  }

  /** What the engine-independent answers (answers.ts) need from this store. */
  private readonly queries = {
    rows: (sql: string, params: unknown[]) => this.rows(sql, params),
    stats: () => this.stats(),
  };

  /**
   * A server-side cursor on one pooled connection, read EXPORT_BATCH rows at a time: memory stays flat
   * however many rows match. It runs in a read-only transaction (one snapshot) without the statement
   * timeout, which would otherwise cut a long download.
   */
  async *exportRows(
    filters: ResolvedFilters,
    sort: Sort,
    columns: readonly RecordColumnId[],
  ): AsyncIterable<ExportBatch> {
    const where = whereClause(POSTGRES_SQL, filters);
    const sqlColumns = columns.map((id) => COLUMN_SQL[id]);
    const client = await this.db.pool.connect();
    let cursor: Cursor<unknown[]> | null = null;
    let failed = false;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query('SET LOCAL statement_timeout = 0');
      cursor = client.query(
        new Cursor<unknown[]>(
          `SELECT ${sqlColumns.join(', ')} FROM records ${where.sql} ORDER BY ${orderBy(sort)}`,
          where.params,
          {
            rowMode: 'array',
          },
        ),
      );
      while (true) {
        const rows = await cursor.read(EXPORT_BATCH);
        if (rows.length === 0) break;
        yield {
          rowCount: rows.length,
          columns: sqlColumns.map((column, c) => {
            // BIGINT instants and NUMERIC money arrive as strings: times as numbers, money trimmed, as DuckDB.
            if (TIME_SQL_COLUMNS.has(column))
              return rows.map((row) => (row[c] === null ? null : Number(row[c])));
            if (MONEY_SQL_COLUMNS.has(column))
              return rows.map((row) => (row[c] === null ? null : trimDecimal(String(row[c]))));
            return rows.map((row) => row[c] as string | number | boolean | null);
          }),
        };
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // Also reached when the consumer stops early (client went away): close the cursor, end the transaction.
      try {
        await cursor?.close();
        await client.query(failed ? 'ROLLBACK' : 'COMMIT');
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    }
  }

  exportCsv(
    filters: ResolvedFilters,
    sort: Sort,
    columns: readonly RecordCsvColumn[],
  ): AsyncIterable<CsvChunk> {
    return csvFromBatches(this.exportRows(filters, sort, exportSources(columns)), columns, filters.tz);
  }

  exportParquet(
    filters: ResolvedFilters,
    sort: Sort,
    sources: readonly RecordColumnId[],
    file: string,
  ): Promise<number> {
    return writeParquetFromBatches(this.exportRows(filters, sort, sources), sources, file);
  }

  /** One REPEATABLE READ transaction: the records (read through a cursor) and the ledger of the same moment. */
  async snapshotTo(dir: string): Promise<void> {
    const client = await this.db.pool.connect();
    let cursor: Cursor<unknown[]> | null = null;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query('SET LOCAL statement_timeout = 0');
      const windows = (
        await client.query({
          text: `SELECT ${LEDGER_COLUMN_NAMES.join(', ')} FROM sync_windows ORDER BY window_from`,
          rowMode: 'array',
        })
      ).rows as unknown[][];
      const open = client.query(
        new Cursor<unknown[]>(
          `SELECT ${RECORD_FIELDS.map((f) => f.column).join(', ')} FROM records ORDER BY voice_id`,
          [],
          { rowMode: 'array' },
        ),
      );
      cursor = open;
      async function* batches(): AsyncIterable<unknown[][]> {
        while (true) {
          const rows = await open.read(EXPORT_BATCH);
          if (rows.length === 0) return;
          yield rows;
        }
      }
      await writeArchiveFiles(dir, batches(), windows);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await cursor?.close().catch(() => undefined);
      client.release();
    }
  }

  async restoreFrom(dir: string): Promise<void> {
    const [held] = await this.rows('SELECT count(*) AS n FROM records');
    if (Number(held?.n ?? 0) > 0)
      throw new Error('restore: the store already holds records; restore into an empty one');
    for await (const rows of readArchiveFiles(dir, 'records')) {
      const records = rows.map(
        (row) =>
          Object.fromEntries(
            RECORD_FIELDS.map((f, i) => [f.field, archiveValue(f.kind, row[i])]),
          ) as unknown as StoredRecord,
      );
      await this.writeRecords(records, false);
    }
    await withTransaction(this.db, async (client) => {
      for (const sql of refreshAllRollupsSql()) await client.query(sql);
    });
    for await (const rows of readArchiveFiles(dir, 'windows')) {
      for (const row of rows)
        await this.saveWindow(
          toLedgerWindow(Object.fromEntries(LEDGER_COLUMN_NAMES.map((n, i) => [n, row[i]]))),
        );
    }
  }

  archiveTotals(): Promise<ArchiveTotals> {
    return readArchiveTotals((sql) => this.rows(sql));
  }

  stats(): Promise<StoreStats> {
    return readStats((sql) => this.rows(sql));
  }

  async ping(): Promise<void> {
    await this.db.pool.query('SELECT 1');
  }

  /** The pool belongs to the PostgresDatabase, shared with the app state and the leases; it closes it. */
  async close(): Promise<void> {}
}

/** A snapshot's stored value (text from DuckDB for instants and money) as StoredRecord holds it. */
function archiveValue(kind: StoredKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'instant') return Number(value);
  if (kind === 'money') return trimDecimal(String(value));
  return value;
}
