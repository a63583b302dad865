import {
  type AlertKind,
  type AlertMetric,
  type AlertRule,
  alertKindOf,
  SHORT_CALL_SECONDS,
  WINDOW_LIMITS,
  WINDOW_UNITS,
  type WindowUnit,
} from '@callboard/contracts';
import { type FormEvent, useId, useState } from 'react';
import { ApiRequestError, errorMessage } from '@/lib/api-client';
import { useCreateAlertRule } from '../api/create-alert-rule';
import { useUpdateAlertRule } from '../api/update-alert-rule';
import { FORECAST_METHOD, metricLabel } from '../utils/describe';
import {
  emptyValues,
  inputOf,
  metricsFor,
  patchOf,
  type RuleFormValues,
  valuesOf,
} from '../utils/rule-form-values';

interface RuleFormProps {
  /** The kinds the role may manage: the metrics offered. */
  kinds: readonly AlertKind[];
  /** The zone of a new rule (the display zone); an edited rule keeps its own. */
  tz: string;
  /** Editing this rule; a new rule otherwise. */
  rule?: AlertRule;
  /** The metric a new rule starts with (a finance user starts with a budget). */
  initialMetric?: AlertMetric;
  onDone: (rule: AlertRule) => void;
  onCancel: () => void;
}

/** Which input a 400's `param` points at (`window.size` → the window size). */
const FIELD_OF_PARAM: Record<string, keyof RuleFormValues> = {
  'window.size': 'windowSize',
  'window.unit': 'windowUnit',
  window: 'windowSize',
  'scope.code': 'scopeValue',
  'scope.terminationCode': 'scopeValue',
  'scope.kind': 'scopeKind',
  scope: 'scopeKind',
};

/** Create or edit a rule or budget; the server's 400 names the field, and the message appears under it. */
export function RuleForm({ kinds, tz, rule, initialMetric, onDone, onCancel }: RuleFormProps) {
  const metrics = metricsFor(kinds);
  const [values, setValues] = useState<RuleFormValues>(() =>
    rule
      ? valuesOf(rule)
      : emptyValues(initialMetric && metrics.includes(initialMetric) ? initialMetric : metrics[0]!),
  );
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const mutation = rule ? update : create;
  const id = useId();
  const error = mutation.error;
  const param =
    error instanceof ApiRequestError && error.param ? (FIELD_OF_PARAM[error.param] ?? error.param) : null;
  // A field the form shows gets the message under it; anything else (a 403, a 409) shows under the form.
  const errorField = param !== null && param in values ? (param as keyof RuleFormValues) : null;
  const zone = rule?.tz ?? tz;

  const set = <K extends keyof RuleFormValues>(key: K, value: RuleFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const changeMetric = (metric: AlertMetric) =>
    setValues((current) => ({
      ...emptyValues(metric),
      name: current.name,
      scopeKind: current.scopeKind,
      scopeValue: current.scopeValue,
    }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const done = { onSuccess: (answer: { rule: AlertRule }) => onDone(answer.rule) };
    if (rule) update.mutate({ id: rule.id, patch: patchOf(values, zone) }, done);
    else create.mutate(inputOf(values, zone), done);
  };

  /** A field's error message, tied to its input for screen readers. */
  const fieldError = (field: keyof RuleFormValues) =>
    errorField === field ? (
      <span className="field__error" id={`${id}-${field}-error`}>
        {errorMessage(error)}
      </span>
    ) : null;
  const described = (field: keyof RuleFormValues) =>
    errorField === field ? { 'aria-describedby': `${id}-${field}-error`, 'aria-invalid': true } : {};

  const money = alertKindOf(values.metric) === 'spend';
  const isBudget = values.metric === 'budget';
  const limits = WINDOW_LIMITS[values.windowUnit];
  return (
    <form
      className="card rule-form"
      onSubmit={onSubmit}
      aria-label={rule ? `Edit ${rule.name}` : 'New alert rule'}
    >
      <h2 className="card__title">{rule ? `Edit “${rule.name}”` : 'New rule'}</h2>
      <div className="rule-form__grid">
        <div className="field field--grow">
          <label className="field__control">
            <span className="field__label">Name</span>
            <input
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              maxLength={80}
              required
              {...described('name')}
            />
          </label>
          {fieldError('name')}
        </div>
        <div className="field">
          <label className="field__control">
            <span className="field__label">What to watch</span>
            <select
              value={values.metric}
              onChange={(e) => changeMetric(e.target.value as AlertMetric)}
              {...described('metric')}
            >
              {metrics.map((metric) => (
                <option key={metric} value={metric}>
                  {metricLabel(metric)}
                </option>
              ))}
            </select>
          </label>
          {fieldError('metric')}
        </div>
        {money ? (
          <div className="field field--narrow">
            <label className="field__control">
              <span className="field__label">Currency</span>
              <input
                value={values.currency}
                onChange={(e) => set('currency', e.target.value)}
                maxLength={3}
                list={`${id}-currencies`}
                {...described('currency')}
              />
              <datalist id={`${id}-currencies`}>
                <option value="USD" />
                <option value="EUR" />
              </datalist>
            </label>
            {fieldError('currency')}
          </div>
        ) : null}
        {!isBudget ? (
          <label className="field field--narrow">
            <span className="field__label">When it is</span>
            <select
              value={values.comparison}
              onChange={(e) => set('comparison', e.target.value as 'above' | 'below')}
            >
              <option value="above">above</option>
              <option value="below">below</option>
            </select>
          </label>
        ) : null}
        {money ? (
          <div className="field">
            <label className="field__control">
              <span className="field__label">{isBudget ? 'Monthly budget' : 'Amount'}</span>
              <input
                inputMode="decimal"
                value={values.amount}
                onChange={(e) => set('amount', e.target.value)}
                placeholder="250.00"
                required
                {...described('amount')}
              />
            </label>
            {fieldError('amount')}
          </div>
        ) : (
          <div className="field">
            <label className="field__control">
              <span className="field__label">
                Threshold (
                {values.metric === 'acd' ? 'seconds' : values.metric === 'call_volume' ? 'calls' : 'percent'})
              </span>
              <input
                inputMode="decimal"
                value={values.threshold}
                onChange={(e) => set('threshold', e.target.value)}
                required
                {...described('threshold')}
              />
            </label>
            {fieldError('threshold')}
          </div>
        )}
        {!isBudget ? (
          <fieldset className="field rule-form__window">
            <legend className="field__label">Over the</legend>
            <span className="rule-form__inline">
              <input
                aria-label="Window size"
                inputMode="numeric"
                value={values.windowSize}
                onChange={(e) => set('windowSize', e.target.value)}
                {...described('windowSize')}
              />
              <select
                aria-label="Window unit"
                value={values.windowUnit}
                onChange={(e) => set('windowUnit', e.target.value as WindowUnit)}
              >
                {WINDOW_UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {unit === 'minutes' || unit === 'hours' ? `last ${unit}` : `${unit} (calendar)`}
                  </option>
                ))}
              </select>
            </span>
            <span className="field__help">
              {limits.min} to {limits.max};{' '}
              {values.windowUnit === 'minutes' || values.windowUnit === 'hours'
                ? 'rolling, up to now'
                : `calendar ${values.windowUnit} in ${zone}, the current one included`}
            </span>
            {fieldError('windowSize')}
          </fieldset>
        ) : null}
        {isBudget ? (
          <>
            <div className="field">
              <label className="field__control">
                <span className="field__label">Warn at (% of budget spent)</span>
                <input
                  value={values.warnAt}
                  onChange={(e) => set('warnAt', e.target.value)}
                  {...described('warnAt')}
                />
              </label>
              {fieldError('warnAt')}
            </div>
            <label className="inline-field rule-form__check">
              <input
                type="checkbox"
                checked={values.forecast}
                onChange={(e) => set('forecast', e.target.checked)}
              />
              <span>Warn when the month-end forecast passes the budget</span>
            </label>
          </>
        ) : null}
        <div className="field">
          <label className="field__control">
            <span className="field__label">Traffic</span>
            <select
              value={values.scopeKind}
              onChange={(e) => set('scopeKind', e.target.value as RuleFormValues['scopeKind'])}
              {...described('scopeKind')}
            >
              <option value="all">All traffic</option>
              <option value="code">One country/operator</option>
              {!money && values.metric !== 'termination_share' ? (
                <option value="terminationCode">One termination code</option>
              ) : null}
            </select>
          </label>
          {fieldError('scopeKind')}
        </div>
        {values.scopeKind !== 'all' ? (
          <div className="field">
            <label className="field__control">
              <span className="field__label">
                {values.scopeKind === 'code' ? 'Country/operator' : 'Termination code'}
              </span>
              <input
                value={values.scopeValue}
                onChange={(e) => set('scopeValue', e.target.value)}
                placeholder={values.scopeKind === 'code' ? 'Philippines(Globe)' : '503'}
                {...described('scopeValue')}
              />
            </label>
            {fieldError('scopeValue')}
          </div>
        ) : null}
        {values.metric === 'termination_share' ? (
          <div className="field field--narrow">
            <label className="field__control">
              <span className="field__label">Termination code</span>
              <input
                value={values.terminationCode}
                onChange={(e) => set('terminationCode', e.target.value)}
                placeholder="503"
                {...described('terminationCode')}
              />
            </label>
            {fieldError('terminationCode')}
          </div>
        ) : null}
        {values.metric === 'short_call_share' ? (
          <label className="field field--narrow">
            <span className="field__label">Shorter than</span>
            <select value={values.shortCallSeconds} onChange={(e) => set('shortCallSeconds', e.target.value)}>
              {SHORT_CALL_SECONDS.map((s) => (
                <option key={s} value={s}>
                  {s} s
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {!money && values.metric !== 'call_volume' ? (
          <div className="field field--narrow">
            <label className="field__control">
              <span className="field__label">At least (calls)</span>
              <input
                inputMode="numeric"
                value={values.minCalls}
                onChange={(e) => set('minCalls', e.target.value)}
                {...described('minCalls')}
              />
            </label>
            {fieldError('minCalls')}
          </div>
        ) : null}
      </div>
      {isBudget ? <p className="field__help">{FORECAST_METHOD}</p> : null}
      <p className="field__help">
        Zone: {zone}. A firing rule resolves only once the value is back past a small band inside the
        threshold, so it does not flap.
      </p>
      {error && !errorField ? (
        <p className="inline-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className="rule-form__actions">
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {rule ? 'Save changes' : isBudget ? 'Create budget' : 'Create rule'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
