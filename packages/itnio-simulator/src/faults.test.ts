import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from './server.js';
import { fixedClock, query, rawQuery, window } from './test-support/client.js';
import type { FaultOptions, Simulator } from './types.js';

const BODY = window('2024-05-30T00:00:00+08:00', '2024-05-31T00:00:00+08:00');

describe('faults', () => {
  let simulator: Simulator | undefined;
  const start = async (faults: FaultOptions) => {
    simulator = await startSimulator({ now: fixedClock, callsPerDay: 500, faults, faultSeed: 7 });
    return simulator;
  };
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  it('answers -18 in the vendor envelope', async () => {
    const sim = await start({ errorRate: 1 });
    expect(await query(sim, BODY)).toEqual({ status: '-18', reason: 'system error', data: null });
  });

  it('answers 503 and 429 with HTML and JSON bodies', async () => {
    const sim = await start({ httpErrorRate: 1 });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await rawQuery(sim, BODY);
      seen.push(`${response.status} ${response.headers.get('content-type')?.split(';')[0]}`);
      await response.text();
    }
    expect(seen).toEqual(['503 text/html', '429 text/html', '503 application/json', '429 application/json']);
    expect(sim.stats().byStatus).toMatchObject({ 'http-503': 2, 'http-429': 2 });
  });

  it('drops the connection so fetch rejects', async () => {
    const sim = await start({ dropRate: 1 });
    await expect(rawQuery(sim, BODY)).rejects.toThrow();
    expect(sim.stats().byStatus.dropped).toBe(1);
  });

  it('truncates the JSON so parsing fails', async () => {
    const sim = await start({ truncateRate: 1 });
    const response = await rawQuery(sim, BODY);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"status":"0"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('inserts records while paging, and counts them in the truth', async () => {
    const sim = await start({ driftRate: 1 });
    const first = await query(sim, { ...BODY, current: 1 });
    const second = await query(sim, { ...BODY, current: 2 });
    const third = await query(sim, { ...BODY, current: 3 });
    expect(second.data!.total).toBe(first.data!.total + 1);
    expect(third.data!.total).toBe(first.data!.total + 2);
    // Each insert pushes everything down by one, so the next page starts with a record already seen.
    expect(second.data!.records[0]!.voiceId).toBe(first.data!.records[99]!.voiceId);
    expect(third.data!.records[0]!.voiceId).toBe(second.data!.records[99]!.voiceId);
    const fromMs = Date.parse(BODY.params.strTime);
    const toMs = Date.parse(BODY.params.endTime);
    expect(sim.dataset.countBetween(fromMs, toMs)).toBe(first.data!.total + 2);
    expect(sim.dataset.recordsBetween(fromMs, toMs)[0]!.voiceId).toMatch(/9000001$/);
  });

  it('adds latency and can be switched at runtime, also over the admin API', async () => {
    const sim = await start({ latencyMs: 150 });
    let started = performance.now();
    expect((await query(sim, BODY)).status).toBe('0');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    sim.setFaults({});
    started = performance.now();
    await query(sim, BODY);
    expect(performance.now() - started).toBeLessThan(140);

    const set = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(set.status).toBe(200);
    expect((await query(sim, BODY)).status).toBe('-18');
    const bad = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(bad.status).toBe(400);
  });

  it('repeats the same fault pattern for the same faultSeed', async () => {
    const pattern = async () => {
      const sim = await startSimulator({
        now: fixedClock,
        callsPerDay: 100,
        faults: { errorRate: 0.5 },
        faultSeed: 11,
      });
      const statuses: string[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await query(sim, BODY)).status);
      await sim.close();
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain('-18');
    expect(first).toContain('0');
    expect(await pattern()).toEqual(first);
  });
});
