// One suite, both engines: DuckDB (embedded) and PostgreSQL (replicas) load the same simulator records and
// must answer every query, summary, facet and export exactly as the records say, and identically.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createZonedFormatter,
  RECORD_COLUMN_IDS,
  type ResolvedFilters,
  recordCsvColumns,
  type Sort,
  trimDecimal,
} from '@callboard/contracts';
import { startSimulator } from '@callboard/itnio-simulator';
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../test-support/harness.js';
import { readParquet } from '../test-support/parquet.js';
import { createTestDatabase } from '../test-support/postgres.js';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import { DatabaseConnectError, openPostgres } from './postgres/postgres-database.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { type StoredRecord, toStoredRecord } from './record-mapping.js';
import type { RecordStore } from './record-store.js';

const DAY = 86_400_000;
const FROM = FIXED_NOW - 24 * DAY; // reaches back over the end of US daylight saving time (2026-11-01)
const SYNCED_AT = FIXED_NOW - 1000;

let records: StoredRecord[];
const stores: Record<'duckdb' | 'postgres', RecordStore> = {} as never;
const cleanups: Array<() => Promise<void>> = [];

/** Records with edge cases the generated data may lack: LIKE wildcards, fractions that round, no settlement. */
function edgeRecords(base: StoredRecord): StoredRecord[] {
  return [
    {
      ...base,
      voiceId: 'edge-percent',
      callee: '100%_off',
      cost: '0.00000001',
      overheadSeconds: 7,
      chargedDuration: 3,
    },
    {
      ...base,
      voiceId: 'edge-round',
      cost: '0.33333333',
      overheadSeconds: 1,
      chargedDuration: 6,
      settlePay: null,
      settleRate: null,
    },
    {
      ...base,
      voiceId: 'edge-big',
      cost: '99999.99999999',
      rate: '0.5',
      overheadSeconds: 59,
      chargedDuration: 60,
    },
  ];
}

beforeAll(async () => {
  const clock = () => FIXED_NOW;
  const simulator = await startSimulator({
    port: 0,
    seed: 5,
    callsPerDay: 250,
    key: 'k',
    secret: 's',
    now: clock,
  });
  const upstream = simulator.dataset.recordsBetween(FROM, FIXED_NOW, FIXED_NOW);
  await simulator.close();
  const mapped = upstream.map((r) => toStoredRecord(r as Parameters<typeof toStoredRecord>[0], SYNCED_AT));
  records = [...mapped, ...edgeRecords(mapped[0]!)];

  const dir = mkdtempSync(path.join(tmpdir(), 'callboard-store-'));
  // Time-sorted CSV exports run in slices of at most 300 rows, about a day each here: many slices.
  stores.duckdb = await DuckDbStore.open({ dataDir: dir, exportSliceRows: 300 });
  cleanups.push(async () => {
    await stores.duckdb.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const database = await createTestDatabase('store');
  const db = await openPostgres({ url: database.url, poolMax: 4, statementTimeoutMs: 20_000 });
  stores.postgres = new PostgresStore(db);
  cleanups.push(async () => {
    await db.close();
    await database.drop();
  });

  // Loaded twice, the second time in shuffled batches with every record repeated: upserts must not duplicate.
  for (const store of Object.values(stores)) {
    await store.upsertRecords(records);
    const shuffled = [...records].reverse();
    for (let i = 0; i < shuffled.length; i += 777)
      await store.upsertRecords([...shuffled.slice(i, i + 777), ...shuffled.slice(i, i + 10)]);
    await store.saveWindow({
      from: FROM,
      to: FIXED_NOW,
      coveredTo: FIXED_NOW,
      state: 'complete',
      upstreamTotal: 1,
      stored: 1,
      pages: 1,
      passes: 1,
      syncedAt: SYNCED_AT,
      error: null,
    });
  }
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const filters = (over: Partial<ResolvedFilters> = {}): ResolvedFilters => ({
  from: FROM,
  to: FIXED_NOW,
  tz: 'UTC',
  callee: null,
  codes: [],
  terminationCodes: [],
  currencies: [],
  outcome: null,
  minDuration: null,
  maxDuration: null,
  q: null,
  ...over,
});

const sumMoney = (values: Array<string | null>) =>
  trimDecimal(values.reduce((t, v) => (v === null ? t : t.plus(v)), new Big(0)).toFixed(8));
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe.each(['duckdb', 'postgres'] as const)('RecordStore on %s', (engine) => {
  const store = () => stores[engine];

  it('stores each voiceId once, with its latest fields', async () => {
    expect(await store().countBetween(FROM, FIXED_NOW)).toBe(records.length);
    const changed = {
      ...records[5]!,
      cost: '1.23450000',
      terminationCode: 'CHANGED',
      syncedAt: SYNCED_AT + 1,
    };
    await store().upsertRecords([records[5]!, changed]);
    // DuckDB stages rows and merges them before the next ledger write or count: read after one.
    expect(await store().countBetween(FROM, FIXED_NOW)).toBe(records.length);
    expect(await store().getRecord(changed.voiceId)).toMatchObject({
      cost: '1.2345',
      terminationCode: 'CHANGED',
    });
    await store().upsertRecords([records[5]!]);
    expect(await store().countBetween(FROM, FIXED_NOW)).toBe(records.length);
    expect(await store().getRecord(changed.voiceId)).toMatchObject({
      terminationCode: records[5]!.terminationCode,
    });
    expect((await store().stats()).records).toBe(records.length);
  });

  it('keeps the sync ledger: windows replaced by their start, listed by overlap', async () => {
    const window = {
      from: FROM - 10 * DAY,
      to: FROM - 9 * DAY,
      coveredTo: FROM - 9 * DAY - 5,
      state: 'mismatch' as const,
      upstreamTotal: null,
      stored: null,
      pages: 0,
      passes: 0,
      syncedAt: 1,
      error: 'x',
    };
    await store().saveWindow(window);
    await store().saveWindow({
      ...window,
      state: 'complete',
      coveredTo: window.to,
      upstreamTotal: 42,
      stored: 42,
      pages: 1,
      passes: 1,
      error: null,
    });
    const listed = await store().windowsBetween(FROM - 10 * DAY + 1, FROM - 10 * DAY + 2);
    expect(listed).toEqual([
      {
        ...window,
        state: 'complete',
        coveredTo: window.to,
        upstreamTotal: 42,
        stored: 42,
        pages: 1,
        passes: 1,
        error: null,
      },
    ]);
    expect(await store().windowsBetween(FROM - 30 * DAY, FROM - 20 * DAY)).toEqual([]);
  });

  it.each<Sort>([
    { field: 'cost', direction: 'desc' },
    { field: 'callee', direction: 'asc' },
    { field: 'settlePay', direction: 'asc' },
    { field: 'answerTime', direction: 'desc' },
    { field: 'terminationReason', direction: 'asc' },
  ])(
    'pages sorted by $field $direction, NULLS LAST, ties by voiceId; cost within each currency',
    async (sort) => {
      const { rows, total } = await store().queryRecords(filters(), sort, 1, 100_000);
      expect(total).toBe(records.length);
      const key = (r: (typeof rows)[number]) => r[sort.field as keyof typeof r] as string | null;
      for (let i = 1; i < rows.length; i++) {
        if (sort.field === 'cost') {
          // Currencies A→Z first: € and $ amounts are never ordered as if they were one currency.
          const currencies = byCodePoint(rows[i - 1]!.currency!, rows[i]!.currency!);
          expect(currencies).toBeLessThanOrEqual(0);
          if (currencies < 0) continue;
        }
        const [a, b] = [key(rows[i - 1]!), key(rows[i]!)];
        if (a === null) expect(b).toBeNull();
        if (a === null || b === null) continue;
        const cmp =
          sort.field === 'cost' || sort.field === 'settlePay' ? new Big(a).cmp(b) : byCodePoint(a, b);
        const directed = sort.direction === 'asc' ? cmp : -cmp;
        expect(directed).toBeLessThanOrEqual(0);
        if (directed === 0)
          expect(
            byCodePoint(rows[i - 1]!.voiceId, rows[i]!.voiceId) * (sort.direction === 'asc' ? 1 : -1),
          ).toBeLessThan(0);
      }
      const page3 = await store().queryRecords(filters(), sort, 3, 50);
      expect(page3.rows.map((r) => r.voiceId)).toEqual(rows.slice(100, 150).map((r) => r.voiceId));
    },
  );

  it('filters exactly as the records say (callee substring with wildcards, code, outcome, duration, currency, text)', async () => {
    const partial = records[10]!.callee.slice(3, 9);
    const cases: Array<[Partial<ResolvedFilters>, (r: StoredRecord) => boolean]> = [
      [{ callee: partial }, (r) => r.callee.includes(partial)],
      [{ callee: '%_' }, (r) => r.callee.includes('%_')],
      [
        { codes: [records[0]!.code], outcome: 'answered', minDuration: 20, maxDuration: 90 },
        (r) => r.code === records[0]!.code && r.answered && r.callDuration >= 20 && r.callDuration <= 90,
      ],
      [{ currencies: ['EUR'], outcome: 'unanswered' }, (r) => r.currency === 'EUR' && !r.answered],
      [
        { terminationCodes: [records[3]!.terminationCode] },
        (r) => r.terminationCode === records[3]!.terminationCode,
      ],
      [
        { q: records[7]!.voiceId.slice(-6).toUpperCase() },
        (r) => r.voiceId.toLowerCase().includes(records[7]!.voiceId.slice(-6).toLowerCase()),
      ],
    ];
    for (const [over, predicate] of cases) {
      const expected = records.filter((r) => r.submitAt >= FROM && r.submitAt < FIXED_NOW && predicate(r));
      const { rows, total } = await store().queryRecords(
        filters(over),
        { field: 'voiceId', direction: 'asc' },
        1,
        100_000,
      );
      expect({ over, total }).toEqual({ over, total: expected.length });
      expect(rows.map((r) => r.voiceId)).toEqual(expected.map((r) => r.voiceId).sort(byCodePoint));
    }
  });

  it.each(['UTC', 'America/New_York'])('summarises to the last decimal, days bucketed in %s', async (tz) => {
    const summary = await store().summary(filters({ tz }), 10);
    expect(summary.overall.calls).toBe(records.length);
    for (const currency of summary.currencies) {
      const mine = records.filter((r) => r.currency === currency.currency);
      expect(currency.calls).toBe(mine.length);
      expect(currency.cost).toBe(sumMoney(mine.map((r) => r.cost)));
      expect(currency.baseCostUsd).toBe(sumMoney(mine.map((r) => r.baseCost)));
      expect(currency.shortCalls).toBe(mine.filter((r) => r.answered && r.callDuration < 10).length);
      expect(currency.keyPresses).toBe(
        mine.filter((r) => r.answered && r.feedbackValue !== '-1' && r.feedbackValue !== '').length,
      );
    }
    expect(summary.overall.shortCalls).toBeGreaterThan(0);
    expect(summary.overall.keyPresses).toBeGreaterThan(0);
    // Every country/operator, most calls first, none folded away.
    expect(summary.byCode.map((c) => c.code).sort()).toEqual([...new Set(records.map((r) => r.code))].sort());
    expect(summary.byCode.reduce((n, c) => n + c.calls, 0)).toBe(records.length);
    const zoned = createZonedFormatter(tz);
    const perDay = new Map<string, number>();
    for (const r of records) perDay.set(zoned.day(r.submitAt), (perDay.get(zoned.day(r.submitAt)) ?? 0) + 1);
    expect(Object.fromEntries(summary.byDay.filter((d) => d.calls > 0).map((d) => [d.day, d.calls]))).toEqual(
      Object.fromEntries(perDay),
    );
    expect(summary.byDay.reduce((n, d) => n + d.calls, 0)).toBe(records.length);
  });

  it('counts facets', async () => {
    const facets = await store().facets(filters({ codes: [records[0]!.code] }));
    const codes = new Map<string, number>();
    for (const r of records) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    expect(Object.fromEntries(facets.codes.map((c) => [c.value, c.count]))).toEqual(
      Object.fromEntries(codes),
    );
    expect(facets.currencies.reduce((n, c) => n + c.count, 0)).toBe(records.length);
  });

  it('exports every matching row in the page order, money as exact strings, times as ms', async () => {
    const sort: Sort = { field: 'cost', direction: 'desc' };
    const columns = ['voiceId', 'cost', 'submitTime', 'answered', 'settlePay'] as const;
    const exported: unknown[][] = [];
    for await (const batch of store().exportRows(filters(), sort, columns)) {
      for (let r = 0; r < batch.rowCount; r++) exported.push(batch.columns.map((c) => c[r]));
    }
    const { rows } = await store().queryRecords(filters(), sort, 1, 100_000);
    expect(exported).toEqual(
      rows.map((r) => [r.voiceId, r.cost, Date.parse(r.submitTime), r.answered, r.settlePay ?? null]),
    );
  });
});

describe('DuckDB and PostgreSQL on the same records', () => {
  const both = async <T>(ask: (store: RecordStore) => Promise<T>) => {
    const [duck, postgres] = await Promise.all([ask(stores.duckdb), ask(stores.postgres)]);
    // Compared as JSON first: a failing deep diff of a whole summary takes vitest minutes to print.
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(duck));
    return duck;
  };

  it('answer every page, sort, summary, facet and export identically', async () => {
    for (const field of RECORD_COLUMN_IDS) {
      for (const direction of ['asc', 'desc'] as const) {
        await both((s) => s.queryRecords(filters(), { field, direction }, 2, 40));
      }
    }
    for (const tz of ['UTC', 'America/New_York', '+05:30', 'Asia/Kathmandu']) {
      await both((s) => s.summary(filters({ tz }), 20));
      await both((s) => s.summary(filters({ tz, from: null, to: null }), 10));
    }
    await both((s) => s.summary(filters({ q: 'busy', currencies: ['USD'] }), 10));
    await both((s) => s.facets(filters({ outcome: 'answered' })));
    await both((s) => s.getRecord('edge-round'));
    await both(async (s) => {
      const cells: unknown[] = [];
      for await (const batch of s.exportRows(
        filters(),
        { field: 'callee', direction: 'asc' },
        RECORD_COLUMN_IDS,
      )) {
        cells.push(batch.columns.map((c) => c.length).join(','));
        for (let r = 0; r < batch.rowCount; r++) cells.push(batch.columns.map((c) => c[r]));
      }
      return cells.filter((c) => Array.isArray(c));
    });
  });

  it('write the same CSV bytes: DuckDB builds lines in SQL, PostgreSQL formats in JS, by the same rules', async () => {
    const csv = async (store: RecordStore, tz: string, direction: 'asc' | 'desc' = 'asc') => {
      let text = '';
      let rows = 0;
      const columns = recordCsvColumns(RECORD_COLUMN_IDS, tz);
      for await (const chunk of store.exportCsv(
        filters({ tz }),
        { field: 'submitTime', direction },
        columns,
      )) {
        text += chunk.text;
        rows += chunk.rows;
      }
      return { text, rows };
    };
    for (const tz of ['UTC', 'America/New_York', 'Asia/Kathmandu']) {
      const duck = await csv(stores.duckdb, tz);
      const postgres = await csv(stores.postgres, tz);
      expect(duck.rows).toBe(records.length);
      expect(postgres.rows).toBe(records.length);
      expect(duck.text === postgres.text).toBe(true);
    }
    // DuckDB's slices, newest first, join up to PostgreSQL's one sorted query byte for byte.
    const newestFirst = await csv(stores.duckdb, 'UTC', 'desc');
    expect(newestFirst.rows).toBe(records.length);
    expect(newestFirst.text === (await csv(stores.postgres, 'UTC', 'desc')).text).toBe(true);
    // The rules really were exercised: quoting, doubled quotes and the formula guard.
    const { text } = await csv(stores.duckdb, 'UTC');
    expect(text).toMatch(/,"[^"\r\n]*""/);
    expect(text).toMatch(/,'[=@+-]/);
  });
});

describe('Parquet exports', () => {
  it('hold the same typed rows from both engines', async () => {
    const sources = [
      'voiceId',
      'submitTime',
      'cost',
      'currency',
      'baseCost',
      'settlePay',
      'callDuration',
      'answered',
      'feedbackValue',
    ] as const;
    const read = async (store: RecordStore) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'callboard-parquet-'));
      try {
        const file = path.join(dir, 'x.parquet');
        const rows = await store.exportParquet(
          filters(),
          { field: 'callee', direction: 'asc' },
          sources,
          file,
        );
        return { rows, parquet: await readParquet(readFileSync(file)) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const [duck, postgres] = [await read(stores.duckdb), await read(stores.postgres)];
    expect(duck.rows).toBe(records.length);
    expect(postgres.rows).toBe(records.length);
    expect(JSON.stringify(postgres.parquet)).toBe(JSON.stringify(duck.parquet));
    expect(duck.parquet.rows.some((r) => r.feedbackValue === null)).toBe(true);
  });
});

describe('PostgreSQL start-up errors', () => {
  it('says the server is unreachable, without the password', async () => {
    const url = 'postgres://callboard:Very-Secret-pw@127.0.0.1:1/callboard';
    const error = await openPostgres({
      url,
      poolMax: 1,
      statementTimeoutMs: 1000,
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseConnectError);
    expect((error as Error).message).toMatch(
      /unreachable at postgres:\/\/callboard:\*\*\*@127\.0\.0\.1:1\/callboard/,
    );
    expect((error as Error).message).not.toContain('Very-Secret-pw');
  });

  it('says the credentials were refused, without the password', async () => {
    const server = new URL((await createTestDatabase('creds')).url);
    server.username = 'no_such_role';
    server.password = 'Very-Secret-pw';
    const error = await openPostgres({ url: server.toString(), poolMax: 1, statementTimeoutMs: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseConnectError);
    expect((error as Error).message).toMatch(/refused the credentials/);
    expect((error as Error).message).not.toContain('Very-Secret-pw');
  });
});
