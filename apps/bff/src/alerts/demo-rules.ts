// Demo mode starts with a few rules sized to the generated traffic, so the Alerts page has something to show
// and the degrade toggle has a rule to trip: a monthly budget, a daily EUR spend limit and three quality rules.
import type { AlertRuleInput } from '@callboard/contracts';
import Big from 'big.js';

/** The destination the demo's answer-rate rule watches and the degrade toggle offers first. */
export const DEMO_QUALITY_CODE = 'Philippines(Globe)';

/** Rounds up to a round figure (two significant digits), so the demo's amounts read like a person chose them. */
function roundUp(value: Big): string {
  if (value.lte(0)) return '10';
  const digits = value.round(0, Big.roundUp).toFixed(0).length;
  const step = new Big(10).pow(Math.max(0, digits - 2));
  return value.div(step).round(0, Big.roundUp).times(step).toFixed(0);
}

/** The rules, from the last 30 days' cost per currency (exact decimal strings). */
export function demoRules(costLast30Days: Record<string, string>): AlertRuleInput[] {
  const usd = new Big(costLast30Days.USD ?? '0');
  const eur = new Big(costLast30Days.EUR ?? '0');
  return [
    // 30% over the last 30 days: weekdays run above the month's average, so less would warn on most Tuesdays.
    {
      name: 'USD monthly budget',
      metric: 'budget',
      currency: 'USD',
      amount: roundUp(usd.times(1.3)),
      warnAt: [50, 80, 100],
      forecast: true,
    },
    {
      name: 'EUR spend today',
      metric: 'spend',
      currency: 'EUR',
      window: { size: 1, unit: 'days' },
      scope: { kind: 'all' },
      amount: roundUp(eur.div(30).times(1.5)),
    },
    {
      name: `Answer rate ${DEMO_QUALITY_CODE}`,
      metric: 'asr',
      window: { size: 30, unit: 'minutes' },
      scope: { kind: 'code', code: DEMO_QUALITY_CODE },
      comparison: 'below',
      threshold: 25,
      resolveThreshold: 40,
      minCalls: 10,
    },
    {
      name: 'Short calls (under 10 s)',
      metric: 'short_call_share',
      window: { size: 1, unit: 'hours' },
      scope: { kind: 'all' },
      threshold: 45,
      shortCallSeconds: 10,
      minCalls: 20,
    },
    {
      name: 'Calls failing with 503',
      metric: 'termination_share',
      terminationCode: '503',
      window: { size: 1, unit: 'hours' },
      scope: { kind: 'all' },
      threshold: 15,
      minCalls: 20,
    },
  ];
}
