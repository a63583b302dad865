import { afterEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, type Harness, startHarness } from '../test-support/harness.js';

const DAY = 86_400_000;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function storeTotals(h: Harness, from: number, to: number) {
  const query = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&tz=UTC`;
  const { body } = await h.get<{
    overall: { calls: number };
    currencies: Array<{ currency: string; cost: string; baseCostUsd: string }>;
  }>(`/api/summary?${query}`);
  return {
    count: body.overall.calls,
    costByCurrency: Object.fromEntries(body.currencies.map((c) => [c.currency, c.cost])),
    baseCostUsd: body.currencies.map((c) => c.baseCostUsd),
  };
}

/** The rollups (no record-level filter) and a scan (minDuration=0, which every call meets) agree on all figures. */
async function expectRollupsMatchScan(h: Harness, from: number, to: number) {
  for (const tz of ['UTC', 'Asia/Kathmandu']) {
    const query = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&tz=${tz}`;
    const rollup = (await h.get<object>(`/api/summary?${query}`)).body;
    const scan = (await h.get<object>(`/api/summary?${query}&minDuration=0`)).body;
    expect(JSON.stringify(scan)).toBe(JSON.stringify(rollup));
  }
}

function truthTotals(h: Harness, from: number, to: number) {
  const truth = h.simulator.dataset.aggregate(from, to, h.clock.now);
  return { count: truth.count, costByCurrency: truth.costByCurrency };
}

describe('sync engine against the simulator', () => {
  it('backfills the two-month horizon and reconciles exactly with the upstream', async () => {
    harness = await startHarness({ callsPerDay: 200 });
    const { sync } = harness.server;

    const job = await sync.request(FIXED_NOW - 70 * DAY, FIXED_NOW, 'backfill');
    await sync.idle();

    expect(job?.state).toBe('done');
    expect(job?.windowsTotal).toBeGreaterThanOrEqual(60);
    const from = sync.horizon();
    const mine = await storeTotals(harness, from, FIXED_NOW);
    expect(mine.count).toBeGreaterThan(10_000);
    expect(mine).toMatchObject(truthTotals(harness, from, FIXED_NOW));
    expect(Object.keys(mine.costByCurrency).sort()).toEqual(['EUR', 'USD']);
    const coverage = await sync.coverage(from, FIXED_NOW);
    expect(coverage).toMatchObject({ complete: true, missing: [] });
  });

  it('loses and duplicates nothing when the upstream misbehaves (-18, 5xx/429, resets, truncation, page drift)', async () => {
    harness = await startHarness({
      callsPerDay: 400,
      faults: {
        errorRate: 0.08,
        httpErrorRate: 0.05,
        dropRate: 0.04,
        truncateRate: 0.03,
        driftRate: 0.1,
        latencyMs: 1,
      },
    });
    const { sync } = harness.server;
    const from = FIXED_NOW - 10 * DAY;

    await sync.request(from, FIXED_NOW, 'manual');
    await sync.idle();

    const stats = harness.simulator.stats();
    expect(stats.byStatus['-18']).toBeGreaterThan(0);
    expect(stats.byStatus.dropped).toBeGreaterThan(0);
    expect(stats.byStatus.truncated).toBeGreaterThan(0);
    expect(harness.logLines.some((line) => line.includes('page drift'))).toBe(true);
    // Page drift added records while paging; the truth now includes them, and so must the store.
    expect(await storeTotals(harness, from, FIXED_NOW)).toMatchObject(truthTotals(harness, from, FIXED_NOW));
    expect(sync.status().recent[0]).toMatchObject({ state: 'done', mismatches: [] });
    await expectRollupsMatchScan(harness, from, FIXED_NOW);

    // A re-sync reads every window again and rebuilds each day's rollups: still exact. (Without faults: drift in
    // every pass of a window would leave it a reported mismatch, which is the sync's answer, not a rollup's.)
    const calm = await fetch(`${harness.simulator.url}/__sim/faults`, { method: 'POST', body: '{}' });
    expect(calm.status).toBe(200);
    await sync.request(from, FIXED_NOW, 'manual');
    await sync.idle();
    expect(sync.status().recent[0]).toMatchObject({ state: 'done', mismatches: [] });
    await expectRollupsMatchScan(harness, from, FIXED_NOW);
    expect(await storeTotals(harness, from, FIXED_NOW)).toMatchObject(truthTotals(harness, from, FIXED_NOW));
  });

  it('resumes after being stopped mid-sync and ends with the same exact result', async () => {
    harness = await startHarness({ callsPerDay: 300, faults: { latencyMs: 3 } });
    const from = FIXED_NOW - 20 * DAY;
    void harness.server.sync.request(from, FIXED_NOW, 'manual');
    // Stop as soon as part of the range is stored: the running window stays incomplete.
    while ((await harness.server.store.stats()).records < 1500) await new Promise((r) => setTimeout(r, 20));
    const lastSyncAt = (await harness.get<{ lastSyncAt: string | null }>('/api/health')).body.lastSyncAt;
    expect(lastSyncAt).not.toBeNull();
    await harness.restart();
    // The restarted server knows when the last window completed: never "Synced never" after a restart.
    expect((await harness.get<{ lastSyncAt: string | null }>('/api/health')).body.lastSyncAt).toBe(
      lastSyncAt,
    );
    const stored = (await harness.server.store.stats()).records;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(harness.simulator.dataset.countBetween(from, FIXED_NOW, FIXED_NOW));

    const coverage = await harness.server.sync.coverage(from, FIXED_NOW);
    expect(coverage.complete).toBe(false);
    await harness.server.sync.request(from, FIXED_NOW, 'on-demand');
    await harness.server.sync.idle();

    expect(await storeTotals(harness, from, FIXED_NOW)).toMatchObject(truthTotals(harness, from, FIXED_NOW));
  });

  it('re-reads recent windows so calls that were still ringing get their outcome', async () => {
    harness = await startHarness({ callsPerDay: 2000 });
    const { sync } = harness.server;
    await sync.request(FIXED_NOW - DAY, FIXED_NOW, 'manual');
    await sync.idle();
    const recent = await harness.get<{
      rows: Array<{ voiceId: string; hangupTime: string | null; inProgress: boolean }>;
    }>(`/api/records?from=${new Date(FIXED_NOW - 120_000).toISOString()}&sort=submitTime:desc&pageSize=50`);
    const inProgress = recent.body.rows.filter((r) => r.hangupTime === null);
    expect(inProgress.length).toBeGreaterThan(0);
    expect(recent.body.rows.filter((r) => r.inProgress).map((r) => r.voiceId)).toEqual(
      inProgress.map((r) => r.voiceId),
    );

    harness.clock.now += 15 * 60_000;
    await sync.request(harness.clock.now - 2 * 3_600_000, harness.clock.now, 'freshness');
    await sync.idle();

    const after = await harness.get<{ voiceId: string; hangupTime: string | null; answered: boolean }>(
      `/api/records/${inProgress[0]!.voiceId}`,
    );
    expect(after.body.hangupTime).not.toBeNull();
    const to = harness.clock.now;
    expect(await storeTotals(harness, FIXED_NOW - DAY, to)).toMatchObject(
      truthTotals(harness, FIXED_NOW - DAY, to),
    );
  });

  it('shares one job between two requests for the same range', async () => {
    harness = await startHarness({ callsPerDay: 100, faults: { latencyMs: 2 } });
    const { sync } = harness.server;
    const a = await sync.request(FIXED_NOW - 5 * DAY, FIXED_NOW, 'on-demand');
    const b = await sync.request(FIXED_NOW - 5 * DAY, FIXED_NOW, 'on-demand');
    expect(a?.id).toBeDefined();
    expect(b?.id).toBe(a?.id);
    await sync.idle();
  });

  it("puts a user's range ahead of a running backfill instead of joining it", async () => {
    harness = await startHarness({ callsPerDay: 50, faults: { latencyMs: 5 } });
    const { sync } = harness.server;
    const backfill = await sync.request(FIXED_NOW - 60 * DAY, FIXED_NOW, 'backfill');
    const onDemand = await sync.request(FIXED_NOW - 40 * DAY, FIXED_NOW - 38 * DAY, 'on-demand');
    expect(onDemand?.id).not.toBe(backfill?.id);
    expect(onDemand?.trigger).toBe('on-demand');
    await sync.idle();
    expect(sync.status().recent.map((j) => j.trigger)[1]).toBe('on-demand'); // finished before the backfill
  });

  it('reports a window that never reconciled as not covered, and reads it again', async () => {
    harness = await startHarness({ callsPerDay: 50 });
    const { sync, store } = harness.server;
    const day = Math.floor((FIXED_NOW - 10 * DAY) / DAY) * DAY;
    await store.saveWindow({
      from: day,
      to: day + DAY,
      coveredTo: day + DAY,
      state: 'mismatch',
      upstreamTotal: 10,
      stored: 9,
      pages: 1,
      passes: 4,
      syncedAt: FIXED_NOW - DAY,
      error: 'x',
    });
    expect((await sync.coverage(day, day + DAY)).complete).toBe(false);
    const job = await sync.request(day, day + DAY, 'on-demand');
    expect(job?.windowsTotal).toBe(1);
    await sync.idle();
    expect(await sync.coverage(day, day + DAY)).toMatchObject({ complete: true });
  });

  it('keeps serving stored data and reports why when the credentials are refused', async () => {
    harness = await startHarness({ callsPerDay: 100, env: { ITNIO_API_SECRET: 'wrong-secret' } });
    const { sync } = harness.server;
    await sync.request(FIXED_NOW - 2 * DAY, FIXED_NOW, 'manual');
    await sync.idle();
    const health = await harness.get<{ upstreamError: { kind: string; message: string } }>('/api/health');
    expect(health.body.upstreamError.kind).toBe('auth');
    expect(health.body.upstreamError.message).toMatch(/ITNIO_API_KEY|key or secret/i);
    const records = await harness.get<{ total: number }>('/api/records?pageSize=5');
    expect(records.status).toBe(200);
  });
});
