// Stored rules and events as the API (and every webhook payload) shows them: quality values as numbers,
// amounts always with their currency, instants as UTC ISO strings.
import type { AlertEvent, AlertRule } from '@callboard/contracts';
import type { ObservationRecord, StoredEvent, StoredRule } from './alert-store.js';
import {
  comparisonOf,
  DEFAULT_WARN_AT,
  Decimal,
  decimalText,
  displayNumber,
  resolveValue,
} from './rule-math.js';

const iso = (ms: number) => new Date(ms).toISOString();
const num = (text: string | null) => (text === null ? null : displayNumber(new Decimal(text)));

function observed(kindIsMoney: boolean, observation: ObservationRecord | null) {
  const value = observation?.value ?? null;
  const currency = observation?.currency ?? null;
  const budget = observation?.budget ?? null;
  return {
    value: kindIsMoney ? null : num(value),
    amount: kindIsMoney && value !== null && currency !== null ? { currency, amount: value } : null,
    budget:
      budget && currency
        ? {
            spent: { currency, amount: budget.spent },
            forecast: { currency, amount: budget.forecast },
            percentUsed: displayNumber(new Decimal(budget.percentUsed)),
            monthFrom: iso(budget.monthFrom),
            monthTo: iso(budget.monthTo),
          }
        : null,
    calls: observation?.calls ?? null,
    window: observation?.window
      ? { from: iso(observation.window.from), to: iso(observation.window.to) }
      : null,
  };
}

export function ruleView(rule: StoredRule): AlertRule {
  const d = rule.definition;
  const money = d.metric === 'spend' || d.metric === 'budget';
  const scope = d.scope ?? { kind: 'all' as const };
  const threshold = d.metric !== 'spend' && d.metric !== 'budget' ? d : null;
  return {
    id: rule.id,
    name: rule.name,
    metric: d.metric,
    kind: rule.kind,
    enabled: rule.enabled,
    tz: d.tz,
    currency: money ? d.currency : null,
    window: d.metric === 'budget' ? null : d.window,
    scope,
    comparison: d.metric === 'budget' ? null : comparisonOf(d),
    threshold: threshold ? threshold.threshold : null,
    resolveThreshold: threshold ? displayNumber(resolveValue(threshold)) : null,
    amount: money ? { currency: d.currency, amount: d.amount } : null,
    resolveAmount:
      d.metric === 'spend' ? { currency: d.currency, amount: decimalText(resolveValue(d)) } : null,
    warnAt: d.metric === 'budget' ? (d.warnAt ?? DEFAULT_WARN_AT) : null,
    forecast: d.metric === 'budget' ? (d.forecast ?? true) : null,
    minCalls: threshold ? (threshold.minCalls ?? 0) : null,
    shortCallSeconds: d.metric === 'short_call_share' ? (d.shortCallSeconds ?? null) : null,
    terminationCode: d.metric === 'termination_share' ? (d.terminationCode ?? null) : null,
    createdBy: rule.createdBy,
    createdAt: iso(rule.createdAt),
    updatedAt: iso(rule.updatedAt),
    current: {
      state: rule.state.state,
      level: rule.state.level,
      since: iso(rule.state.since),
      status: rule.state.status,
      evaluatedAt: rule.state.evaluatedAt === null ? null : iso(rule.state.evaluatedAt),
      ...observed(money, rule.state.observation),
      missing: rule.state.observation?.missing ?? [],
    },
  };
}

export function eventView(event: StoredEvent): AlertEvent {
  const o = event.observation;
  const money = event.kind === 'spend';
  return {
    id: event.id,
    ruleId: event.ruleId,
    ruleName: event.ruleName,
    metric: event.metric,
    kind: event.kind,
    state: event.state,
    previousState: event.previousState,
    level: event.level,
    at: iso(event.at),
    ...observed(money, o),
    threshold: money ? null : num(o.threshold),
    thresholdAmount:
      money && o.threshold !== null && o.currency !== null
        ? { currency: o.currency, amount: o.threshold }
        : null,
    tz: o.tz,
  };
}
