// Alert rules and budgets: what a rule may say (the one schema the API validates with and the SPA's form
// builds), what the API answers about rules, their state and their firings. Spend rules and budgets are
// the `spend` kind, every other metric is `quality`; a role sees and manages only the kinds it may
// (ROLE_PERMISSIONS), and money fields are classified in access.ts like every other response.
import { z } from 'zod';
import { timeZoneSchema } from './filters.js';
import { moneySchema } from './money.js';
import { SHORT_CALL_SECONDS } from './summary.js';

export const ALERT_KINDS = ['spend', 'quality'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const SPEND_METRICS = ['spend', 'budget'] as const;
export const QUALITY_METRICS = [
  'asr',
  'acd',
  'short_call_share',
  'termination_share',
  'call_volume',
] as const;
export const ALERT_METRICS = [...SPEND_METRICS, ...QUALITY_METRICS] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];
export type QualityMetric = (typeof QUALITY_METRICS)[number];

export function alertKindOf(metric: AlertMetric): AlertKind {
  return (SPEND_METRICS as readonly string[]).includes(metric) ? 'spend' : 'quality';
}

/** How each quality metric is measured and bounded; the SPA labels and the BFF validates from here. */
export const QUALITY_METRIC_INFO = {
  asr: { label: 'Answer rate (ASR)', unit: '%', max: 100, comparison: 'below', margin: { points: 2 } },
  acd: {
    label: 'Average call duration (ACD)',
    unit: 's',
    max: 86_400,
    comparison: 'below',
    margin: { share: 0.05, least: 1 },
  },
  short_call_share: {
    label: 'Short-call share',
    unit: '%',
    max: 100,
    comparison: 'above',
    margin: { points: 2 },
  },
  termination_share: {
    label: 'Share of one termination code',
    unit: '%',
    max: 100,
    comparison: 'above',
    margin: { points: 2 },
  },
  call_volume: {
    label: 'Call volume',
    unit: 'calls',
    max: 100_000_000,
    comparison: 'above',
    margin: { share: 0.1, least: 1 },
  },
} as const satisfies Record<
  QualityMetric,
  {
    label: string;
    unit: '%' | 's' | 'calls';
    max: number;
    comparison: 'above' | 'below';
    margin: { points: number } | { share: number; least: number };
  }
>;

export const SPEND_METRIC_LABELS = { spend: 'Spend', budget: 'Monthly budget' } as const;

/** A spend rule's default band back to `ok`: 5% of its amount (a budget's forecast too). */
export const SPEND_RESOLVE_SHARE = 0.05;

export const WINDOW_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export type WindowUnit = (typeof WINDOW_UNITS)[number];
/**
 * Sizes a window may have: minutes and hours are rolling (the last N up to now); days, weeks (Monday first)
 * and months are calendar periods in the rule's zone, the current one included so far (`2 days` = yesterday
 * and today). The longest stays within a quarter, so one evaluation's cost is bounded.
 */
export const WINDOW_LIMITS: Record<WindowUnit, { min: number; max: number }> = {
  minutes: { min: 5, max: 1440 },
  hours: { min: 1, max: 168 },
  days: { min: 1, max: 92 },
  weeks: { min: 1, max: 13 },
  months: { min: 1, max: 3 },
};

export const alertWindowSchema = z
  .strictObject({
    size: z.number({ message: 'a whole number' }).int('a whole number'),
    unit: z.enum(WINDOW_UNITS, { message: `one of ${WINDOW_UNITS.join(', ')}` }),
  })
  .superRefine((window, ctx) => {
    const { min, max } = WINDOW_LIMITS[window.unit];
    if (window.size < min || window.size > max) {
      ctx.addIssue({ code: 'custom', path: ['size'], message: `from ${min} to ${max} ${window.unit}` });
    }
  });
export type AlertWindow = z.infer<typeof alertWindowSchema>;

const codeText = z
  .string()
  .trim()
  .min(1, 'a country/operator, like Philippines(Globe)')
  .max(120, 'at most 120 characters');
const terminationText = z
  .string()
  .trim()
  .min(1, 'a termination code, like 503')
  .max(40, 'at most 40 characters');

export const alertScopeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({ kind: z.literal('code'), code: codeText }),
    z.strictObject({ kind: z.literal('terminationCode'), terminationCode: terminationText }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'kind: all, code (one country/operator) or terminationCode'
        : undefined,
  },
);
export type AlertScope = z.infer<typeof alertScopeSchema>;

/** An amount of money: positive, exact, at most 12 digits before and 8 after the point. */
export const amountText = z
  .string({ message: 'an amount as a decimal string, like "250" or "99.5"' })
  .regex(
    /^\d{1,12}(\.\d{1,8})?$/,
    'an amount as a decimal string with at most 8 decimals, like "250" or "99.5"',
  )
  .refine((v) => /[1-9]/.test(v), 'more than zero');

export const currencyCode = z
  .string({ message: 'a three-letter currency code like USD or EUR' })
  .regex(/^[A-Z]{3}$/, 'a three-letter currency code like USD or EUR');

const comparison = z.enum(['above', 'below'], { message: 'above or below' });
const name = z.string({ message: 'a name' }).trim().min(1, 'a name').max(80, 'at most 80 characters');

const common = {
  name,
  enabled: z.boolean({ message: 'true or false' }).optional(),
  /** The zone calendar windows and the budget's month are cut in; the server's default zone when absent. */
  tz: timeZoneSchema.optional(),
};

const spendRuleShape = z.strictObject({
  ...common,
  metric: z.literal('spend'),
  currency: currencyCode,
  window: alertWindowSchema,
  scope: alertScopeSchema,
  comparison: comparison.optional(),
  amount: amountText,
  /** Back to ok when spend is at or past this (default: 5% inside the amount). */
  resolveAmount: amountText.optional(),
});

const budgetShape = z.strictObject({
  ...common,
  metric: z.literal('budget'),
  currency: currencyCode,
  /** The monthly budget. */
  amount: amountText,
  /** Warn when this month's spend reaches these percentages of the budget. */
  warnAt: z
    .array(z.number().int('whole percentages').min(1, 'from 1 to 200').max(200, 'from 1 to 200'), {
      message: 'a list of percentages',
    })
    .min(1, 'at least one percentage')
    .max(5, 'at most five percentages')
    .optional(),
  /** Also warn when the month-end forecast exceeds the budget. */
  forecast: z.boolean({ message: 'true or false' }).optional(),
  scope: alertScopeSchema.optional(),
});

const qualityShape = z.strictObject({
  ...common,
  metric: z.enum(QUALITY_METRICS),
  window: alertWindowSchema,
  scope: alertScopeSchema,
  comparison: comparison.optional(),
  /** Percent (0–100) for shares and ASR, seconds for ACD, calls for volume. */
  threshold: z.number({ message: 'a number' }).min(0, 'zero or more'),
  /** Back to ok when the value is at or past this (default: a small band inside the threshold). */
  resolveThreshold: z.number({ message: 'a number' }).min(0, 'zero or more').optional(),
  /** Fewer calls in the window: not evaluated (three calls at night page nobody). */
  minCalls: z
    .number({ message: 'a whole number' })
    .int('a whole number')
    .min(0, 'zero or more')
    .max(1_000_000, 'at most 1000000')
    .optional(),
  /** short_call_share: answered calls shorter than this many seconds. */
  shortCallSeconds: z
    .number({ message: 'a number of seconds' })
    .refine(
      (n) => (SHORT_CALL_SECONDS as readonly number[]).includes(n),
      `one of ${SHORT_CALL_SECONDS.join(', ')} seconds`,
    )
    .optional(),
  /** termination_share: the code whose share of calls is measured. */
  terminationCode: terminationText.optional(),
});

const METRIC_MESSAGE = `one of ${ALERT_METRICS.join(', ')}`;

/** `POST /api/alert-rules`, and every rule after a PATCH is merged into it. */
export const alertRuleInputSchema = z
  .discriminatedUnion('metric', [spendRuleShape, budgetShape, qualityShape], {
    error: (issue) => (issue.code === 'invalid_union' ? METRIC_MESSAGE : undefined),
  })
  .superRefine((rule, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (rule.metric === 'spend') {
      if (rule.scope.kind === 'terminationCode')
        issue('scope', 'spend is scoped to all traffic or one country/operator');
      if (rule.resolveAmount !== undefined) {
        const above = (rule.comparison ?? 'above') === 'above';
        const cmp = compareDecimal(rule.resolveAmount, rule.amount);
        if (above ? cmp > 0 : cmp < 0)
          issue('resolveAmount', `at or ${above ? 'below' : 'above'} amount (${rule.amount})`);
      }
      return;
    }
    if (rule.metric === 'budget') {
      if (rule.scope && rule.scope.kind === 'terminationCode')
        issue('scope', 'a budget covers all traffic or one country/operator');
      if (rule.warnAt && new Set(rule.warnAt).size !== rule.warnAt.length)
        issue('warnAt', 'each percentage once');
      return;
    }
    const info = QUALITY_METRIC_INFO[rule.metric];
    if (rule.threshold > info.max)
      issue('threshold', `from 0 to ${info.max}${info.unit === 'calls' ? ' calls' : info.unit}`);
    if (rule.metric === 'call_volume' && !Number.isInteger(rule.threshold))
      issue('threshold', 'a whole number of calls');
    if (rule.resolveThreshold !== undefined) {
      const above = (rule.comparison ?? info.comparison) === 'above';
      if (above ? rule.resolveThreshold > rule.threshold : rule.resolveThreshold < rule.threshold) {
        issue('resolveThreshold', `at or ${above ? 'below' : 'above'} threshold (${rule.threshold})`);
      }
    }
    if (rule.metric === 'short_call_share') {
      if (rule.shortCallSeconds === undefined)
        issue('shortCallSeconds', `needed for short_call_share: one of ${SHORT_CALL_SECONDS.join(', ')}`);
    } else if (rule.shortCallSeconds !== undefined) issue('shortCallSeconds', 'only for short_call_share');
    if (rule.metric === 'termination_share') {
      if (rule.terminationCode === undefined)
        issue('terminationCode', 'needed for termination_share: the code to measure, like 503');
      if (rule.scope.kind === 'terminationCode')
        issue('scope', 'termination_share is scoped to all traffic or one country/operator');
    } else if (rule.terminationCode !== undefined) issue('terminationCode', 'only for termination_share');
  });
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

/** Sign of a − b for two non-negative decimal strings (exact, no floats). */
export function compareDecimal(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  const ia = ai.replace(/^0+(?=\d)/, '');
  const ib = bi.replace(/^0+(?=\d)/, '');
  if (ia.length !== ib.length) return ia.length > ib.length ? 1 : -1;
  const width = Math.max(af.length, bf.length);
  const x = ia + af.padEnd(width, '0');
  const y = ib + bf.padEnd(width, '0');
  return x === y ? 0 : x > y ? 1 : -1;
}

/**
 * `PATCH /api/alert-rules/:id`: any field of a rule; `null` removes an optional one. The merged rule is
 * validated whole with alertRuleInputSchema (a changed metric starts from name, zone and enabled only).
 */
export const alertRulePatchSchema = z
  .strictObject({
    name: name.optional(),
    enabled: z.boolean({ message: 'true or false' }).optional(),
    tz: timeZoneSchema.optional(),
    metric: z.enum(ALERT_METRICS, { message: METRIC_MESSAGE }).optional(),
    currency: currencyCode.optional(),
    window: alertWindowSchema.optional(),
    scope: alertScopeSchema.optional(),
    comparison: comparison.optional(),
    amount: amountText.optional(),
    resolveAmount: amountText.nullable().optional(),
    warnAt: z.array(z.number()).max(5, 'at most five percentages').optional(),
    forecast: z.boolean({ message: 'true or false' }).optional(),
    threshold: z.number({ message: 'a number' }).optional(),
    resolveThreshold: z.number({ message: 'a number' }).nullable().optional(),
    minCalls: z.number({ message: 'a whole number' }).nullable().optional(),
    shortCallSeconds: z.number({ message: 'a number of seconds' }).nullable().optional(),
    terminationCode: z.string().max(40, 'at most 40 characters').nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change: send at least one field');
export type AlertRulePatch = z.infer<typeof alertRulePatchSchema>;

export const ALERT_STATES = ['ok', 'firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * What the last evaluation saw: `breach` past the threshold, `clear` back past the resolve threshold,
 * `band` between the two (the state holds), `no_data` the window is not fully synced yet, `too_few_calls`
 * under the rule's minimum, `pending` not evaluated yet.
 */
export const EVALUATION_STATUSES = [
  'breach',
  'clear',
  'band',
  'no_data',
  'too_few_calls',
  'pending',
] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

const instant = z.string().describe('UTC instant, ISO 8601');

/** A budget's figures at its last evaluation: this month's spend and the month-end forecast. */
const budgetFiguresSchema = z.object({
  spent: moneySchema,
  forecast: moneySchema,
  /** Spend so far as a percentage of the budget (two decimals). */
  percentUsed: z.number(),
  monthFrom: instant,
  monthTo: instant,
});

export const alertRuleStateSchema = z.object({
  state: z.enum(ALERT_STATES),
  /** Budgets: what is crossed, `spent-80`, `forecast`, `spent-50+forecast`; null for other rules. */
  level: z.string().nullable(),
  since: instant,
  status: z.enum(EVALUATION_STATUSES),
  evaluatedAt: instant.nullable(),
  /** Quality rules: the measured value (percent, seconds or calls). */
  value: z.number().nullable(),
  /** Spend rules: the measured amount (absent for roles without spend, like every money field). */
  amount: moneySchema.nullable().optional(),
  budget: budgetFiguresSchema.nullable().optional(),
  calls: z.number().int().nullable(),
  window: z.object({ from: instant, to: instant }).nullable(),
  /** Parts of the window the sync has not covered yet (status no_data). */
  missing: z.array(z.object({ from: instant, to: instant })),
});

export const alertRuleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  metric: z.enum(ALERT_METRICS),
  kind: z.enum(ALERT_KINDS),
  enabled: z.boolean(),
  tz: z.string(),
  currency: z.string().nullable(),
  window: z.object({ size: z.number().int(), unit: z.enum(WINDOW_UNITS) }).nullable(),
  scope: z.object({
    kind: z.enum(['all', 'code', 'terminationCode']),
    code: z.string().optional(),
    terminationCode: z.string().optional(),
  }),
  comparison: z.enum(['above', 'below']).nullable(),
  /** Quality rules: the threshold and the value that resolves (percent, seconds or calls). */
  threshold: z.number().nullable(),
  resolveThreshold: z.number().nullable(),
  /** Spend rules and budgets: the amount, with its currency, and the amount that resolves. */
  amount: moneySchema.nullable().optional(),
  resolveAmount: moneySchema.nullable().optional(),
  warnAt: z.array(z.number().int()).nullable(),
  forecast: z.boolean().nullable(),
  minCalls: z.number().int().nullable(),
  shortCallSeconds: z.number().int().nullable(),
  terminationCode: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  current: alertRuleStateSchema,
});
export type AlertRule = z.infer<typeof alertRuleSchema>;
export type AlertRuleState = z.infer<typeof alertRuleStateSchema>;

export const alertRulesResponseSchema = z.object({ rules: z.array(alertRuleSchema) });
export type AlertRulesResponse = z.infer<typeof alertRulesResponseSchema>;
export const alertRuleResponseSchema = z.object({ rule: alertRuleSchema });
export type AlertRuleResponse = z.infer<typeof alertRuleResponseSchema>;

/** One state change of a rule: what the bell, the history and every webhook payload are made of. */
export const alertEventSchema = z.object({
  id: z.number().int(),
  ruleId: z.number().int(),
  ruleName: z.string(),
  metric: z.enum(ALERT_METRICS),
  kind: z.enum(ALERT_KINDS),
  state: z.enum(ALERT_STATES),
  previousState: z.enum(ALERT_STATES),
  level: z.string().nullable(),
  at: instant,
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  amount: moneySchema.nullable().optional(),
  thresholdAmount: moneySchema.nullable().optional(),
  budget: budgetFiguresSchema.nullable().optional(),
  calls: z.number().int().nullable(),
  window: z.object({ from: instant, to: instant }).nullable(),
  tz: z.string(),
});
export type AlertEvent = z.infer<typeof alertEventSchema>;

/** `GET /api/alerts`: the rules firing now (their latest event) and the history of state changes. */
export const alertsQuerySchema = z.strictObject({
  ruleId: z.coerce.number({ message: 'a rule id' }).int('a rule id').min(1, 'a rule id').optional(),
  limit: z.coerce
    .number({ message: 'from 1 to 200' })
    .int('from 1 to 200')
    .min(1, 'from 1 to 200')
    .max(200, 'from 1 to 200')
    .optional(),
  /** Pages back: events before this id. */
  before: z.coerce.number({ message: 'an event id' }).int('an event id').min(1, 'an event id').optional(),
});
export const alertsResponseSchema = z.object({
  firing: z.array(alertEventSchema),
  history: z.array(alertEventSchema),
});
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;

/** `GET /api/alert-rules/:id/series`: the metric at each evaluation, for a chart against the threshold. */
export const alertSeriesResponseSchema = z.object({
  ruleId: z.number().int(),
  points: z.array(
    z.object({
      at: instant,
      status: z.enum(EVALUATION_STATUSES),
      value: z.number().nullable(),
      amount: moneySchema.nullable().optional(),
      calls: z.number().int().nullable(),
    }),
  ),
  /** Budgets: this month's spend day by day (cumulative), in the rule's zone, up to today. */
  budgetDays: z
    .array(z.object({ day: z.string(), spent: moneySchema }))
    .nullable()
    .optional(),
});
export type AlertSeriesResponse = z.infer<typeof alertSeriesResponseSchema>;

/** Demo mode: one operator's answer rate degraded on demand, so a quality alert fires and resolves. */
export const demoDegradeRequestSchema = z.strictObject({
  code: codeText,
  /** Share of that operator's calls answered while degraded, 0–1 (normal traffic answers about 0.55). */
  answerRate: z
    .number({ message: 'a share from 0 to 1' })
    .min(0, 'from 0 to 1')
    .max(1, 'from 0 to 1')
    .optional(),
});
export const demoDegradeStatusSchema = z.object({
  degraded: z.object({ code: z.string(), answerRate: z.number(), since: instant }).nullable(),
  codes: z.array(z.string()),
});
export type DemoDegradeStatus = z.infer<typeof demoDegradeStatusSchema>;
