// The demo's cycle end to end, on the harness's shared clock: the simulator degrades one operator's answer
// rate, its calls are synced, the answer-rate rule fires; the operator recovers, the rule resolves. Each
// change is one event, and the webhook-free history says so.
import type { AlertRuleResponse, AlertRulesResponse, AlertsResponse } from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, type Harness, startHarness } from '../test-support/harness.js';

const MINUTE = 60_000;
const CODE = 'Philippines(Globe)';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ callsPerDay: 30_000 });
  await h.server.sync.request(FIXED_NOW - 2 * 60 * MINUTE, FIXED_NOW, 'manual');
  await h.server.sync.idle();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** Time passes: the simulator's calls of the next minutes happen, the sync reads them, the rules are evaluated. */
async function minutesPass(minutes: number): Promise<void> {
  h.clock.now += minutes * MINUTE;
  await h.server.sync.request(h.clock.now - 60 * MINUTE, h.clock.now, 'manual');
  await h.server.sync.idle();
  const evaluator = h.server.alerting.evaluator;
  await evaluator.idle();
  evaluator.request();
  await evaluator.idle();
}

describe("degrading one operator's answer rate", () => {
  it('fires the answer-rate rule, and resolves it once the operator recovers', async () => {
    const admin = await h.as('admin');
    const { body } = await admin.send<AlertRuleResponse>('POST', '/api/alert-rules', {
      name: 'Globe answer rate',
      metric: 'asr',
      window: { size: 30, unit: 'minutes' },
      scope: { kind: 'code', code: CODE },
      comparison: 'below',
      threshold: 25,
      resolveThreshold: 40,
      minCalls: 10,
    });
    const state = async () =>
      (await admin.get<AlertRulesResponse>('/api/alert-rules')).body.rules.find((r) => r.id === body.rule.id)!
        .current;
    await minutesPass(1);
    expect(await state()).toMatchObject({ state: 'ok', status: 'clear' });

    h.simulator.degrade(CODE, 0);
    await minutesPass(10);
    const early = await state();
    expect(early.state).toBe('ok'); // a third of the window degraded: still above 25%
    await minutesPass(15);
    const degraded = await state();
    expect(degraded).toMatchObject({ state: 'firing', status: 'breach' });
    expect(degraded.value!).toBeLessThan(25);

    h.simulator.restore();
    await minutesPass(15);
    expect((await state()).state).toBe('firing'); // recovering, inside the band: holds
    await minutesPass(20);
    const recovered = await state();
    expect(recovered).toMatchObject({ state: 'resolved', status: 'clear' });
    expect(recovered.value!).toBeGreaterThanOrEqual(40);

    const { history } = (await admin.get<AlertsResponse>(`/api/alerts?ruleId=${body.rule.id}`)).body;
    expect(history.map((e) => `${e.previousState}->${e.state}`)).toEqual(['firing->resolved', 'ok->firing']);
  }, 60_000);
});
