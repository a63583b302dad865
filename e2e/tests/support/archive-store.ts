// A large archive for the export test, made cheaply but from real parts. The simulator's own records of a
// few days long past (so the demo BFF's sync never touches them) go through the upstream client's schema,
// the BFF's record mapping and its store's upsert path, each day's window saved as complete. DuckDB then
// replays those days, shifted by whole days, until the archive holds a million records: every instant, the
// upstream's own time strings and the id's date move together, so each copy reads as another real day.
// A sync of a million records over HTTP takes ~90 s on 2 cores and the write path alone ~50 s; this ~10 s.
import { createRequire } from 'node:module';
import path from 'node:path';
import { DuckDbStore, refreshAllRollupsSql, toStoredRecord } from '@callboard/bff';
import { DAY_MS } from '@callboard/contracts';
import { upstreamRecordSchema } from '@callboard/itnio-client';
import { startSimulator } from '@callboard/itnio-simulator';

/** DuckDB's client, as the BFF resolves it (it is the BFF's dependency). */
const bffRequire = createRequire(createRequire(import.meta.url).resolve('@callboard/bff/package.json'));
const { DuckDBInstance } = bffRequire('@duckdb/node-api') as {
  DuckDBInstance: {
    create(file: string): Promise<{
      connect(): Promise<{
        run(sql: string): Promise<unknown>;
        runAndReadAll(sql: string): Promise<{ getRowObjects(): Array<Record<string, unknown>> }>;
        closeSync(): void;
      }>;
      closeSync(): void;
    }>;
  };
};

/** The file demo mode opens (server.ts keeps demo data apart from a live account's archive). */
const DEMO_STORE_FILE = 'demo.duckdb';
/** Upserts per call, as a sync's batches would be. */
const BATCH = 5_000;

export interface ArchiveSpan {
  /** First UTC day (ms). */
  from: number;
  /** Days of real records read from the simulator; the rest of the span repeats them. */
  sourceDays: number;
  /** Copies of the source days, back to back: the span is sourceDays × copies days long. */
  copies: number;
  callsPerDay: number;
}

export const archiveEnd = (span: ArchiveSpan) => span.from + span.sourceDays * span.copies * DAY_MS;

/** One record column as SQL for copy `k`, shifted by `k × days` whole days (DuckDB; k is a BIGINT). */
function shiftedColumn(column: string, shiftDays: number): string {
  const days = `CAST(k * ${shiftDays} AS INTEGER)`;
  // Instants are UTC epoch ms in `*_at` columns; when the row was synced stays as it was.
  if (column.endsWith('_at') && column !== 'synced_at') return `${column} + k * ${shiftDays * DAY_MS}`;
  // "2025-04-02T07:13:54+08:00": the date part moves, the clock time and offset stay.
  if (column.endsWith('_time_raw'))
    return `CASE WHEN ${column} = '' THEN '' ELSE strftime(CAST(left(${column}, 10) AS DATE) + ${days}, '%Y-%m-%d') || substr(${column}, 11) END`;
  // "2504020713541000001": yyMMdd of the submission (+08:00), then the time and a sequence.
  if (column === 'voice_id')
    return `strftime(strptime(left(voice_id, 6), '%y%m%d') + to_days(${days}), '%y%m%d') || substr(voice_id, 7)`;
  return column;
}

/** Fills `dataDir`'s demo store with about callsPerDay × days records; resolves with the count stored. */
export async function seedArchive(dataDir: string, span: ArchiveSpan): Promise<number> {
  const sourceEnd = span.from + span.sourceDays * DAY_MS;
  const now = () => archiveEnd(span);
  const simulator = await startSimulator({
    port: 0,
    callsPerDay: span.callsPerDay,
    days: 3 + (now() - span.from) / DAY_MS,
    now,
  });
  const store = await DuckDbStore.open({ dataDir, fileName: DEMO_STORE_FILE });
  try {
    for (let day = span.from; day < sourceEnd; day += DAY_MS) {
      const records = simulator.dataset.recordsBetween(day, day + DAY_MS, now());
      for (let at = 0; at < records.length; at += BATCH) {
        const batch = records.slice(at, at + BATCH);
        await store.upsertRecords(batch.map((r) => toStoredRecord(upstreamRecordSchema.parse(r), now())));
      }
      await store.saveWindow({
        from: day,
        to: day + DAY_MS,
        coveredTo: day + DAY_MS,
        state: 'complete',
        upstreamTotal: records.length,
        stored: records.length,
        pages: Math.ceil(records.length / 100),
        passes: 1,
        syncedAt: now(),
        error: null,
      });
    }
  } finally {
    await store.close();
    await simulator.close();
  }

  const instance = await DuckDBInstance.create(path.join(dataDir, DEMO_STORE_FILE));
  const connection = await instance.connect();
  try {
    const shift = span.sourceDays * DAY_MS;
    const described = await connection.runAndReadAll(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'records' ORDER BY ordinal_position",
    );
    const columns = described.getRowObjects().map((row) => String(row.column_name));
    const copies = `range(1, ${span.copies}) AS copy(k)`;
    await connection.run('BEGIN TRANSACTION');
    await connection.run(
      `INSERT INTO records (${columns.join(', ')})
       SELECT ${columns.map((c) => shiftedColumn(c, span.sourceDays)).join(', ')} FROM records, ${copies}`,
    );
    await connection.run(
      `INSERT INTO sync_windows (window_from, window_to, covered_to, state, upstream_total, stored, pages, passes, synced_at, error)
       SELECT window_from + k * ${shift}, window_to + k * ${shift}, covered_to + k * ${shift},
              state, upstream_total, stored, pages, passes, synced_at, error
       FROM sync_windows, ${copies}`,
    );
    // The copies bypass the store's write path, so its rollups (summaries, facets, page counts) are rebuilt
    // here; the callee directory already holds every callee (copies shift only the times).
    for (const sql of refreshAllRollupsSql()) await connection.run(sql);
    await connection.run('COMMIT');
    const result = await connection.runAndReadAll('SELECT count(*) AS n FROM records');
    return Number(result.getRowObjects()[0]!.n);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
