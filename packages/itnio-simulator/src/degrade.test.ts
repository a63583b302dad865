import { describe, expect, it } from 'vitest';
import { ANSWER_RATE, SimDataset } from './dataset.js';
import { DAY_MS, HOUR_MS, parseIsoInstant } from './iso-time.js';
import { startSimulator } from './server.js';
import { NOW } from './test-support/client.js';
import type { VendorRecord } from './types.js';

const CODE = 'Philippines(Globe)';
const make = () => new SimDataset({ seed: 4, days: 62, callsPerDay: 20_000, now: () => NOW });
const ms = (iso: string) => parseIsoInstant(iso)!;
const answerRate = (records: VendorRecord[]) =>
  records.filter((r) => r.answerTime !== '').length / records.length;

describe('degrading one destination', () => {
  // Degraded from the middle of a day, back to normal twelve hours later; compared with the same data untouched.
  const from = NOW - 3 * DAY_MS;
  const start = from + DAY_MS / 2;
  const end = start + 12 * HOUR_MS;
  const normal = make().recordsBetween(from, from + 2 * DAY_MS);
  const dataset = make();
  dataset.degrade(CODE, 0.1, start);
  dataset.restore(end);
  const changed = dataset.recordsBetween(from, from + 2 * DAY_MS);

  it('answers that destination at the chosen rate while degraded, and only then', () => {
    const during = changed.filter(
      (r) => r.code === CODE && ms(r.submitTime) >= start && ms(r.submitTime) < end,
    );
    expect(during.length).toBeGreaterThan(500);
    expect(answerRate(during)).toBeGreaterThan(0.06);
    expect(answerRate(during)).toBeLessThan(0.14);
    const after = changed.filter((r) => r.code === CODE && ms(r.submitTime) >= end);
    expect(answerRate(after)).toBeGreaterThan(ANSWER_RATE - 0.06);
  });

  it('leaves every other call, and every call before or after, exactly as it was', () => {
    expect(changed.map((r) => r.voiceId)).toEqual(normal.map((r) => r.voiceId));
    const same = (r: VendorRecord) => r.code !== CODE || ms(r.submitTime) < start || ms(r.submitTime) >= end;
    expect(changed.filter(same)).toEqual(normal.filter(same));
    const lost = changed.filter((r, i) => !same(r) && r.answerTime === '' && normal[i]!.answerTime !== '');
    expect(lost.length).toBeGreaterThan(0);
    for (const r of lost)
      expect([r.callDuration, r.chargedDuration, r.cost, r.feedbackValue]).toEqual([0, 0, '0', '-1']);
  });

  it('is switched on and off over HTTP by the simulator process', async () => {
    const simulator = await startSimulator({ port: 0, now: () => NOW });
    try {
      const on = await fetch(`${simulator.url}/__sim/degrade`, {
        method: 'POST',
        body: JSON.stringify({ code: CODE, answerRate: 0.2 }),
      });
      expect(await on.json()).toEqual({ degradation: { code: CODE, answerRate: 0.2, since: NOW } });
      expect(simulator.degradation()).toEqual({ code: CODE, answerRate: 0.2, since: NOW });
      expect(
        (await fetch(`${simulator.url}/__sim/degrade`, { method: 'POST', body: '{"code":""}' })).status,
      ).toBe(400);
      expect((await fetch(`${simulator.url}/__sim/degrade`, { method: 'DELETE' })).status).toBe(200);
      expect(simulator.degradation()).toBeNull();
    } finally {
      await simulator.close();
    }
  });
});
