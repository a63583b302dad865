// The rule form's state (strings, as inputs hold them) and the API's rule input, both ways. The server
// validates again and names the field in its 400; this only shapes what was typed.
import {
  ALERT_METRICS,
  type AlertKind,
  type AlertMetric,
  type AlertRule,
  type AlertRuleInput,
  type AlertRulePatch,
  alertKindOf,
  DEFAULT_SHORT_CALL_SECONDS,
  QUALITY_METRIC_INFO,
  type WindowUnit,
} from '@callboard/contracts';

export interface RuleFormValues {
  name: string;
  metric: AlertMetric;
  currency: string;
  amount: string;
  comparison: 'above' | 'below';
  threshold: string;
  windowSize: string;
  windowUnit: WindowUnit;
  scopeKind: 'all' | 'code' | 'terminationCode';
  scopeValue: string;
  minCalls: string;
  shortCallSeconds: string;
  terminationCode: string;
  warnAt: string;
  forecast: boolean;
}

const isMoney = (metric: AlertMetric) => alertKindOf(metric) === 'spend';

/** The metrics a role may create, in the order the form offers them. */
export function metricsFor(kinds: readonly AlertKind[]): AlertMetric[] {
  return ALERT_METRICS.filter((metric) => kinds.includes(alertKindOf(metric)));
}

export function emptyValues(metric: AlertMetric): RuleFormValues {
  const quality = isMoney(metric) ? null : QUALITY_METRIC_INFO[metric as keyof typeof QUALITY_METRIC_INFO];
  return {
    name: '',
    metric,
    currency: 'USD',
    amount: '',
    comparison: quality?.comparison ?? 'above',
    threshold: '',
    windowSize: metric === 'spend' ? '1' : '1',
    windowUnit: metric === 'spend' ? 'days' : 'hours',
    scopeKind: 'all',
    scopeValue: '',
    minCalls: quality && metric !== 'call_volume' ? '20' : '',
    shortCallSeconds: String(DEFAULT_SHORT_CALL_SECONDS),
    terminationCode: '',
    warnAt: '50, 80, 100',
    forecast: true,
  };
}

export function valuesOf(rule: AlertRule): RuleFormValues {
  return {
    ...emptyValues(rule.metric),
    name: rule.name,
    currency: rule.currency ?? 'USD',
    amount: rule.amount?.amount ?? '',
    comparison: rule.comparison ?? 'above',
    threshold: rule.threshold === null ? '' : String(rule.threshold),
    windowSize: String(rule.window?.size ?? 1),
    windowUnit: rule.window?.unit ?? 'hours',
    scopeKind: rule.scope.kind,
    scopeValue: rule.scope.code ?? rule.scope.terminationCode ?? '',
    minCalls: rule.minCalls ? String(rule.minCalls) : '',
    shortCallSeconds: String(rule.shortCallSeconds ?? DEFAULT_SHORT_CALL_SECONDS),
    terminationCode: rule.terminationCode ?? '',
    warnAt: (rule.warnAt ?? [50, 80, 100]).join(', '),
    forecast: rule.forecast ?? true,
  };
}

/** A number as typed, or the text itself, so the server's validation names what is wrong with it. */
function numberOrText(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

function scopeOf(values: RuleFormValues): AlertRuleInput['scope'] & object {
  if (values.scopeKind === 'code') return { kind: 'code', code: values.scopeValue.trim() };
  if (values.scopeKind === 'terminationCode')
    return { kind: 'terminationCode', terminationCode: values.scopeValue.trim() };
  return { kind: 'all' };
}

/** The API's rule input from the form, in the display zone `tz`. */
export function inputOf(values: RuleFormValues, tz: string): AlertRuleInput {
  const name = values.name.trim();
  const window = { size: numberOrText(values.windowSize), unit: values.windowUnit };
  if (values.metric === 'budget') {
    return {
      name,
      metric: 'budget',
      currency: values.currency.trim().toUpperCase(),
      amount: values.amount.trim(),
      warnAt: values.warnAt
        .split(/[\s,;%]+/)
        .filter(Boolean)
        .map(Number),
      forecast: values.forecast,
      scope: scopeOf(values),
      tz,
    };
  }
  if (values.metric === 'spend') {
    return {
      name,
      metric: 'spend',
      currency: values.currency.trim().toUpperCase(),
      amount: values.amount.trim(),
      comparison: values.comparison,
      window,
      scope: scopeOf(values),
      tz,
    };
  }
  return {
    name,
    metric: values.metric,
    threshold: numberOrText(values.threshold),
    comparison: values.comparison,
    window,
    scope: scopeOf(values),
    ...(values.metric !== 'call_volume' && values.minCalls.trim() !== ''
      ? { minCalls: numberOrText(values.minCalls) }
      : {}),
    ...(values.metric === 'short_call_share' ? { shortCallSeconds: Number(values.shortCallSeconds) } : {}),
    ...(values.metric === 'termination_share' ? { terminationCode: values.terminationCode.trim() } : {}),
    tz,
  };
}

/** An edit as a PATCH: the whole rule, and null for the optional fields the form no longer sets. */
export function patchOf(values: RuleFormValues, tz: string): AlertRulePatch {
  const input = inputOf(values, tz) as Record<string, unknown>;
  const cleared = Object.fromEntries(
    ['resolveAmount', 'resolveThreshold', 'minCalls', 'shortCallSeconds', 'terminationCode']
      .filter((key) => !(key in input) && (values.metric !== 'budget' || key !== 'minCalls'))
      .map((key) => [key, null]),
  );
  return { ...cleared, ...input } as AlertRulePatch;
}
