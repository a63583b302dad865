import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, formatPlus8, HOUR_MS } from './iso-time.js';
import { startSimulator } from './server.js';
import { allPages, NOW } from './test-support/client.js';
import type { Simulator } from './types.js';

describe('live clock', () => {
  // 14:00 in +08:00, a busy hour, so several calls are in progress.
  const start = NOW + 6 * HOUR_MS;
  let clock = start;
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ now: () => clock, callsPerDay: 20_000, seed: 3 });
  });
  afterAll(() => simulator.close());

  const strTime = formatPlus8(start - HOUR_MS);
  const endTime = formatPlus8(start + DAY_MS);
  const sync = () => allPages(simulator, strTime, endTime, 100, { clock: () => clock });

  it('shows only submitted calls, completes calls in progress later, and adds new calls', async () => {
    const before = await sync();
    const inProgress = before.records.filter((r) => r.hangupTime === '');
    expect(inProgress.length).toBeGreaterThan(0);
    for (const r of inProgress) {
      expect(r).toMatchObject({
        callDuration: 0,
        chargedDuration: 0,
        cost: '0',
        terminationCode: '',
        terminationReason: '',
      });
    }
    expect(before.records.every((r) => r.submitTime <= formatPlus8(clock))).toBe(true);

    clock = start + 2 * HOUR_MS;
    const after = await sync();
    expect(after.records.length).toBeGreaterThan(before.records.length);
    const byId = new Map(after.records.map((r) => [r.voiceId, r]));
    for (const r of inProgress) {
      const later = byId.get(r.voiceId)!;
      expect(later.hangupTime).not.toBe('');
      expect(later.terminationCode).not.toBe('');
      expect(later.submitTime).toBe(r.submitTime);
    }
    expect(inProgress.some((r) => byId.get(r.voiceId)!.answerTime !== '')).toBe(true);
    expect(after.records).toEqual(simulator.dataset.recordsBetween(start - HOUR_MS, start + DAY_MS));
  });
});
