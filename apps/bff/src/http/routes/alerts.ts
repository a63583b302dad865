import {
  ALERT_RULE_RESPONSE_ACCESS,
  ALERT_RULES_ACCESS,
  ALERT_SERIES_ACCESS,
  ALERTS_ACCESS,
  type AlertKind,
  type AlertRuleInput,
  alertKindOf,
  alertKindsFor,
  alertRuleInputSchema,
  alertRulePatchSchema,
  alertsQuerySchema,
  DAY_MS,
  DEFAULT_SHORT_CALL_SECONDS,
  type Role,
  trimDecimal,
  zonedMonth,
} from '@callboard/contracts';
import Big from 'big.js';
import { type Request, Router } from 'express';
import { MAX_RULES, type StoredRule } from '../../alerts/alert-store.js';
import { eventView, ruleView } from '../../alerts/alert-views.js';
import { type AlertRuleDefinition, ruleFilters } from '../../alerts/rule-math.js';
import { requirePermission, sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { parseBody, parseQuery } from '../validate.js';

const ruleId = (req: Request) => {
  const id = Number(req.params.id);
  if (!/^\d{1,12}$/.test(String(req.params.id)) || id < 1)
    throw new AppError(400, 'invalid_parameter', 'id: a rule id', { param: 'id' });
  return id;
};

function roleOf(req: Request): Role {
  return req.user!.role;
}

/** A rule the caller may see, or a 404 (a rule of a kind the role may not see does not exist for it). */
async function visibleRule({ alerting }: AppDeps, req: Request): Promise<StoredRule> {
  const rule = await alerting.alerts.getRule(ruleId(req));
  if (!rule || !alertKindsFor(roleOf(req), 'read').includes(rule.kind)) {
    throw new AppError(404, 'not_found', `No alert rule ${req.params.id}`, { param: 'id' });
  }
  return rule;
}

function assertManages(req: Request, kind: AlertKind): void {
  if (!alertKindsFor(roleOf(req), 'manage').includes(kind)) {
    const which = kind === 'spend' ? 'spend rules and budgets' : 'quality rules';
    throw new AppError(403, 'forbidden', `Your role (${roleOf(req)}) may not manage ${which}`, {
      param: 'metric',
    });
  }
}

/**
 * The patch merged into the rule: `null` removes an optional field; a changed metric starts from the name,
 * zone and enabled flag only, so fields of the old metric do not linger.
 */
function merge(current: AlertRuleDefinition, patch: Record<string, unknown>): Record<string, unknown> {
  const base: Record<string, unknown> =
    patch.metric !== undefined && patch.metric !== current.metric
      ? {
          name: current.name,
          tz: current.tz,
          ...(current.enabled === undefined ? {} : { enabled: current.enabled }),
        }
      : { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = value;
  }
  return base;
}

export function alertsRouter(deps: AppDeps): Router {
  const { alerting, state, config, store, now } = deps;
  const router = Router();
  // Every role reads quality alerts; which kinds each sees is decided per rule and event below.
  router.use(['/alert-rules', '/alerts'], requirePermission('alerts:quality'));

  const definition = (input: AlertRuleInput): AlertRuleDefinition => ({
    ...input,
    tz: input.tz ?? config.defaultTimeZone,
  });
  const audit = (req: Request, action: string, detail: Record<string, unknown>) =>
    state.audit({ username: req.user?.username ?? null, action, detail, ip: req.ip ?? null });

  router.get('/alert-rules', async (req, res) => {
    parseQuery(alertsQuerySchema.pick({}), req);
    const rules = await alerting.alerts.listRules(alertKindsFor(roleOf(req), 'read'));
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, ALERT_RULES_ACCESS, { rules: rules.map(ruleView) });
  });

  router.post('/alert-rules', async (req, res) => {
    const input = parseBody(alertRuleInputSchema, req.body);
    const kind = alertKindOf(input.metric);
    assertManages(req, kind);
    if ((await alerting.alerts.countRules()) >= MAX_RULES) {
      throw new AppError(409, 'too_many_rules', `There are ${MAX_RULES} rules already: delete one first`);
    }
    const rule = definition(input);
    const id = await alerting.alerts.createRule({
      definition: rule,
      kind,
      createdBy: req.user!.username,
      now: now(),
    });
    await audit(req, 'alert-rule-create', { id, name: rule.name, metric: rule.metric, kind });
    alerting.evaluator.request();
    alerting.evaluator.backfillSamples([id]);
    sendFor(
      req,
      res,
      ALERT_RULE_RESPONSE_ACCESS,
      { rule: ruleView((await alerting.alerts.getRule(id))!) },
      201,
    );
  });

  router.patch('/alert-rules/:id', async (req, res) => {
    const existing = await visibleRule(deps, req);
    assertManages(req, existing.kind);
    const patch = parseBody(alertRulePatchSchema, req.body);
    const merged = parseBody(alertRuleInputSchema, merge(existing.definition, patch));
    const kind = alertKindOf(merged.metric);
    assertManages(req, kind);
    const rule = definition(merged);
    await alerting.alerts.updateRule(existing.id, { definition: rule, kind, now: now() });
    // The chart measured the rule as it was: measure its history again.
    await alerting.alerts.deleteSamples(existing.id);
    alerting.evaluator.backfillSamples([existing.id]);
    await audit(req, 'alert-rule-update', {
      id: existing.id,
      name: rule.name,
      metric: rule.metric,
      kind,
      fields: Object.keys(patch),
    });
    alerting.evaluator.request();
    sendFor(req, res, ALERT_RULE_RESPONSE_ACCESS, {
      rule: ruleView((await alerting.alerts.getRule(existing.id))!),
    });
  });

  router.delete('/alert-rules/:id', async (req, res) => {
    const existing = await visibleRule(deps, req);
    assertManages(req, existing.kind);
    await alerting.alerts.deleteRule(existing.id);
    await audit(req, 'alert-rule-delete', {
      id: existing.id,
      name: existing.name,
      metric: existing.definition.metric,
      kind: existing.kind,
    });
    res.status(204).end();
  });

  // The metric at each evaluation (last 7 days, at most 500 points) and, for budgets, this month day by day.
  router.get('/alert-rules/:id/series', async (req, res) => {
    const rule = await visibleRule(deps, req);
    parseQuery(alertsQuerySchema.pick({}), req);
    const t = now();
    const samples = await alerting.alerts.samples(rule.id, t - 7 * DAY_MS, 500);
    const money = rule.kind === 'spend';
    const d = rule.definition;
    let budgetDays: Array<{ day: string; spent: { currency: string; amount: string } }> | null = null;
    if (d.metric === 'budget') {
      const month = zonedMonth(t, d.tz);
      const figures = await store.summary(
        ruleFilters(d, { from: month.from, to: t }),
        DEFAULT_SHORT_CALL_SECONDS,
      );
      let total = new Big(0);
      budgetDays = figures.byDay.map((day) => {
        total = total.plus(day.cost?.find((c) => c.currency === d.currency)?.amount ?? '0');
        return { day: day.day, spent: { currency: d.currency, amount: trimDecimal(total.toFixed(8)) } };
      });
    }
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, ALERT_SERIES_ACCESS, {
      ruleId: rule.id,
      points: samples.map((s) => ({
        at: new Date(s.at).toISOString(),
        status: s.status,
        value: money || s.value === null ? null : Number(new Big(s.value).toFixed(2)),
        amount:
          money && s.value !== null && 'currency' in d ? { currency: d.currency, amount: s.value } : null,
        calls: s.calls,
      })),
      budgetDays,
    });
  });

  // Firing now and the history of state changes, of the kinds the caller may see; `before` pages back.
  router.get('/alerts', async (req, res) => {
    const query = parseQuery(alertsQuerySchema, req);
    const kinds = alertKindsFor(roleOf(req), 'read');
    const [firing, history] = await Promise.all([
      alerting.alerts.firing(kinds),
      alerting.alerts.events({
        kinds,
        limit: query.limit ?? 50,
        ...(query.ruleId === undefined ? {} : { ruleId: query.ruleId }),
        ...(query.before === undefined ? {} : { before: query.before }),
      }),
    ]);
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, ALERTS_ACCESS, { firing: firing.map(eventView), history: history.map(eventView) });
  });

  return router;
}
