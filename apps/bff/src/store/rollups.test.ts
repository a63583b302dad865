// Rollups against full scans on both engines. A summary or facets without a record-level filter reads the
// rollups; the same question with minDuration=0 (which every call meets) scans the records. Both must agree
// on every figure, in every zone (DST, +05:45), for ranges that start and end mid-hour, and again after
// late updates move calls between days, change their outcome and cost, and after retention.

import { startSimulator } from '@callboard/itnio-simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../test-support/harness.js';
import { closeStores, filtersOver, STORE_ENGINES } from '../test-support/store-engines.js';
import { type StoredRecord, toStoredRecord } from './record-mapping.js';
import type { RecordStore } from './record-store.js';

const DAY = 86_400_000;
const FROM = FIXED_NOW - 12 * DAY; // reaches back over the end of US daylight saving time (2026-11-01)
afterAll(closeStores);

const filters = filtersOver(FROM, FIXED_NOW);

/** Rollup answer and scan answer of the same question, as JSON (a deep diff of a summary prints slowly). */
async function expectRollupsMatchScans(store: RecordStore): Promise<void> {
  const ranges: Array<[number | null, number | null]> = [
    [FROM, FIXED_NOW],
    [FROM + 7 * 60_000 + 13_000, FIXED_NOW - 3 * DAY - 22 * 60_000], // mid-hour, mid-quarter edges
    [FIXED_NOW - DAY - 50 * 60_000, FIXED_NOW - DAY - 5 * 60_000], // under an hour
    [null, null],
  ];
  for (const [from, to] of ranges) {
    for (const tz of ['UTC', 'America/New_York', 'Asia/Kathmandu']) {
      for (const short of [1, 20, 600]) {
        const rollup = await store.summary(filters({ from, to, tz }), short);
        const scan = await store.summary(filters({ from, to, tz, minDuration: 0 }), short);
        expect(JSON.stringify(rollup)).toBe(JSON.stringify(scan));
      }
    }
    // Pages: by time the rollups' quarter-hour counts pick the slice (and give the total); otherwise the total.
    for (const sort of ['submitTime:asc', 'submitTime:desc', 'cost:desc'] as const) {
      const [field, direction] = sort.split(':') as ['submitTime' | 'cost', 'asc' | 'desc'];
      for (const page of [1, 3, 17, 400]) {
        const rollup = await store.queryRecords(filters({ from, to }), { field, direction }, page, 25);
        const scan = await store.queryRecords(
          filters({ from, to, minDuration: 0 }),
          { field, direction },
          page,
          25,
        );
        expect(JSON.stringify(rollup)).toBe(JSON.stringify(scan));
      }
    }
    const facets = await store.facets(filters({ from, to, codes: ['x'] }));
    const scanned = await store.facets(filters({ from, to, minDuration: 0 }));
    expect(JSON.stringify(facets)).toBe(JSON.stringify(scanned));
  }
}

/** Writes records as sync does: the window's ledger row commits them (DuckDB merges its staging then). */
async function write(store: RecordStore, records: StoredRecord[]): Promise<void> {
  await store.upsertRecords(records);
  await store.saveWindow({
    from: FROM,
    to: FIXED_NOW,
    coveredTo: FIXED_NOW,
    state: 'complete',
    upstreamTotal: records.length,
    stored: records.length,
    pages: 1,
    passes: 1,
    syncedAt: FIXED_NOW,
    error: null,
  });
}

describe.each(STORE_ENGINES)('rollups on %s', (_engine, open) => {
  it('answer exactly as a scan of the records, after late updates and retention too', async () => {
    const store = await open();
    const simulator = await startSimulator({
      port: 0,
      seed: 11,
      callsPerDay: 150,
      key: 'k',
      secret: 's',
      now: () => FIXED_NOW,
    });
    const upstream = simulator.dataset.recordsBetween(FROM, FIXED_NOW, FIXED_NOW);
    await simulator.close();
    const records = upstream.map((r) => toStoredRecord(r as Parameters<typeof toStoredRecord>[0], FIXED_NOW));
    await write(store, records);
    await expectRollupsMatchScans(store);
    const truth = await store.summary(filters({ from: null, to: null }), 20);
    expect(truth.overall.calls).toBe(records.length);

    // Late updates: every 7th call moves 30 hours later, flips its outcome and costs more.
    const updated: StoredRecord[] = records
      .filter((_, i) => i % 7 === 0)
      .map((r) => ({
        ...r,
        submitAt: Math.min(r.submitAt + 30 * 3_600_000, FIXED_NOW - 1),
        answered: !r.answered,
        callDuration: r.answered ? 0 : 95,
        terminationCode: 'LATE',
        cost: '1.23456789',
      }));
    await write(store, updated);
    await expectRollupsMatchScans(store);
    const after = await store.summary(filters({ from: null, to: null }), 20);
    expect(after.overall.calls).toBe(records.length);
    expect(after.byTermination.find((t) => t.terminationCode === 'LATE')?.calls).toBe(updated.length);

    await store.deleteBefore(FROM + 4 * DAY + 5 * 3_600_000);
    await expectRollupsMatchScans(store);
  });
});
