import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoInstant } from './iso-time.js';
import { formatMoney, parseMoney } from './money.js';
import { startSimulator } from './server.js';
import { allPages, fixedClock, query, window } from './test-support/client.js';
import type { Simulator } from './types.js';

const STR = '2024-05-29T06:30:00+08:00';
const END = '2024-05-31T00:00:00+08:00';
const fromMs = parseIsoInstant(STR)!;
const toMs = parseIsoInstant(END)!;

describe('paging', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ now: fixedClock, callsPerDay: 1500, seed: 42 });
  });
  afterAll(() => simulator.close());

  it('covers the total exactly once, newest first, and matches the dataset', async () => {
    const { totals, records } = await allPages(simulator, STR, END, 97);
    const total = totals[0]!;
    expect(new Set(totals)).toEqual(new Set([total]));
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.voiceId)).size).toBe(total);
    for (let i = 1; i < records.length; i++) {
      const [newer, older] = [records[i - 1]!, records[i]!];
      expect(newer.submitTime >= older.submitTime).toBe(true);
      expect(newer.voiceId > older.voiceId).toBe(true);
    }
    for (const r of records) {
      const submitted = parseIsoInstant(r.submitTime)!;
      expect(submitted >= fromMs && submitted < toMs).toBe(true);
    }
    expect(records).toEqual(simulator.dataset.recordsBetween(fromMs, toMs));
    expect(simulator.dataset.countBetween(fromMs, toMs)).toBe(total);
  });

  it('serves the same order on a second pass, with another page size', async () => {
    const first = await allPages(simulator, STR, END, 100);
    const second = await allPages(simulator, STR, END, 33);
    expect(second.records.map((r) => r.voiceId)).toEqual(first.records.map((r) => r.voiceId));
  });

  it('answers a page past the end with no records and the right total and pages', async () => {
    const total = simulator.dataset.countBetween(fromMs, toMs);
    const envelope = await query(simulator, window(STR, END, { current: 9999, size: 50 }));
    expect(envelope.status).toBe('0');
    expect(envelope.data).toEqual({
      total,
      size: 50,
      current: 9999,
      pages: Math.ceil(total / 50),
      searchCount: true,
      records: [],
    });
  });

  it('answers an empty window with total 0 and pages 0', async () => {
    const envelope = await query(simulator, window(STR, STR));
    expect(envelope.data).toMatchObject({ total: 0, pages: 0, records: [] });
  });

  it('aggregates exactly the sum of the records', () => {
    const records = simulator.dataset.recordsBetween(fromMs, toMs);
    const sums = new Map<string, bigint>();
    let base = 0n;
    for (const r of records) {
      const currency = r.currency ? r.currency : 'USD';
      sums.set(currency, (sums.get(currency) ?? 0n) + parseMoney(r.cost));
      base += parseMoney(r.baseCost);
    }
    const expected = Object.fromEntries([...sums].map(([c, v]) => [c, formatMoney(v)]));
    expect(simulator.dataset.aggregate(fromMs, toMs)).toEqual({
      count: records.length,
      costByCurrency: expected,
      baseCostUsd: formatMoney(base),
    });
  });

  it('tells the same truth over the admin API', async () => {
    const response = await fetch(
      `${simulator.url}/__sim/truth?from=${encodeURIComponent(STR)}&to=${encodeURIComponent(END)}`,
    );
    expect(await response.json()).toEqual(simulator.dataset.aggregate(fromMs, toMs));
    expect((await fetch(`${simulator.url}/__sim/truth?from=x&to=y`)).status).toBe(400);
    expect(await (await fetch(`${simulator.url}/__sim/health`)).json()).toMatchObject({ status: 'ok' });
  });
});
