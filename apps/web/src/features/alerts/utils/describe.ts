// Rules, values and events in words, the same way in the bell, the rules table, the chart and the history.
// Amounts are formatted as decimals with their currency (never floats); quality values come rounded to
// two decimals from the server.
import {
  type AlertEvent,
  type AlertMetric,
  type AlertRule,
  type AlertScope,
  type AlertWindow,
  type Money,
  QUALITY_METRIC_INFO,
  SPEND_METRIC_LABELS,
} from '@callboard/contracts';
import { formatCount, formatMoneyTotal } from '@/lib/format';

export function metricLabel(metric: AlertMetric): string {
  return metric === 'spend' || metric === 'budget'
    ? SPEND_METRIC_LABELS[metric]
    : QUALITY_METRIC_INFO[metric].label;
}

/** `last 30 minutes`, `today`, `last 7 days (today included)`, `this month`. */
export function windowText(window: AlertWindow): string {
  const { size, unit } = window;
  if (unit === 'minutes' || unit === 'hours') return `last ${size} ${size === 1 ? unit.slice(0, -1) : unit}`;
  const current = { days: 'today', weeks: 'this week', months: 'this month' }[unit];
  if (size === 1) return current;
  return `last ${size} ${unit} (${unit === 'days' ? 'today' : current} included)`;
}

export function scopeText(
  scope: Pick<AlertScope, 'kind'> & { code?: string; terminationCode?: string },
): string {
  if (scope.kind === 'code') return scope.code ?? '';
  if (scope.kind === 'terminationCode') return `termination code ${scope.terminationCode}`;
  return 'all traffic';
}

/** A quality metric's value with its unit: `31.25%`, `42.5 s`, `1,204 calls`. */
export function qualityValue(metric: AlertMetric, value: number): string {
  if (metric === 'spend' || metric === 'budget') return String(value);
  const unit = QUALITY_METRIC_INFO[metric].unit;
  if (unit === '%') return `${value}%`;
  if (unit === 's') return `${value} s`;
  return `${formatCount(value)} calls`;
}

export const money = (m: Money) => formatMoneyTotal(m.amount, m.currency);

/** What the rule watches, in one line: `ASR below 25% · last 30 minutes · Philippines(Globe) · at least 10 calls`. */
export function ruleCondition(rule: AlertRule): string {
  if (rule.metric === 'budget') {
    const parts = [
      `${rule.amount ? money(rule.amount) : rule.currency} a month`,
      `warn at ${(rule.warnAt ?? []).join(', ')}% spent`,
    ];
    if (rule.forecast) parts.push('and when the forecast passes it');
    if (rule.scope.kind !== 'all') parts.push(scopeText(rule.scope));
    return parts.join(' · ');
  }
  const threshold =
    rule.metric === 'spend'
      ? rule.amount
        ? money(rule.amount)
        : ''
      : rule.threshold === null
        ? ''
        : qualityValue(rule.metric, rule.threshold);
  const what =
    rule.metric === 'spend'
      ? `${rule.currency} spend`
      : rule.metric === 'termination_share'
        ? `share of code ${rule.terminationCode}`
        : rule.metric === 'short_call_share'
          ? `answered calls under ${rule.shortCallSeconds} s`
          : metricLabel(rule.metric);
  const parts = [
    `${what} ${rule.comparison} ${threshold}`,
    rule.window ? windowText(rule.window) : '',
    scopeText(rule.scope),
  ];
  if (rule.minCalls) parts.push(`at least ${formatCount(rule.minCalls)} calls`);
  return parts.filter(Boolean).join(' · ');
}

/** The rule's last measured value: `31.25% of 48 calls`, `€23.40`, `62% spent, forecast €6,120.00`. */
export function ruleValue(rule: AlertRule): string {
  const current = rule.current;
  if (current.status === 'pending') return 'Not evaluated yet';
  if (current.status === 'no_data') return 'No data: the window is not synced yet';
  if (current.status === 'too_few_calls') return `Too few calls (${formatCount(current.calls ?? 0)})`;
  if (rule.metric === 'budget' && current.budget) {
    return `${current.budget.percentUsed}% spent (${money(current.budget.spent)}), forecast ${money(current.budget.forecast)}`;
  }
  if (current.amount) return money(current.amount);
  if (current.value === null) return '–';
  const calls =
    rule.metric === 'call_volume' || current.calls === null ? '' : ` of ${formatCount(current.calls)} calls`;
  return `${qualityValue(rule.metric, current.value)}${calls}`;
}

/** A budget's level: `80% spent`, `forecast over budget`, or both. */
export function levelText(level: string | null): string {
  if (!level) return '';
  return level
    .split('+')
    .map((part) =>
      part === 'forecast' ? 'forecast over budget' : part.replace(/^spent-(\d+)$/, '$1% spent'),
    )
    .join(', ');
}

/** An event's measured value, for the bell and the history. */
export function eventValue(event: AlertEvent): string {
  if (event.budget)
    return `${event.budget.percentUsed}% spent (${money(event.budget.spent)}), forecast ${money(event.budget.forecast)}`;
  if (event.amount)
    return `${money(event.amount)}${event.thresholdAmount ? ` (threshold ${money(event.thresholdAmount)})` : ''}`;
  if (event.value === null) return '–';
  const threshold =
    event.threshold === null ? '' : ` (threshold ${qualityValue(event.metric, event.threshold)})`;
  return `${qualityValue(event.metric, event.value)}${threshold}`;
}

/** How the month-end forecast is made, in words, beside every budget. */
export const FORECAST_METHOD =
  "Month-end forecast: this month's spend so far divided by the days elapsed (at least one), times the days in the month, in the budget's zone. It assumes the rest of the month runs at this month's average daily rate.";
