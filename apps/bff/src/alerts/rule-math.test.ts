// The rule maths against windows and figures computed by hand: calendar windows across DST in a named zone,
// the budget forecast in a 745-hour month, amounts in several currencies never mixed, and the hysteresis of
// the state machine.
import { alertRuleInputSchema } from '@callboard/contracts';
import { describe, expect, it } from 'vitest';
import type { SummaryFigures } from '../store/record-store.js';
import {
  type AlertRuleDefinition,
  type BudgetDefinition,
  budgetFigures,
  type CurrentState,
  Decimal,
  decimalText,
  measure,
  observeBudget,
  observeThreshold,
  type QualityDefinition,
  resolveValue,
  ruleSpan,
  transition,
  windowOf,
} from './rule-math.js';

const utc = (text: string) => Date.parse(text);
const HOUR = 3_600_000;
const rule = (input: unknown, tz = 'Europe/London') =>
  ({ ...alertRuleInputSchema.parse(input), tz }) as AlertRuleDefinition;

function figures(
  overrides: Partial<SummaryFigures['overall']> = {},
  extra: Partial<SummaryFigures> = {},
): SummaryFigures {
  return {
    overall: {
      calls: 0,
      answered: 0,
      asr: null,
      acdSeconds: null,
      talkSeconds: 0,
      shortCalls: 0,
      keyPresses: 0,
      ...overrides,
    },
    currencies: [],
    byCode: [],
    byTermination: [],
    byDay: [],
    byBillPeriod: [],
    durationHistogram: [],
    ...extra,
  };
}

describe('windows', () => {
  it('cuts calendar days in the zone: days across the spring change are 23 hours short', () => {
    // Europe/London springs forward at 2026-03-29 01:00 UTC: the 29th is 23 hours long.
    const now = utc('2026-03-30T23:30:00Z'); // 00:30 BST on the 31st
    expect(windowOf({ size: 2, unit: 'days' }, 'Europe/London', now)).toEqual({
      from: utc('2026-03-29T23:00:00Z'),
      to: now,
    });
    const morning = utc('2026-03-30T08:00:00Z'); // 09:00 BST on the 30th
    const twoDays = windowOf({ size: 2, unit: 'days' }, 'Europe/London', morning);
    expect(twoDays.from).toBe(utc('2026-03-29T00:00:00Z')); // midnight GMT, before the change
    expect((twoDays.to - twoDays.from) / HOUR).toBe(32); // 23 h of the 29th + 9 h of the 30th
    // At 00:00 BST on the 31st, three days began at midnight GMT on the 29th: 23 + 24 + 0 hours.
    const threeDays = windowOf({ size: 3, unit: 'days' }, 'Europe/London', utc('2026-03-30T23:00:00Z'));
    expect((threeDays.to - threeDays.from) / HOUR).toBe(47);
  });

  it('cuts weeks from Monday and months from the 1st, local time', () => {
    const wednesday = utc('2026-04-01T11:00:00Z');
    expect(windowOf({ size: 1, unit: 'weeks' }, 'Europe/London', wednesday).from).toBe(
      utc('2026-03-29T23:00:00Z'),
    );
    expect(windowOf({ size: 2, unit: 'weeks' }, 'Europe/London', wednesday).from).toBe(
      utc('2026-03-23T00:00:00Z'),
    );
    expect(windowOf({ size: 1, unit: 'months' }, 'Europe/London', utc('2026-10-31T12:00:00Z')).from).toBe(
      utc('2026-09-30T23:00:00Z'),
    );
    expect(windowOf({ size: 3, unit: 'months' }, 'America/New_York', utc('2026-11-20T12:00:00Z')).from).toBe(
      utc('2026-09-01T04:00:00Z'),
    );
  });

  it('rolls minutes and hours back from now, whatever the zone', () => {
    const now = utc('2026-10-25T01:30:00Z'); // inside London's autumn repeat hour
    expect(windowOf({ size: 90, unit: 'minutes' }, 'Europe/London', now)).toEqual({
      from: now - 90 * 60_000,
      to: now,
    });
    expect(windowOf({ size: 3, unit: 'hours' }, '+08:00', now)).toEqual({ from: now - 3 * HOUR, to: now });
  });

  it('takes a fixed offset zone as written', () => {
    expect(windowOf({ size: 1, unit: 'days' }, '+08:00', utc('2026-11-20T12:00:00Z')).from).toBe(
      utc('2026-11-19T16:00:00Z'),
    );
  });

  it("gives a budget this month so far in the budget's zone", () => {
    const budget = rule({ name: 'b', metric: 'budget', currency: 'USD', amount: '1000' }, 'Asia/Tokyo');
    expect(ruleSpan(budget, utc('2026-12-01T10:00:00Z'))).toEqual({
      from: utc('2026-11-30T15:00:00Z'),
      to: utc('2026-12-01T10:00:00Z'),
    });
  });
});

describe('measuring', () => {
  const mixed = figures(
    { calls: 3, answered: 1, talkSeconds: 61, shortCalls: 0 },
    {
      currencies: [
        {
          currency: 'EUR',
          calls: 1,
          answered: 0,
          asr: 0,
          talkSeconds: 0,
          chargedSeconds: 0,
          overheadSeconds: 0,
          acdSeconds: null,
          shortCalls: 0,
          keyPresses: 0,
          cost: '0.05',
        },
        {
          currency: 'USD',
          calls: 2,
          answered: 1,
          asr: 0.5,
          talkSeconds: 61,
          chargedSeconds: 80,
          overheadSeconds: 19,
          acdSeconds: 61,
          shortCalls: 0,
          keyPresses: 0,
          cost: '10.10000001',
        },
      ],
      byTermination: [
        { terminationCode: '503', calls: 1, answered: 0, reasons: [] },
        { terminationCode: '200', calls: 1, answered: 1, reasons: [] },
      ],
    },
  );

  it('reads spend in the rule’s currency only, exactly', () => {
    const spend = (currency: string) =>
      rule({
        name: 's',
        metric: 'spend',
        currency,
        window: { size: 1, unit: 'days' },
        scope: { kind: 'all' },
        amount: '10',
      });
    expect(decimalText(measure(spend('USD'), mixed).value!)).toBe('10.10000001');
    expect(decimalText(measure(spend('EUR'), mixed).value!)).toBe('0.05');
    expect(decimalText(measure(spend('GBP'), mixed).value!)).toBe('0');
  });

  it('divides shares exactly: one of three answered is 33.33…%, under 33.34 and over 33.33', () => {
    const asr = (threshold: number) =>
      rule({
        name: 'a',
        metric: 'asr',
        window: { size: 1, unit: 'hours' },
        scope: { kind: 'all' },
        threshold,
      }) as QualityDefinition;
    const m = measure(asr(40), mixed);
    expect(m.value!.toFixed(10)).toBe('33.3333333333');
    expect(observeThreshold(asr(33.34), m).status).toBe('breach');
    expect(observeThreshold(asr(33.33), m).status).not.toBe('breach');
    const share = rule({
      name: 't',
      metric: 'termination_share',
      terminationCode: '503',
      window: { size: 1, unit: 'hours' },
      scope: { kind: 'all' },
      threshold: 10,
    });
    expect(measure(share, mixed).value!.toFixed(4)).toBe('33.3333');
    const acd = rule({
      name: 'c',
      metric: 'acd',
      window: { size: 1, unit: 'hours' },
      scope: { kind: 'all' },
      threshold: 10,
    });
    expect(measure(acd, mixed).value!.toString()).toBe('61');
  });

  it('does not judge a window with fewer calls than the rule asks for', () => {
    const asr = rule({
      name: 'a',
      metric: 'asr',
      window: { size: 1, unit: 'hours' },
      scope: { kind: 'all' },
      threshold: 40,
      minCalls: 4,
    }) as QualityDefinition;
    expect(observeThreshold(asr, measure(asr, mixed)).status).toBe('too_few_calls');
    const none = rule({
      name: 'a',
      metric: 'asr',
      window: { size: 1, unit: 'hours' },
      scope: { kind: 'all' },
      threshold: 40,
    }) as QualityDefinition;
    expect(observeThreshold(none, measure(none, figures())).status).toBe('too_few_calls');
  });
});

describe('budget forecast', () => {
  const budget = rule({
    name: 'b',
    metric: 'budget',
    currency: 'USD',
    amount: '3000',
    warnAt: [50, 80, 100],
  }) as BudgetDefinition;

  it('carries the daily run rate to the month end: 1000 spent in 10 days of a 745-hour October', () => {
    // October 2026 in London: 31 days plus the hour clocks go back on the 25th.
    const tenDaysIn = utc('2026-10-10T23:00:00Z'); // 00:00 BST on the 11th
    const f = budgetFigures(budget, new Decimal('1000'), tenDaysIn);
    expect((f.month.to - f.month.from) / HOUR).toBe(745);
    expect(decimalText(f.forecast)).toBe('3104.16666667'); // 1000 × 745 / 240, half-up at 8 decimals
    expect(f.percentUsed.toFixed(2)).toBe('33.33');
  });

  it('counts at least one day elapsed, so the first hours do not project a wild month', () => {
    const sixHoursIn = utc('2026-10-01T05:00:00Z'); // 06:00 BST on the 1st
    expect(decimalText(budgetFigures(budget, new Decimal('10'), sixHoursIn).forecast)).toBe('310.41666667'); // 10 × 745 / 24
  });

  it('warns at the highest percentage spent and when the forecast passes the budget, with a band on the forecast', () => {
    const at = (spent: string, forecast: string, current: CurrentState) =>
      observeBudget(
        budget,
        {
          spent: new Decimal(spent),
          forecast: new Decimal(forecast),
          percentUsed: new Decimal(0),
          month: { from: 0, to: 1 },
        },
        current,
      );
    const ok: CurrentState = { state: 'ok', level: null };
    expect(at('1000', '2900', ok)).toEqual({ status: 'band', level: null });
    expect(at('1000', '2800', ok)).toEqual({ status: 'clear', level: null });
    expect(at('1000', '3000.01', ok)).toEqual({ status: 'breach', level: 'forecast' });
    const firing: CurrentState = { state: 'firing', level: 'forecast' };
    expect(at('1000', '2900', firing)).toEqual({ status: 'breach', level: 'forecast' }); // inside the 5% band: holds
    expect(at('1000', '2849.99', firing)).toEqual({ status: 'clear', level: null });
    expect(at('1500', '4000', ok)).toEqual({ status: 'breach', level: 'spent-50+forecast' });
    expect(at('2400', '2500', ok)).toEqual({ status: 'breach', level: 'spent-80' });
    expect(at('3000', '3000', ok)).toEqual({ status: 'breach', level: 'spent-100' });
  });
});

describe('state machine', () => {
  const asr = rule({
    name: 'a',
    metric: 'asr',
    window: { size: 1, unit: 'hours' },
    scope: { kind: 'all' },
    threshold: 40,
  }) as QualityDefinition;

  it('resolves 2 points inside the threshold by default, or where the rule says', () => {
    expect(resolveValue(asr).toString()).toBe('42');
    const volume = rule({
      name: 'v',
      metric: 'call_volume',
      window: { size: 1, unit: 'hours' },
      scope: { kind: 'all' },
      threshold: 200,
    }) as QualityDefinition;
    expect(resolveValue(volume).toString()).toBe('180');
    const spend = rule({
      name: 's',
      metric: 'spend',
      currency: 'EUR',
      window: { size: 1, unit: 'days' },
      scope: { kind: 'all' },
      amount: '100',
      resolveAmount: '90.5',
    });
    expect(resolveValue(spend as never).toString()).toBe('90.5');
  });

  it('fires below the threshold, holds in the band, resolves past the resolve value, fires again', () => {
    const answeredOf100 = [45, 39, 41, 39.5, 42, 41, 30];
    let current: CurrentState = { state: 'ok', level: null };
    const states: string[] = [];
    for (const answered of answeredOf100) {
      const observation = observeThreshold(asr, {
        value: new Decimal(answered),
        calls: 100,
        enoughCalls: true,
      });
      current = transition(current, observation) ?? current;
      states.push(`${observation.status}:${current.state}`);
    }
    expect(states).toEqual([
      'clear:ok',
      'breach:firing',
      'band:firing',
      'breach:firing',
      'clear:resolved',
      'band:resolved',
      'breach:firing',
    ]);
  });

  it('changes nothing on no data or too few calls, and reports a budget level change as a new state', () => {
    const firing: CurrentState = { state: 'firing', level: null };
    expect(transition(firing, { status: 'no_data', level: null })).toBeNull();
    expect(transition(firing, { status: 'too_few_calls', level: null })).toBeNull();
    expect(
      transition({ state: 'firing', level: 'spent-50' }, { status: 'breach', level: 'spent-80' }),
    ).toEqual({ state: 'firing', level: 'spent-80' });
    expect(
      transition({ state: 'firing', level: 'spent-80' }, { status: 'breach', level: 'spent-80' }),
    ).toBeNull();
  });
});

describe('rule validation', () => {
  it('names the field and what is allowed', () => {
    const issue = (input: unknown) =>
      alertRuleInputSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issue({ name: 'x', metric: 'latency' })).toEqual([
      expect.stringMatching(/^metric: one of spend, budget, asr/),
    ]);
    expect(
      issue({
        name: 'x',
        metric: 'asr',
        window: { size: 2000, unit: 'minutes' },
        scope: { kind: 'all' },
        threshold: 40,
      }),
    ).toEqual(['window.size: from 5 to 1440 minutes']);
    expect(
      issue({
        name: 'x',
        metric: 'asr',
        window: { size: 1, unit: 'hours' },
        scope: { kind: 'all' },
        threshold: 140,
      }),
    ).toEqual(['threshold: from 0 to 100%']);
    expect(
      issue({
        name: 'x',
        metric: 'spend',
        currency: 'usd',
        window: { size: 1, unit: 'days' },
        scope: { kind: 'all' },
        amount: '1.5',
      }),
    ).toEqual(['currency: a three-letter currency code like USD or EUR']);
    expect(issue({ name: 'x', metric: 'budget', currency: 'USD', amount: '0.1234567891' })).toEqual([
      'amount: an amount as a decimal string with at most 8 decimals, like "250" or "99.5"',
    ]);
    expect(
      issue({
        name: 'x',
        metric: 'short_call_share',
        window: { size: 1, unit: 'hours' },
        scope: { kind: 'all' },
        threshold: 40,
      }),
    ).toEqual([
      'shortCallSeconds: needed for short_call_share: one of 1, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600',
    ]);
  });
});
