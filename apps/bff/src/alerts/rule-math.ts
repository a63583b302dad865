// The maths of a rule, free of I/O: which window it looks at, what it measures in a store summary, how a
// budget's month-end forecast is made, and how the state moves (ok → firing → resolved) with hysteresis.
// Values are exact decimals (big.js): shares and averages are divided at 20 digits, amounts never mixed.
import {
  type AlertRuleInput,
  type AlertState,
  type AlertWindow,
  alertKindOf,
  calendarPeriod,
  DAY_MS,
  DEFAULT_SHORT_CALL_SECONDS,
  type EvaluationStatus,
  QUALITY_METRIC_INFO,
  type ResolvedFilters,
  SPEND_RESOLVE_SHARE,
  trimDecimal,
  zonedMonth,
} from '@callboard/contracts';
import Big from 'big.js';
import type { SummaryFigures } from '../store/record-store.js';

/** A decimal constructor of its own: divisions at 20 digits, without touching big.js's global settings. */
export const Decimal = Big();
Decimal.DP = 20;

/** A rule as stored: its zone resolved at creation. */
export type AlertRuleDefinition = AlertRuleInput & { tz: string };
export type SpendDefinition = Extract<AlertRuleDefinition, { metric: 'spend' }>;
export type BudgetDefinition = Extract<AlertRuleDefinition, { metric: 'budget' }>;
export type QualityDefinition = Exclude<AlertRuleDefinition, SpendDefinition | BudgetDefinition>;

export const DEFAULT_WARN_AT = [50, 80, 100];

export interface TimeSpan {
  from: number;
  to: number;
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000 } as const;

/** The window a rule looks at, ending now: rolling for minutes and hours, calendar periods in its zone otherwise. */
export function windowOf(window: AlertWindow, tz: string, now: number): TimeSpan {
  if (window.unit === 'minutes' || window.unit === 'hours')
    return { from: now - window.size * UNIT_MS[window.unit], to: now };
  return calendarPeriod(now, tz, window.unit, window.size);
}

/** The span a rule evaluates: its window, or for a budget this month so far (in its zone). */
export function ruleSpan(rule: AlertRuleDefinition, now: number): TimeSpan {
  if (rule.metric === 'budget') return { from: zonedMonth(now, rule.tz).from, to: now };
  return windowOf(rule.window, rule.tz, now);
}

/** The store filters of a rule's span and scope. Currencies are not filtered: the summary keeps them apart. */
export function ruleFilters(rule: AlertRuleDefinition, span: TimeSpan): ResolvedFilters & TimeSpan {
  const scope = rule.scope ?? { kind: 'all' as const };
  return {
    from: span.from,
    to: span.to,
    tz: rule.tz,
    callee: null,
    codes: scope.kind === 'code' ? [scope.code] : [],
    terminationCodes: scope.kind === 'terminationCode' ? [scope.terminationCode] : [],
    outcome: null,
    currencies: [],
    minDuration: null,
    maxDuration: null,
    q: null,
  };
}

/** The `shortCallSeconds` a rule's summary is asked with (only short-call rules care). */
export function summaryShortCallSeconds(rule: AlertRuleDefinition): number {
  return rule.metric === 'short_call_share'
    ? (rule.shortCallSeconds ?? DEFAULT_SHORT_CALL_SECONDS)
    : DEFAULT_SHORT_CALL_SECONDS;
}

/** What one evaluation measured; `value` is null when there is nothing to measure (too few calls). */
export interface Measurement {
  value: Big | null;
  calls: number;
  enoughCalls: boolean;
}

const percent = (part: number, whole: number) => new Decimal(part).times(100).div(whole);

/** The rule's metric in a summary of its span and scope. */
export function measure(rule: AlertRuleDefinition, figures: SummaryFigures): Measurement {
  const { calls, answered, talkSeconds, shortCalls } = figures.overall;
  if (rule.metric === 'spend' || rule.metric === 'budget') {
    // Only this currency's row: amounts in other currencies are never added in.
    const row = figures.currencies.find((c) => c.currency === rule.currency);
    return { value: new Decimal(row?.cost ?? '0'), calls, enoughCalls: true };
  }
  if (rule.metric === 'call_volume') return { value: new Decimal(calls), calls, enoughCalls: true };
  const enough = calls >= (rule.minCalls ?? 0);
  const none = { value: null, calls, enoughCalls: false };
  if (!enough) return none;
  switch (rule.metric) {
    case 'asr':
      return calls === 0 ? none : { value: percent(answered, calls), calls, enoughCalls: true };
    case 'acd':
      return answered === 0
        ? none
        : { value: new Decimal(talkSeconds).div(answered), calls, enoughCalls: true };
    case 'short_call_share':
      return answered === 0 ? none : { value: percent(shortCalls, answered), calls, enoughCalls: true };
    case 'termination_share': {
      if (calls === 0) return none;
      const code = figures.byTermination.find((t) => t.terminationCode === rule.terminationCode);
      return { value: percent(code?.calls ?? 0, calls), calls, enoughCalls: true };
    }
  }
}

export interface BudgetFigures {
  spent: Big;
  forecast: Big;
  /** Spend so far as a percentage of the budget. */
  percentUsed: Big;
  month: TimeSpan;
}

/**
 * The month-end forecast from this month's daily run rate: spend so far ÷ days elapsed × days in the month,
 * with time measured exactly (a DST day is 23 or 25 hours) and at least one day elapsed, so the first hours
 * of a month do not project a wild month. Rounded half-up to 8 decimals, like every stored amount.
 */
export function budgetFigures(rule: BudgetDefinition, spent: Big, now: number): BudgetFigures {
  const month = zonedMonth(now, rule.tz);
  const length = month.to - month.from;
  const elapsed = Math.min(length, Math.max(DAY_MS, now - month.from));
  const forecast = spent.times(length).div(elapsed).round(8, Decimal.roundHalfUp);
  return { spent, forecast, percentUsed: spent.times(100).div(rule.amount), month };
}

/** The value at which a firing rule goes back to ok: the given one, or a small band inside the threshold. */
export function resolveValue(rule: SpendDefinition | QualityDefinition): Big {
  if (rule.metric === 'spend') {
    if (rule.resolveAmount !== undefined) return new Decimal(rule.resolveAmount);
    const above = (rule.comparison ?? 'above') === 'above';
    return new Decimal(rule.amount).times(above ? 1 - SPEND_RESOLVE_SHARE : 1 + SPEND_RESOLVE_SHARE);
  }
  if (rule.resolveThreshold !== undefined) return new Decimal(rule.resolveThreshold);
  const info = QUALITY_METRIC_INFO[rule.metric];
  const above = comparisonOf(rule) === 'above';
  const margin =
    'points' in info.margin
      ? info.margin.points
      : Math.max(info.margin.least, rule.threshold * info.margin.share);
  const value = above ? Math.max(0, rule.threshold - margin) : Math.min(info.max, rule.threshold + margin);
  return new Decimal(value);
}

export function comparisonOf(rule: SpendDefinition | QualityDefinition): 'above' | 'below' {
  return rule.comparison ?? (rule.metric === 'spend' ? 'above' : QUALITY_METRIC_INFO[rule.metric].comparison);
}

export function thresholdOf(rule: SpendDefinition | QualityDefinition): Big {
  return new Decimal(rule.metric === 'spend' ? rule.amount : rule.threshold);
}

export interface CurrentState {
  state: AlertState;
  level: string | null;
}

/** What an evaluation concludes before the state machine: past the threshold (with a level), back past the resolve value, in between, or nothing to judge. */
export interface Observation {
  status: EvaluationStatus;
  level: string | null;
}

export const NO_DATA: Observation = { status: 'no_data', level: null };
const TOO_FEW: Observation = { status: 'too_few_calls', level: null };

/** A threshold rule's observation: above/below the threshold is a breach; past the resolve value is clear. */
export function observeThreshold(
  rule: SpendDefinition | QualityDefinition,
  measurement: Measurement,
): Observation {
  if (!measurement.enoughCalls || measurement.value === null) return TOO_FEW;
  const value = measurement.value;
  const above = comparisonOf(rule) === 'above';
  const threshold = thresholdOf(rule);
  const resolve = resolveValue(rule);
  if (above ? value.gt(threshold) : value.lt(threshold)) return { status: 'breach', level: null };
  if (above ? value.lte(resolve) : value.gte(resolve)) return { status: 'clear', level: null };
  return { status: 'band', level: null };
}

/**
 * A budget's observation. Its level names what is crossed: the highest warning percentage spent
 * (`spent-80`) and/or the forecast over budget (`forecast`), joined by `+`. The forecast part keeps
 * firing until the forecast falls 5% under the budget (hysteresis: run rates wobble day to day).
 */
export function observeBudget(
  rule: BudgetDefinition,
  figures: BudgetFigures,
  current: CurrentState,
): Observation {
  const budget = new Decimal(rule.amount);
  const warnAt = [...(rule.warnAt ?? DEFAULT_WARN_AT)].sort((a, b) => b - a);
  const crossed = warnAt.find((p) => figures.spent.times(100).gte(budget.times(p)));
  const forecastFiring = current.state === 'firing' && (current.level ?? '').split('+').includes('forecast');
  const forecastOver =
    (rule.forecast ?? true) &&
    (figures.forecast.gt(budget) ||
      (forecastFiring && figures.forecast.gt(budget.times(1 - SPEND_RESOLVE_SHARE))));
  const parts = [crossed === undefined ? null : `spent-${crossed}`, forecastOver ? 'forecast' : null].filter(
    (p) => p !== null,
  );
  if (parts.length > 0) return { status: 'breach', level: parts.join('+') };
  const inBand = (rule.forecast ?? true) && figures.forecast.gt(budget.times(1 - SPEND_RESOLVE_SHARE));
  return { status: inBand ? 'band' : 'clear', level: null };
}

/**
 * The state machine. A breach fires (or changes a firing rule's level: a budget crossing 80% after 50% is
 * news); clear resolves a firing rule; band, no data and too few calls change nothing, so a rule neither
 * flaps around its threshold nor resolves because the sync has not caught up. Null: no change.
 */
export function transition(current: CurrentState, observation: Observation): CurrentState | null {
  if (observation.status === 'breach') {
    if (current.state === 'firing' && current.level === observation.level) return null;
    return { state: 'firing', level: observation.level };
  }
  if (observation.status === 'clear' && current.state === 'firing') return { state: 'resolved', level: null };
  return null;
}

export const kindOf = (rule: AlertRuleDefinition) => alertKindOf(rule.metric);

/** An exact decimal as the API and payloads show it: 8 decimals at most, trailing zeros trimmed. */
export const decimalText = (value: Big) => trimDecimal(value.toFixed(8));
/** A percent, seconds or calls value for display: two decimals. */
export const displayNumber = (value: Big) => Number(value.toFixed(2));
