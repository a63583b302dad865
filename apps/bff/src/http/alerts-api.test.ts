// /api/alert-rules and /api/alerts over real HTTP, a real DuckDB file and the simulator: rules evaluated
// against figures computed by hand from the simulator's own records, "no data" until the sync covers a
// window, and every role seeing and managing only its kinds (a spend alert never reaches support).
import {
  ALERT_RULES_ACCESS,
  ALERTS_ACCESS,
  type AlertRule,
  type AlertRuleResponse,
  type AlertRulesResponse,
  type AlertSeriesResponse,
  type AlertsResponse,
  type AuditResponse,
  moneyFields,
} from '@callboard/contracts';
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, type Harness, type Role, startHarness } from '../test-support/harness.js';
import { keysOf } from '../test-support/json-keys.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CODE = 'Philippines(Globe)';
const MONEY = new Set([...moneyFields(ALERT_RULES_ACCESS), ...moneyFields(ALERTS_ACCESS)]);

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ callsPerDay: 400 });
  // Synced up to the start of yesterday (UTC): the last hours stay uncovered until a test syncs them.
  await h.server.sync.request(FIXED_NOW - 31 * DAY, FIXED_NOW - DAY, 'manual');
  await h.server.sync.idle();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function evaluate(): Promise<void> {
  const evaluator = h.server.alerting.evaluator;
  await evaluator.idle();
  evaluator.request();
  await evaluator.idle();
}

async function create(role: Role, rule: unknown) {
  return (await h.as(role)).send<AlertRuleResponse & { error: { param: string; message: string } }>(
    'POST',
    '/api/alert-rules',
    rule,
  );
}

async function ruleOf(role: Role, id: number): Promise<AlertRule | undefined> {
  return (await (await h.as(role)).get<AlertRulesResponse>('/api/alert-rules')).body.rules.find(
    (r) => r.id === id,
  );
}

describe('evaluation', () => {
  let volumeId: number;

  it('reports a window the sync has not covered as no data, not as zero calls', async () => {
    // "Fewer than a million calls in 3 hours" would fire at once if a gap counted as zero calls.
    const created = await create('admin', {
      name: 'Traffic stopped',
      metric: 'call_volume',
      window: { size: 3, unit: 'hours' },
      scope: { kind: 'all' },
      comparison: 'below',
      threshold: 1_000_000,
    });
    expect(created.status).toBe(201);
    volumeId = created.body.rule.id;
    await evaluate();
    const rule = (await ruleOf('admin', volumeId))!;
    expect(rule.current).toMatchObject({ state: 'ok', status: 'no_data', value: null, calls: null });
    expect(rule.current.missing.length).toBeGreaterThan(0);
    expect((await h.get<AlertsResponse>(`/api/alerts?ruleId=${volumeId}`)).body.history).toEqual([]);
  });

  it('fires once the sync has covered the window, with the exact count', async () => {
    await h.server.sync.request(FIXED_NOW - DAY, FIXED_NOW, 'manual');
    await h.server.sync.idle();
    await evaluate();
    const rule = (await ruleOf('admin', volumeId))!;
    const expected = h.simulator.dataset.countBetween(FIXED_NOW - 3 * HOUR, FIXED_NOW, FIXED_NOW);
    expect(rule.current).toMatchObject({
      state: 'firing',
      status: 'breach',
      value: expected,
      calls: expected,
      missing: [],
    });
    const { history, firing } = (await h.get<AlertsResponse>(`/api/alerts?ruleId=${volumeId}`)).body;
    expect(history.map((e) => [e.state, e.previousState, e.value])).toEqual([['firing', 'ok', expected]]);
    expect(firing.some((e) => e.ruleId === volumeId)).toBe(true);
  });

  it("measures one operator's answer rate exactly as the upstream records say", async () => {
    const { body } = await create('support', {
      name: `ASR ${CODE}`,
      metric: 'asr',
      window: { size: 6, unit: 'hours' },
      scope: { kind: 'code', code: CODE },
      threshold: 99,
      minCalls: 5,
    });
    await evaluate();
    const records = h.simulator.dataset
      .recordsBetween(FIXED_NOW - 6 * HOUR, FIXED_NOW, FIXED_NOW)
      .filter((r) => r.code === CODE);
    const answered = records.filter((r) => r.answerTime !== '').length;
    expect(records.length).toBeGreaterThan(5);
    const rule = (await ruleOf('support', body.rule.id))!;
    expect(rule.current.calls).toBe(records.length);
    expect(rule.current.value).toBe(Number(new Big(answered).times(100).div(records.length).toFixed(2)));
    expect(rule.current.state).toBe('firing');

    // Its chart starts with the last 24 hours, each measured from the archive as an evaluation then would have.
    const series = async () =>
      (await (await h.as('support')).get<AlertSeriesResponse>(`/api/alert-rules/${body.rule.id}/series`))
        .body;
    await expect
      .poll(async () => (await series()).points.length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(25);
    const at = Math.floor(FIXED_NOW / HOUR) * HOUR - 3 * HOUR;
    const point = (await series()).points.find((p) => p.at === new Date(at).toISOString())!;
    const then = h.simulator.dataset
      .recordsBetween(at - 6 * HOUR, at, FIXED_NOW)
      .filter((r) => r.code === CODE);
    expect(point.calls).toBe(then.length);
    expect(point.value).toBe(
      Number(new Big(then.filter((r) => r.answerTime !== '').length).times(100).div(then.length).toFixed(2)),
    );
  });

  it('counts calendar days in a named zone across its DST change', async () => {
    // 30 days in New York ending 07:00 EST on 20 November began at midnight EDT on 22 October: 04:00 UTC.
    const { body } = await create('admin', {
      name: 'Volume, 30 New York days',
      metric: 'call_volume',
      window: { size: 30, unit: 'days' },
      scope: { kind: 'all' },
      threshold: 1,
      tz: 'America/New_York',
    });
    await evaluate();
    const rule = (await ruleOf('admin', body.rule.id))!;
    expect(rule.current.window).toEqual({
      from: '2026-10-22T04:00:00.000Z',
      to: new Date(FIXED_NOW).toISOString(),
    });
    expect(rule.current.value).toBe(
      h.simulator.dataset.countBetween(Date.parse('2026-10-22T04:00:00Z'), FIXED_NOW, FIXED_NOW),
    );
  });

  it('measures spend per currency exactly, never adding euros and dollars', async () => {
    const truth = h.simulator.dataset.aggregate(
      Date.parse('2026-11-19T00:00:00Z'),
      FIXED_NOW,
      FIXED_NOW,
    ).costByCurrency;
    expect(Object.keys(truth).sort()).toEqual(['EUR', 'USD']);
    for (const currency of ['EUR', 'USD']) {
      const { body } = await create('finance', {
        name: `${currency} two days`,
        metric: 'spend',
        currency,
        window: { size: 2, unit: 'days' },
        scope: { kind: 'all' },
        amount: '0.01',
        tz: 'UTC',
      });
      await evaluate();
      const rule = (await ruleOf('finance', body.rule.id))!;
      expect(rule.current.amount).toEqual({ currency, amount: truth[currency] });
      expect(rule.current.state).toBe('firing');
    }
  });

  it("forecasts a budget's month end from the daily run rate", async () => {
    const { body } = await create('finance', {
      name: 'USD budget',
      metric: 'budget',
      currency: 'USD',
      amount: '1000000',
      tz: 'UTC',
    });
    await evaluate();
    const spent = h.simulator.dataset.aggregate(Date.parse('2026-11-01T00:00:00Z'), FIXED_NOW, FIXED_NOW)
      .costByCurrency.USD!;
    // 19.5 days of November's 30 have passed: forecast = spent × 720 h / 468 h.
    const forecast = new Big(spent).times(720).div(468).round(8, Big.roundHalfUp);
    const rule = (await ruleOf('finance', body.rule.id))!;
    expect(rule.current.budget).toEqual({
      spent: { currency: 'USD', amount: spent },
      forecast: { currency: 'USD', amount: forecast.toFixed(8).replace(/\.?0+$/, '') },
      percentUsed: Number(new Big(spent).div(10_000).toFixed(2)),
      monthFrom: '2026-11-01T00:00:00.000Z',
      monthTo: '2026-12-01T00:00:00.000Z',
    });
    expect(rule.current.state).toBe('ok');

    const series = await (await h.as('finance')).get<AlertSeriesResponse>(
      `/api/alert-rules/${body.rule.id}/series`,
    );
    const days = series.body.budgetDays!;
    expect(days[0]!.day).toBe('2026-11-01');
    expect(days.at(-1)).toEqual({ day: '2026-11-20', spent: { currency: 'USD', amount: spent } });
    expect(series.body.points.at(-1)?.amount).toEqual({ currency: 'USD', amount: spent });
  });

  it('resolves when the rule no longer holds, and keeps the history', async () => {
    const { body } = await create('finance', {
      name: 'EUR spend today',
      metric: 'spend',
      currency: 'EUR',
      window: { size: 1, unit: 'days' },
      scope: { kind: 'all' },
      amount: '0.01',
    });
    await evaluate();
    expect((await ruleOf('finance', body.rule.id))!.current.state).toBe('firing');
    const patched = await (await h.as('finance')).send<AlertRuleResponse>(
      'PATCH',
      `/api/alert-rules/${body.rule.id}`,
      { amount: '99999999' },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.rule.amount).toEqual({ currency: 'EUR', amount: '99999999' });
    await evaluate();
    const { history } = (
      await (await h.as('finance')).get<AlertsResponse>(`/api/alerts?ruleId=${body.rule.id}`)
    ).body;
    expect(history.map((e) => `${e.previousState}->${e.state}`)).toEqual(['firing->resolved', 'ok->firing']);
    expect(history[1]!.thresholdAmount).toEqual({ currency: 'EUR', amount: '0.01' });
    // Evaluating again changes nothing: one event per state change.
    await evaluate();
    expect(
      (await (await h.as('finance')).get<AlertsResponse>(`/api/alerts?ruleId=${body.rule.id}`)).body.history,
    ).toHaveLength(2);
    const audit = await h.get<AuditResponse>('/api/audit?action=alert-rule-update');
    expect(audit.body.entries[0]!.detail).toMatchObject({ id: body.rule.id, fields: ['amount'] });
  });
});

describe('roles', () => {
  const spendRule = {
    name: 'spend',
    metric: 'spend',
    currency: 'USD',
    window: { size: 1, unit: 'days' },
    scope: { kind: 'all' },
    amount: '0.01',
  };
  const qualityRule = {
    name: 'quality',
    metric: 'acd',
    window: { size: 1, unit: 'hours' },
    scope: { kind: 'all' },
    threshold: 5,
  };

  it('lets admin and finance manage spend rules and budgets, admin and support quality rules', async () => {
    const outcomes: Record<string, number> = {};
    for (const role of ['admin', 'finance', 'support'] as const) {
      outcomes[`${role} spend`] = (await create(role, spendRule)).status;
      outcomes[`${role} budget`] = (
        await create(role, { name: 'b', metric: 'budget', currency: 'EUR', amount: '5' })
      ).status;
      outcomes[`${role} quality`] = (await create(role, qualityRule)).status;
    }
    expect(outcomes).toEqual({
      'admin spend': 201,
      'admin budget': 201,
      'admin quality': 201,
      'finance spend': 201,
      'finance budget': 201,
      'finance quality': 403,
      'support spend': 403,
      'support budget': 403,
      'support quality': 201,
    });
    const refused = await create('support', spendRule);
    expect(refused.body.error).toMatchObject({
      param: 'metric',
      message: 'Your role (support) may not manage spend rules and budgets',
    });
    expect((await h.request('/api/alert-rules')).status).toBe(401);
  });

  it('never shows support a spend rule or a spend alert, in any answer', async () => {
    await evaluate();
    const finance = await (await h.as('finance')).get<AlertsResponse>('/api/alerts');
    expect(finance.body.firing.some((e) => e.kind === 'spend' && e.amount !== null)).toBe(true);

    const support = await h.as('support');
    const rules = await support.get<AlertRulesResponse>('/api/alert-rules');
    expect(rules.body.rules.length).toBeGreaterThan(0);
    expect(rules.body.rules.every((r) => r.kind === 'quality')).toBe(true);
    const alerts = await support.get<AlertsResponse>('/api/alerts?limit=200');
    expect([...alerts.body.firing, ...alerts.body.history].every((e) => e.kind === 'quality')).toBe(true);
    for (const body of [rules.text, alerts.text]) {
      expect([...keysOf(JSON.parse(body))].filter((k) => MONEY.has(k))).toEqual([]);
      expect(body).not.toMatch(/EUR|USD/);
    }

    // A spend rule's id is no rule at all for support: 404, whatever the method.
    const spendId = (
      await (await h.as('finance')).get<AlertRulesResponse>('/api/alert-rules')
    ).body.rules.find((r) => r.kind === 'spend')!.id;
    expect((await support.send('PATCH', `/api/alert-rules/${spendId}`, { name: 'mine now' })).status).toBe(
      404,
    );
    expect((await support.send('DELETE', `/api/alert-rules/${spendId}`)).status).toBe(404);
    expect((await support.get(`/api/alert-rules/${spendId}/series`)).status).toBe(404);
  });

  it('keeps finance from editing or deleting quality rules it may read', async () => {
    const quality = (
      await (await h.as('finance')).get<AlertRulesResponse>('/api/alert-rules')
    ).body.rules.find((r) => r.kind === 'quality')!;
    const finance = await h.as('finance');
    expect((await finance.send('PATCH', `/api/alert-rules/${quality.id}`, { threshold: 10 })).status).toBe(
      403,
    );
    expect((await finance.send('DELETE', `/api/alert-rules/${quality.id}`)).status).toBe(403);
    // Nor may support turn its quality rule into a spend rule.
    const support = await h.as('support');
    const mine = (await support.get<AlertRulesResponse>('/api/alert-rules')).body.rules[0]!;
    const changed = await support.send<{ error: { param: string } }>('PATCH', `/api/alert-rules/${mine.id}`, {
      metric: 'spend',
      currency: 'USD',
      amount: '1',
      window: { size: 1, unit: 'days' },
      scope: { kind: 'all' },
    });
    expect(changed.status).toBe(403);
    expect((await support.send('DELETE', `/api/alert-rules/${mine.id}`)).status).toBe(204);
  });
});

describe('validation', () => {
  it('answers 400 naming the field and what is allowed', async () => {
    const admin = await h.as('admin');
    const cases: Array<[unknown, string, RegExp]> = [
      [
        {
          name: 'x',
          metric: 'asr',
          window: { size: 0, unit: 'hours' },
          scope: { kind: 'all' },
          threshold: 40,
        },
        'window.size',
        /from 1 to 168 hours/,
      ],
      [
        {
          name: 'x',
          metric: 'asr',
          window: { size: 1, unit: 'fortnights' },
          scope: { kind: 'all' },
          threshold: 40,
        },
        'window.unit',
        /one of minutes, hours/,
      ],
      [
        {
          name: 'x',
          metric: 'asr',
          window: { size: 1, unit: 'hours' },
          scope: { kind: 'country' },
          threshold: 40,
        },
        'scope.kind',
        /all, code .* or terminationCode/,
      ],
      [
        {
          name: 'x',
          metric: 'asr',
          window: { size: 1, unit: 'hours' },
          scope: { kind: 'all' },
          threshold: 40,
          colour: 'red',
        },
        'colour',
        /unknown field colour/,
      ],
      [
        {
          name: 'x',
          metric: 'spend',
          currency: 'EUR',
          window: { size: 1, unit: 'days' },
          scope: { kind: 'all' },
          amount: 12.5,
        },
        'amount',
        /decimal string/,
      ],
      [
        { name: 'x', metric: 'budget', currency: 'EUR', amount: '10', warnAt: [50, 50] },
        'warnAt',
        /each percentage once/,
      ],
      [
        { name: 'x', metric: 'nps' },
        'metric',
        /one of spend, budget, asr, acd, short_call_share, termination_share, call_volume/,
      ],
      [
        {
          name: '',
          metric: 'call_volume',
          window: { size: 1, unit: 'hours' },
          scope: { kind: 'all' },
          threshold: 1.5,
        },
        'name',
        /a name/,
      ],
    ];
    for (const [body, param, message] of cases) {
      const response = await admin.send<{ error: { param: string; message: string } }>(
        'POST',
        '/api/alert-rules',
        body,
      );
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.param, JSON.stringify(body)).toBe(param);
      expect(response.body.error.message).toMatch(message);
    }
    const rule = (
      await create('admin', {
        name: 'x',
        metric: 'asr',
        window: { size: 1, unit: 'hours' },
        scope: { kind: 'all' },
        threshold: 40,
      })
    ).body.rule;
    const patched = await admin.send<{ error: { param: string; message: string } }>(
      'PATCH',
      `/api/alert-rules/${rule.id}`,
      { threshold: 140 },
    );
    expect(patched.body.error).toMatchObject({ param: 'threshold', message: 'threshold: from 0 to 100%' });
    expect((await admin.send('PATCH', `/api/alert-rules/${rule.id}`, {})).status).toBe(400);
    expect((await admin.send('PATCH', '/api/alert-rules/abc', { name: 'y' })).status).toBe(400);
    expect((await admin.get('/api/alerts?limit=0')).status).toBe(400);
    expect((await admin.get('/api/alerts?state=firing')).status).toBe(400);
  });
});
