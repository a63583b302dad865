// The embedded store: one DuckDB file. Chosen over SQLite from the figures in shared/perf-facts.md: DuckDB
// answers any dashboard aggregate with any filter in milliseconds and runs queries off the event loop,
// where SQLite needs a 0.3–2.4 s synchronous scan per chart set.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  DURATION_EDGES,
  type RecordColumnId,
  type RecordDetail,
  type RecordRow,
  type ResolvedFilters,
  type Sort,
  offsetSegments,
  trimDecimal,
  zonedDays,
} from '@callboard/contracts';
import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import Big from 'big.js';
import type { StoredRecord } from '../record-mapping.js';
import type {
  ExportBatch,
  FacetFigures,
  LedgerWindow,
  RecordStore,
  StoreStats,
  SummaryFigures,
} from '../record-store.js';
import { COLUMN_SQL, MONEY_SQL_COLUMNS } from './columns.js';
import { whereClause } from './filter-sql.js';
import { MIGRATIONS } from './migrations.js';

const STAGING_COLUMNS = `
  seq BIGINT, voice_id VARCHAR, callee VARCHAR, display_num VARCHAR, code VARCHAR,
  submit_at BIGINT, call_at BIGINT, ringing_at BIGINT, answer_at BIGINT, hangup_at BIGINT,
  submit_time_raw VARCHAR, call_time_raw VARCHAR, ringing_time_raw VARCHAR, answer_time_raw VARCHAR, hangup_time_raw VARCHAR,
  call_duration INTEGER, charged_duration INTEGER, termination_code VARCHAR, termination_reason VARCHAR,
  bill_period VARCHAR, voice_file_id VARCHAR, feedback_value VARCHAR, called_info VARCHAR, currency VARCHAR,
  cost VARCHAR, rate VARCHAR, base_cost VARCHAR, settle_rate VARCHAR, quote_exchange VARCHAR, settle_pay VARCHAR,
  answered BOOLEAN, ring_seconds INTEGER, answer_delay_seconds INTEGER, overhead_seconds INTEGER, synced_at BIGINT`;

const RECORD_INSERT_COLUMNS = STAGING_COLUMNS.split(',')
  .map((c) => c.trim().split(/\s+/)[0]!)
  .filter((c) => c !== 'seq');

/** Rows are merged from staging into `records` once this many are waiting, or when a window is saved. */
const MERGE_THRESHOLD = 20_000;
/** Appender flushes are synchronous; small slices keep each one far below the 50 ms event-loop budget. */
const APPEND_SLICE = 500;

const DAY_MS = 86_400_000;

export interface DuckDbStoreOptions {
  /** Directory for the database file; null for an in-memory store (tests of pure logic only). */
  dataDir: string;
  fileName?: string;
  readConnections?: number;
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
  private seq = 0n;
  private next = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: DuckDBConnection[],
  ) {}

  static async open(options: DuckDbStoreOptions): Promise<DuckDbStore> {
    mkdirSync(options.dataDir, { recursive: true });
    const file = path.join(options.dataDir, options.fileName ?? 'callboard.duckdb');
    const instance = await DuckDBInstance.create(file, {
      memory_limit: options.memoryLimit ?? '1GB',
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
    return new DuckDbStore(instance, writer, readers);
  }

  private reader(): DuckDBConnection {
    this.next = (this.next + 1) % this.readers.length;
    return this.readers[this.next]!;
  }

  private async rows(sql: string, params: DuckDBValue[] = []) {
    const result = await this.reader().runAndReadAll(sql, params);
    return result.getRowObjectsJson() as Array<Record<string, string | number | boolean | null>>;
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
        if (end < records.length) await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.staged >= MERGE_THRESHOLD) await this.mergeStaged();
    });
  }

  /** Moves staged rows into `records`, replacing older versions of the same voiceId. Writer lock held. */
  private async mergeStaged(extra?: { sql: string; params: DuckDBValue[] }): Promise<void> {
    if (this.appender) {
      // Flushing copies the appended rows into the staging table (in memory): a few ms per 20,000 rows.
      this.appender.closeSync();
      this.appender = null;
    }
    await this.writer.run('BEGIN TRANSACTION');
    try {
      if (this.staged > 0) {
        await this.writer.run('DELETE FROM records WHERE voice_id IN (SELECT voice_id FROM temp.main.staging)');
        await this.writer.run(`
          INSERT INTO records (${RECORD_INSERT_COLUMNS.join(', ')})
          SELECT ${RECORD_INSERT_COLUMNS.map((c) => (MONEY_SQL_COLUMNS.has(c) ? `CAST(${c} AS DECIMAL(18,8))` : c)).join(', ')}
          FROM temp.main.staging
          ${this.stagedDuplicates ? 'QUALIFY row_number() OVER (PARTITION BY voice_id ORDER BY seq DESC) = 1' : ''}`);
        await this.writer.run('DELETE FROM temp.main.staging');
      }
      if (extra) await this.writer.run(extra.sql, extra.params);
      await this.writer.run('COMMIT');
      this.staged = 0;
      this.stagedIds.clear();
      this.stagedDuplicates = false;
    } catch (error) {
      await this.writer.run('ROLLBACK');
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

  // ---- reads --------------------------------------------------------------------------------------

  async countBetween(from: number, to: number): Promise<number> {
    await this.writeLock.run(() => this.mergeStaged());
    const [row] = await this.rows('SELECT count(DISTINCT voice_id) AS n FROM records WHERE submit_at >= ? AND submit_at < ?', [
      BigInt(from),
      BigInt(to),
    ]);
    return Number(row?.n ?? 0);
  }

  async windowsBetween(from: number, to: number): Promise<LedgerWindow[]> {
    const rows = await this.rows(
      'SELECT * FROM sync_windows WHERE window_to > ? AND window_from < ? ORDER BY window_from',
      [BigInt(from), BigInt(to)],
    );
    return rows.map((r) => ({
      from: Number(r.window_from),
      to: Number(r.window_to),
      coveredTo: Number(r.covered_to),
      state: r.state as LedgerWindow['state'],
      upstreamTotal: r.upstream_total === null ? null : Number(r.upstream_total),
      stored: r.stored === null ? null : Number(r.stored),
      pages: Number(r.pages),
      passes: Number(r.passes),
      syncedAt: Number(r.synced_at),
      error: (r.error as string | null) ?? null,
    }));
  }

  async queryRecords(filters: ResolvedFilters, sort: Sort, page: number, pageSize: number) {
    const where = whereClause(filters);
    const order = orderBy(sort);
    const [rows, counts] = await Promise.all([
      this.rows(`SELECT * FROM records ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`, [
        ...where.params,
        pageSize,
        (page - 1) * pageSize,
      ]),
      this.rows(`SELECT count(*) AS n FROM records ${where.sql}`, where.params),
    ]);
    return { rows: rows.map(toRecordRow), total: Number(counts[0]?.n ?? 0) };
  }

  async getRecord(voiceId: string): Promise<RecordDetail | null> {
    const [row] = await this.rows('SELECT * FROM records WHERE voice_id = ? LIMIT 1', [voiceId]);
    if (!row) return null;
    return {
      ...toRecordRow(row),
      original: {
        submitTime: String(row.submit_time_raw),
        callTime: String(row.call_time_raw),
        ringingTime: String(row.ringing_time_raw),
        answerTime: String(row.answer_time_raw),
        hangupTime: String(row.hangup_time_raw),
      },
      syncedAt: new Date(Number(row.synced_at)).toISOString(),
    };
  }

  async summary(filters: ResolvedFilters, top: number): Promise<SummaryFigures> {
    const where = whereClause(filters);
    const bounds = await this.boundsFor(filters);
    const segments = offsetSegments(bounds.from, bounds.to, filters.tz);
    const offsetCase =
      segments.length === 1
        ? String(segments[0]!.offsetMs)
        : `CASE ${segments
            .slice(1)
            .map((s, i) => `WHEN submit_at < ${s.from} THEN ${segments[i]!.offsetMs}`)
            .join(' ')} ELSE ${segments[segments.length - 1]!.offsetMs} END`;
    const bucketCase = `CASE WHEN NOT answered THEN -1 ${DURATION_EDGES.map(
      (edge, i) => `WHEN call_duration < ${edge} THEN ${i}`,
    ).join(' ')} ELSE ${DURATION_EDGES.length} END`;
    const rows = await this.rows(
      `WITH f AS (
         SELECT code, currency, termination_code, termination_reason, bill_period, answered,
                call_duration, charged_duration, overhead_seconds, cost, base_cost, settle_pay,
                CAST(floor((submit_at + ${offsetCase}) / ${DAY_MS}) AS BIGINT) AS local_day,
                ${bucketCase} AS duration_bucket,
                CASE WHEN charged_duration > 0
                     THEN CAST(round(CAST(cost AS DOUBLE) * overhead_seconds / charged_duration, 8) AS DECIMAL(18,8))
                     ELSE CAST(0 AS DECIMAL(18,8)) END AS overhead_cost
         FROM records ${where.sql}
       )
       SELECT GROUPING(currency, code, termination_code, termination_reason, local_day, bill_period, duration_bucket) AS g,
              currency, code, termination_code, termination_reason, local_day, bill_period, duration_bucket,
              count(*) AS calls, count(*) FILTER (WHERE answered) AS answered,
              sum(call_duration) AS talk, sum(charged_duration) AS charged, sum(overhead_seconds) AS overhead,
              sum(cost) AS cost, sum(base_cost) AS base_cost, sum(settle_pay) AS settle_pay, sum(overhead_cost) AS overhead_cost,
              count(settle_pay) AS settled
       FROM f
       GROUP BY GROUPING SETS ((), (currency), (code, currency), (code, termination_code),
                               (termination_code, termination_reason), (local_day, currency),
                               (bill_period, currency), (duration_bucket))`,
      where.params,
    );
    return shapeSummary(rows, top, filters.tz, bounds);
  }

  /** The range to bucket over: the filter's own, or what the store holds when it is open-ended. */
  private async boundsFor(filters: ResolvedFilters): Promise<{ from: number; to: number }> {
    if (filters.from !== null && filters.to !== null) return { from: filters.from, to: filters.to };
    const stats = await this.stats();
    return {
      from: filters.from ?? stats.oldest ?? Date.now(),
      to: filters.to ?? (stats.newest === null ? Date.now() : stats.newest + 1),
    };
  }

  async facets(filters: ResolvedFilters): Promise<FacetFigures> {
    const where = whereClause(filters, new Set(['code', 'terminationCode', 'currency']));
    const rows = await this.rows(
      `SELECT GROUPING(code, termination_code, termination_reason, currency) AS g,
              code, termination_code, termination_reason, currency, count(*) AS n
       FROM records ${where.sql}
       GROUP BY GROUPING SETS ((code), (termination_code, termination_reason), (currency))`,
      where.params,
    );
    const codes: FacetFigures['codes'] = [];
    const currencies: FacetFigures['currencies'] = [];
    const terminations = new Map<string, FacetFigures['terminationCodes'][number]>();
    for (const r of rows) {
      const n = Number(r.n);
      if (r.code !== null) codes.push({ value: String(r.code), count: n });
      else if (r.currency !== null) currencies.push({ value: String(r.currency), count: n });
      else {
        const code = String(r.termination_code);
        const entry = terminations.get(code) ?? { value: code, count: 0, reasons: [] };
        entry.count += n;
        entry.reasons.push({ reason: String(r.termination_reason), count: n });
        terminations.set(code, entry);
      }
    }
    const byCount = (a: { count: number; value?: string }, b: { count: number; value?: string }) =>
      b.count - a.count || String(a.value).localeCompare(String(b.value));
    return {
      codes: codes.sort(byCount),
      currencies: currencies.sort(byCount),
      terminationCodes: [...terminations.values()]
        .map((t) => ({ ...t, reasons: t.reasons.sort((a, b) => b.count - a.count) }))
        .sort(byCount),
    };
  }

  async *exportRows(
    filters: ResolvedFilters,
    sort: Sort,
    columns: readonly RecordColumnId[],
  ): AsyncIterable<ExportBatch> {
    const where = whereClause(filters);
    const select = columns.map((id) => {
      const column = COLUMN_SQL[id];
      if (MONEY_SQL_COLUMNS.has(column)) return `CAST(${column} AS VARCHAR)`;
      if (column.endsWith('_at')) return `CAST(${column} AS DOUBLE)`;
      return column;
    });
    const result = await this.reader().stream(
      `SELECT ${select.join(', ')} FROM records ${where.sql} ORDER BY ${orderBy(sort)}`,
      where.params,
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
  }

  async stats(): Promise<StoreStats> {
    const [row] = await this.rows('SELECT count(*) AS n, min(submit_at) AS oldest, max(submit_at) AS newest FROM records');
    return {
      records: Number(row?.n ?? 0),
      oldest: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
      newest: row?.newest === null || row?.newest === undefined ? null : Number(row.newest),
    };
  }

  async close(): Promise<void> {
    await this.writeLock.run(() => this.mergeStaged());
    for (const connection of [...this.readers, this.writer]) connection.closeSync();
    this.instance.closeSync();
  }
}

async function migrate(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const applied = new Set(
    (await connection.runAndReadAll('SELECT version FROM schema_migrations')).getRows().map((r) => Number(r[0])),
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

function appendRecord(a: DuckDBAppender, seq: bigint, r: StoredRecord): void {
  const optionalMs = (v: number | null) => (v === null ? a.appendNull() : a.appendBigInt(BigInt(v)));
  const optionalInt = (v: number | null) => (v === null ? a.appendNull() : a.appendInteger(v));
  const optionalText = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
  a.appendBigInt(seq);
  a.appendVarchar(r.voiceId);
  a.appendVarchar(r.callee);
  a.appendVarchar(r.displayNum);
  a.appendVarchar(r.code);
  a.appendBigInt(BigInt(r.submitAt));
  optionalMs(r.callAt);
  optionalMs(r.ringingAt);
  optionalMs(r.answerAt);
  optionalMs(r.hangupAt);
  a.appendVarchar(r.submitTimeRaw);
  a.appendVarchar(r.callTimeRaw);
  a.appendVarchar(r.ringingTimeRaw);
  a.appendVarchar(r.answerTimeRaw);
  a.appendVarchar(r.hangupTimeRaw);
  a.appendInteger(r.callDuration);
  a.appendInteger(r.chargedDuration);
  a.appendVarchar(r.terminationCode);
  a.appendVarchar(r.terminationReason);
  a.appendVarchar(r.billPeriod);
  a.appendVarchar(r.voiceFileId);
  a.appendVarchar(r.feedbackValue);
  a.appendVarchar(r.calledInfo);
  a.appendVarchar(r.currency);
  a.appendVarchar(r.cost);
  a.appendVarchar(r.rate);
  a.appendVarchar(r.baseCost);
  optionalText(r.settleRate);
  optionalText(r.quoteExchange);
  optionalText(r.settlePay);
  a.appendBoolean(r.answered);
  optionalInt(r.ringSeconds);
  optionalInt(r.answerDelaySeconds);
  a.appendInteger(r.overheadSeconds);
  a.appendBigInt(BigInt(r.syncedAt));
  a.endRow();
}

function orderBy(sort: Sort): string {
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const tieBreak = sort.field === 'voiceId' ? '' : `, voice_id ${direction}`;
  return `${COLUMN_SQL[sort.field]} ${direction} NULLS LAST${tieBreak}`;
}

type SqlRow = Record<string, string | number | boolean | null>;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const dec = (v: unknown) => (v === null || v === undefined ? null : trimDecimal(String(v)));

function toRecordRow(r: SqlRow): RecordRow {
  return {
    voiceId: String(r.voice_id),
    callee: String(r.callee),
    displayNum: String(r.display_num),
    code: String(r.code),
    submitTime: iso(r.submit_at)!,
    callTime: iso(r.call_at),
    ringingTime: iso(r.ringing_at),
    answerTime: iso(r.answer_at),
    hangupTime: iso(r.hangup_at),
    callDuration: Number(r.call_duration),
    chargedDuration: Number(r.charged_duration),
    terminationCode: String(r.termination_code),
    terminationReason: String(r.termination_reason),
    billPeriod: String(r.bill_period),
    voiceFileId: String(r.voice_file_id),
    feedbackValue: String(r.feedback_value),
    calledInfo: String(r.called_info),
    currency: String(r.currency),
    cost: dec(r.cost)!,
    rate: dec(r.rate)!,
    baseCost: dec(r.base_cost)!,
    settleRate: dec(r.settle_rate),
    quoteExchange: dec(r.quote_exchange),
    settlePay: dec(r.settle_pay),
    answered: Boolean(r.answered),
    ringSeconds: num(r.ring_seconds),
    answerDelaySeconds: num(r.answer_delay_seconds),
    overheadSeconds: Number(r.overhead_seconds),
  };
}

// Bit positions of GROUPING(currency, code, termination_code, termination_reason, local_day, bill_period, duration_bucket):
// a set bit means the column is NOT grouped in that row.
const ALL = 0b1111111;
const grouped = (...bits: number[]) => ALL & ~bits.reduce((m, b) => m | (1 << (6 - b)), 0);
const G = {
  overall: ALL,
  currency: grouped(0),
  codeCurrency: grouped(0, 1),
  codeTermination: grouped(1, 2),
  termination: grouped(2, 3),
  dayCurrency: grouped(0, 4),
  billCurrency: grouped(0, 5),
  histogram: grouped(6),
};

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const moneyList = (byCurrency: Map<string, Big>) =>
  [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount: trimDecimal(amount.toFixed(8)) }));
const addMoney = (map: Map<string, Big>, currency: string, amount: unknown) =>
  map.set(currency, (map.get(currency) ?? new Big(0)).plus(new Big(String(amount ?? '0'))));

function shapeSummary(rows: SqlRow[], top: number, tz: string, bounds: { from: number; to: number }): SummaryFigures {
  const pick = (g: number) => rows.filter((r) => Number(r.g) === g);
  const overallRow = pick(G.overall)[0];
  const calls = Number(overallRow?.calls ?? 0);
  const answered = Number(overallRow?.answered ?? 0);
  const talk = Number(overallRow?.talk ?? 0);

  const currencies = pick(G.currency)
    .map((r) => {
      const c = Number(r.calls);
      const a = Number(r.answered);
      return {
        currency: String(r.currency),
        calls: c,
        answered: a,
        asr: ratio(a, c),
        talkSeconds: Number(r.talk),
        chargedSeconds: Number(r.charged),
        overheadSeconds: Number(r.overhead),
        acdSeconds: a === 0 ? null : Number(r.talk) / a,
        cost: trimDecimal(String(r.cost)),
        baseCostUsd: trimDecimal(String(r.base_cost)),
        settlePay: Number(r.settled) > 0 ? trimDecimal(String(r.settle_pay)) : null,
        overheadCost: trimDecimal(String(r.overhead_cost)),
      };
    })
    .sort((a, b) => b.calls - a.calls);

  // Operators: rank by calls across currencies, keep top N, fold the rest into one "Other" row.
  interface OperatorAcc {
    calls: number;
    answered: number;
    talk: number;
    cost: Map<string, Big>;
    terminations: Record<string, number>;
  }
  const operators = new Map<string, OperatorAcc>();
  const operator = (code: string) => {
    let acc = operators.get(code);
    if (!acc) {
      acc = { calls: 0, answered: 0, talk: 0, cost: new Map(), terminations: {} };
      operators.set(code, acc);
    }
    return acc;
  };
  for (const r of pick(G.codeCurrency)) {
    const acc = operator(String(r.code));
    acc.calls += Number(r.calls);
    acc.answered += Number(r.answered);
    acc.talk += Number(r.talk);
    addMoney(acc.cost, String(r.currency), r.cost);
  }
  for (const r of pick(G.codeTermination)) {
    const acc = operator(String(r.code));
    acc.terminations[String(r.termination_code)] = Number(r.calls);
  }
  const ranked = [...operators.entries()].sort(([ca, a], [cb, b]) => b.calls - a.calls || ca.localeCompare(cb));
  const other: OperatorAcc = { calls: 0, answered: 0, talk: 0, cost: new Map(), terminations: {} };
  for (const [, acc] of ranked.slice(top)) {
    other.calls += acc.calls;
    other.answered += acc.answered;
    other.talk += acc.talk;
    for (const [currency, amount] of acc.cost) addMoney(other.cost, currency, amount);
    for (const [code, n] of Object.entries(acc.terminations)) other.terminations[code] = (other.terminations[code] ?? 0) + n;
  }
  const operatorRow = (code: string, acc: OperatorAcc, isOther: boolean) => ({
    code,
    isOther,
    calls: acc.calls,
    answered: acc.answered,
    asr: ratio(acc.answered, acc.calls),
    acdSeconds: acc.answered === 0 ? null : acc.talk / acc.answered,
    talkSeconds: acc.talk,
    cost: moneyList(acc.cost),
    terminations: acc.terminations,
  });
  const byCode = ranked.slice(0, top).map(([code, acc]) => operatorRow(code, acc, false));
  if (ranked.length > top) byCode.push(operatorRow(`Other (${ranked.length - top} more)`, other, true));

  const terminations = new Map<string, { calls: number; answered: number; reasons: Array<{ reason: string; calls: number }> }>();
  for (const r of pick(G.termination)) {
    const code = String(r.termination_code);
    const entry = terminations.get(code) ?? { calls: 0, answered: 0, reasons: [] };
    entry.calls += Number(r.calls);
    entry.answered += Number(r.answered);
    entry.reasons.push({ reason: String(r.termination_reason), calls: Number(r.calls) });
    terminations.set(code, entry);
  }
  const byTermination = [...terminations.entries()]
    .map(([terminationCode, e]) => ({ terminationCode, ...e, reasons: e.reasons.sort((a, b) => b.calls - a.calls) }))
    .sort((a, b) => b.calls - a.calls);

  const days = new Map<string, { calls: number; answered: number; cost: Map<string, Big> }>();
  for (const r of pick(G.dayCurrency)) {
    const day = new Date(Number(r.local_day) * DAY_MS).toISOString().slice(0, 10);
    const entry = days.get(day) ?? { calls: 0, answered: 0, cost: new Map() };
    entry.calls += Number(r.calls);
    entry.answered += Number(r.answered);
    addMoney(entry.cost, String(r.currency), r.cost);
    days.set(day, entry);
  }
  const byDay = zonedDays(bounds.from, bounds.to, tz).map((bucket) => {
    const entry = days.get(bucket.day);
    return {
      day: bucket.day,
      start: new Date(bucket.start).toISOString(),
      calls: entry?.calls ?? 0,
      answered: entry?.answered ?? 0,
      cost: entry ? moneyList(entry.cost) : [],
    };
  });

  const bills = new Map<string, { calls: number; talk: number; charged: number; overhead: number; cost: Map<string, Big> }>();
  for (const r of pick(G.billCurrency)) {
    const period = String(r.bill_period);
    const entry = bills.get(period) ?? { calls: 0, talk: 0, charged: 0, overhead: 0, cost: new Map() };
    entry.calls += Number(r.calls);
    entry.talk += Number(r.talk);
    entry.charged += Number(r.charged);
    entry.overhead += Number(r.overhead);
    addMoney(entry.cost, String(r.currency), r.overhead_cost);
    bills.set(period, entry);
  }
  const byBillPeriod = [...bills.entries()]
    .map(([billPeriod, e]) => ({
      billPeriod,
      calls: e.calls,
      talkSeconds: e.talk,
      chargedSeconds: e.charged,
      overheadSeconds: e.overhead,
      overheadCost: moneyList(e.cost),
    }))
    .sort((a, b) => b.calls - a.calls);

  const histogramCounts = new Map(pick(G.histogram).map((r) => [Number(r.duration_bucket), Number(r.calls)]));
  const edges = [0, ...DURATION_EDGES];
  const durationHistogram = edges.map((fromSeconds, i) => ({
    fromSeconds,
    toSeconds: edges[i + 1] ?? null,
    calls: histogramCounts.get(i) ?? 0,
  }));

  return {
    overall: { calls, answered, asr: ratio(answered, calls), acdSeconds: answered === 0 ? null : talk / answered, talkSeconds: talk },
    currencies,
    byCode,
    byTermination,
    byDay,
    byBillPeriod,
    durationHistogram,
  };
}
