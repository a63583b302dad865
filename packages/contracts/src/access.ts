// What each role may see, derived from one classification of every field of every response: `money` or
// `public`. The tables below are typed against the response types, so a field added to a response without a
// classification does not compile, and a test walks the zod schemas to check the same at run time. The BFF
// sends every JSON body through `redactForRole` with its table: a role receives only the fields it is allowed
// (an allow-list), and anything unclassified is dropped, never passed through.

import type { z } from 'zod';
import type {
  AlertRuleResponse,
  AlertRulesResponse,
  AlertSeriesResponse,
  AlertsResponse,
  DemoDegradeStatus,
} from './alerts.js';
import { RECORD_COLUMN_IDS, type RecordColumnId, type RecordDetail, type RecordRow } from './records.js';
import type {
  Change,
  CompareResponse,
  ReportResponse,
  ReportRunResponse,
  ReportRunsResponse,
  ReportsResponse,
} from './reports.js';
import type {
  FacetsResponse,
  HealthResponse,
  liveResponseSchema,
  RecordsResponse,
  readyResponseSchema,
} from './responses.js';
import type { SavedViewResponse, SavedViewsResponse, ViewPage, ViewParams } from './saved-views.js';
import { type AuditResponse, can, type Role, type SessionResponse, type UsersResponse } from './session.js';
import type { CurrencyTotals, SummaryResponse } from './summary.js';
import type { SyncStartResponse, SyncStatus } from './sync.js';
import type {
  WebhookCreatedResponse,
  WebhookDeliveriesResponse,
  WebhookDeliveryResponse,
  WebhookResponse,
  WebhooksResponse,
} from './webhooks.js';

export type Access = 'public' | 'money';

type Leaf = string | number | boolean | null | undefined;

/**
 * A classification of every field of T: leaves are `public` or `money`; objects and lists of objects need a
 * table of their own (or `money` to withhold them whole: never `public` wholesale, so a money field added
 * inside later cannot slip through); maps with free keys are classified whole.
 */
export type AccessTree<T> = [NonNullable<T>] extends [Leaf]
  ? Access
  : NonNullable<T> extends ReadonlyArray<infer E>
    ? [NonNullable<E>] extends [Leaf]
      ? Access
      : 'money' | AccessTree<E>
    : string extends keyof NonNullable<T>
      ? Access
      : 'money' | { readonly [K in keyof Required<NonNullable<T>>]-?: AccessTree<NonNullable<T>[K]> };

const COVERAGE = {
  complete: 'public',
  missing: { from: 'public', to: 'public' },
  lastSyncedAt: 'public',
  syncing: 'public',
  beforeRetention: 'public',
  horizon: 'public',
} as const satisfies AccessTree<RecordsResponse['coverage']>;

export const RECORD_ROW_ACCESS = {
  voiceId: 'public',
  callee: 'public',
  displayNum: 'public',
  code: 'public',
  submitTime: 'public',
  callTime: 'public',
  ringingTime: 'public',
  answerTime: 'public',
  hangupTime: 'public',
  callDuration: 'public',
  chargedDuration: 'public',
  terminationCode: 'public',
  terminationReason: 'public',
  billPeriod: 'public',
  voiceFileId: 'public',
  feedbackValue: 'public',
  calledInfo: 'public',
  currency: 'public',
  cost: 'money',
  rate: 'money',
  baseCost: 'money',
  settleRate: 'money',
  quoteExchange: 'money',
  settlePay: 'money',
  answered: 'public',
  inProgress: 'public',
  ringSeconds: 'public',
  answerDelaySeconds: 'public',
  overheadSeconds: 'public',
} as const satisfies AccessTree<RecordRow>;

/** The record columns a role without spend never receives, sorts by or exports. */
export const MONEY_COLUMN_IDS: readonly RecordColumnId[] = RECORD_COLUMN_IDS.filter(
  (id) => RECORD_ROW_ACCESS[id] === 'money',
);

export const RECORDS_RESPONSE_ACCESS = {
  rows: RECORD_ROW_ACCESS,
  total: 'public',
  page: 'public',
  pageSize: 'public',
  coverage: COVERAGE,
} as const satisfies AccessTree<RecordsResponse>;

export const RECORD_DETAIL_ACCESS = {
  ...RECORD_ROW_ACCESS,
  original: {
    submitTime: 'public',
    callTime: 'public',
    ringingTime: 'public',
    answerTime: 'public',
    hangupTime: 'public',
  },
  syncedAt: 'public',
} as const satisfies AccessTree<RecordDetail>;

const QUALITY = { shortCalls: 'public', keyPresses: 'public' } as const;
const MONEY_LIST = 'money';

export const CURRENCY_TOTALS_ACCESS = {
  currency: 'public',
  calls: 'public',
  answered: 'public',
  asr: 'public',
  talkSeconds: 'public',
  chargedSeconds: 'public',
  overheadSeconds: 'public',
  acdSeconds: 'public',
  ...QUALITY,
  cost: 'money',
  baseCostUsd: 'money',
  settlePay: 'money',
  overheadCost: 'money',
} as const satisfies AccessTree<CurrencyTotals>;

export const SUMMARY_ACCESS = {
  range: { from: 'public', to: 'public', tz: 'public', shortCallSeconds: 'public' },
  overall: {
    calls: 'public',
    answered: 'public',
    asr: 'public',
    acdSeconds: 'public',
    talkSeconds: 'public',
    ...QUALITY,
  },
  currencies: CURRENCY_TOTALS_ACCESS,
  byCode: {
    code: 'public',
    calls: 'public',
    answered: 'public',
    asr: 'public',
    acdSeconds: 'public',
    talkSeconds: 'public',
    ...QUALITY,
    cost: MONEY_LIST,
    terminations: 'public',
  },
  byTermination: {
    terminationCode: 'public',
    calls: 'public',
    answered: 'public',
    reasons: { reason: 'public', calls: 'public' },
  },
  byDay: { day: 'public', start: 'public', calls: 'public', answered: 'public', cost: MONEY_LIST },
  byBillPeriod: {
    billPeriod: 'public',
    calls: 'public',
    talkSeconds: 'public',
    chargedSeconds: 'public',
    overheadSeconds: 'public',
    overheadCost: MONEY_LIST,
  },
  durationHistogram: { fromSeconds: 'public', toSeconds: 'public', calls: 'public' },
  coverage: COVERAGE,
} as const satisfies AccessTree<SummaryResponse>;

const FACET = { value: 'public', count: 'public' } as const;
export const FACETS_ACCESS = {
  codes: FACET,
  terminationCodes: { ...FACET, reasons: { reason: 'public', count: 'public' } },
  currencies: FACET,
  coverage: COVERAGE,
} as const satisfies AccessTree<FacetsResponse>;

const UPSTREAM_PROBLEM = { kind: 'public', message: 'public', at: 'public' } as const;

export const HEALTH_ACCESS = {
  status: 'public',
  mode: 'public',
  version: 'public',
  defaultTimeZone: 'public',
  store: { engine: 'public', records: 'public', oldest: 'public', newest: 'public' },
  lastSyncAt: 'public',
  syncing: 'public',
  upstreamError: UPSTREAM_PROBLEM,
  backup: {
    intervalHours: 'public',
    lastSuccessAt: 'public',
    lastBytes: 'public',
    lastFailureAt: 'public',
    lastError: 'public',
    overdue: 'public',
  },
} as const satisfies AccessTree<HealthResponse>;

export const LIVE_ACCESS = { status: 'public' } as const satisfies AccessTree<
  z.infer<typeof liveResponseSchema>
>;
export const READY_ACCESS = {
  status: 'public',
  store: 'public',
  appState: 'public',
  sync: { lastSuccessAt: 'public', syncing: 'public', upstreamFailing: 'public' },
} as const satisfies AccessTree<z.infer<typeof readyResponseSchema>>;

const SYNC_JOB = {
  id: 'public',
  trigger: 'public',
  from: 'public',
  to: 'public',
  state: 'public',
  windowsTotal: 'public',
  windowsDone: 'public',
  pagesTotal: 'public',
  pagesDone: 'public',
  recordsStored: 'public',
  recordsPerSecond: 'public',
  etaSeconds: 'public',
  startedAt: 'public',
  finishedAt: 'public',
  error: UPSTREAM_PROBLEM,
  mismatches: { from: 'public', to: 'public', expected: 'public', stored: 'public' },
} as const;
export const SYNC_STATUS_ACCESS = {
  running: SYNC_JOB,
  recent: SYNC_JOB,
  lastSuccessAt: 'public',
  upstreamError: UPSTREAM_PROBLEM,
} as const satisfies AccessTree<SyncStatus>;

export const SESSION_ACCESS = {
  user: { username: 'public', role: 'public' },
  csrfToken: 'public',
  permissions: 'public',
  demoAccounts: { username: 'public', password: 'public', role: 'public' },
} as const satisfies AccessTree<SessionResponse>;

/** Audit details are free-form (filters, row counts, columns): only admins read the log at all. */
export const AUDIT_ACCESS = {
  entries: { at: 'public', username: 'public', action: 'public', detail: 'public', ip: 'public' },
} as const satisfies AccessTree<AuditResponse>;

export const USERS_ACCESS = {
  users: { id: 'public', username: 'public', role: 'public', disabled: 'public' },
} as const satisfies AccessTree<UsersResponse>;

// Alerts. Spend rules, budgets and their events are withheld from roles without spend as a whole (the BFF
// filters them out by kind first); inside every rule and event, amounts are classified `money` as well,
// so a quality field can never carry one by mistake.
const MONEY_VALUE = 'money';
const WINDOW_SPAN = { from: 'public', to: 'public' } as const;
const BUDGET_FIGURES = 'money';

const ALERT_RULE_ACCESS = {
  id: 'public',
  name: 'public',
  metric: 'public',
  kind: 'public',
  enabled: 'public',
  tz: 'public',
  currency: 'public',
  window: { size: 'public', unit: 'public' },
  scope: { kind: 'public', code: 'public', terminationCode: 'public' },
  comparison: 'public',
  threshold: 'public',
  resolveThreshold: 'public',
  amount: MONEY_VALUE,
  resolveAmount: MONEY_VALUE,
  warnAt: 'public',
  forecast: 'public',
  minCalls: 'public',
  shortCallSeconds: 'public',
  terminationCode: 'public',
  createdBy: 'public',
  createdAt: 'public',
  updatedAt: 'public',
  current: {
    state: 'public',
    level: 'public',
    since: 'public',
    status: 'public',
    evaluatedAt: 'public',
    value: 'public',
    amount: MONEY_VALUE,
    budget: BUDGET_FIGURES,
    calls: 'public',
    window: WINDOW_SPAN,
    missing: WINDOW_SPAN,
  },
} as const satisfies AccessTree<AlertRuleResponse['rule']>;

export const ALERT_RULES_ACCESS = {
  rules: ALERT_RULE_ACCESS,
} as const satisfies AccessTree<AlertRulesResponse>;
export const ALERT_RULE_RESPONSE_ACCESS = {
  rule: ALERT_RULE_ACCESS,
} as const satisfies AccessTree<AlertRuleResponse>;

const ALERT_EVENT_ACCESS = {
  id: 'public',
  ruleId: 'public',
  ruleName: 'public',
  metric: 'public',
  kind: 'public',
  state: 'public',
  previousState: 'public',
  level: 'public',
  at: 'public',
  value: 'public',
  threshold: 'public',
  amount: MONEY_VALUE,
  thresholdAmount: MONEY_VALUE,
  budget: BUDGET_FIGURES,
  calls: 'public',
  window: WINDOW_SPAN,
  tz: 'public',
} as const satisfies AccessTree<AlertsResponse['history'][number]>;

export const ALERTS_ACCESS = {
  firing: ALERT_EVENT_ACCESS,
  history: ALERT_EVENT_ACCESS,
} as const satisfies AccessTree<AlertsResponse>;

export const ALERT_SERIES_ACCESS = {
  ruleId: 'public',
  points: { at: 'public', status: 'public', value: 'public', amount: MONEY_VALUE, calls: 'public' },
  budgetDays: MONEY_VALUE,
} as const satisfies AccessTree<AlertSeriesResponse>;

export const DEMO_DEGRADE_ACCESS = {
  degraded: { code: 'public', answerRate: 'public', since: 'public' },
  codes: 'public',
} as const satisfies AccessTree<DemoDegradeStatus>;

// Webhooks carry no money: payloads are never returned, only the delivery log's statuses.
const WEBHOOK_ACCESS = {
  id: 'public',
  name: 'public',
  url: 'public',
  format: 'public',
  kinds: 'public',
  enabled: 'public',
  secretHint: 'public',
  createdBy: 'public',
  createdAt: 'public',
  updatedAt: 'public',
  lastDelivery: { at: 'public', state: 'public', status: 'public' },
} as const satisfies AccessTree<WebhookResponse['webhook']>;

export const WEBHOOKS_ACCESS = { webhooks: WEBHOOK_ACCESS } as const satisfies AccessTree<WebhooksResponse>;
export const WEBHOOK_RESPONSE_ACCESS = {
  webhook: WEBHOOK_ACCESS,
} as const satisfies AccessTree<WebhookResponse>;
export const WEBHOOK_CREATED_ACCESS = {
  webhook: WEBHOOK_ACCESS,
  secret: 'public',
  url: 'public',
} as const satisfies AccessTree<WebhookCreatedResponse>;

const WEBHOOK_DELIVERY_ACCESS = {
  id: 'public',
  webhookId: 'public',
  topic: 'public',
  event: 'public',
  state: 'public',
  attempts: 'public',
  createdAt: 'public',
  nextAttemptAt: 'public',
  deliveredAt: 'public',
  lastStatus: 'public',
  lastError: 'public',
  log: { attempt: 'public', at: 'public', status: 'public', error: 'public', durationMs: 'public' },
} as const satisfies AccessTree<WebhookDeliveryResponse['delivery']>;

export const WEBHOOK_DELIVERIES_ACCESS = {
  deliveries: WEBHOOK_DELIVERY_ACCESS,
} as const satisfies AccessTree<WebhookDeliveriesResponse>;
export const WEBHOOK_DELIVERY_RESPONSE_ACCESS = {
  delivery: WEBHOOK_DELIVERY_ACCESS,
} as const satisfies AccessTree<WebhookDeliveryResponse>;

export const SYNC_START_ACCESS = {
  job: SYNC_JOB,
  status: SYNC_STATUS_ACCESS,
} as const satisfies AccessTree<SyncStartResponse>;

const SAVED_VIEW_ACCESS = {
  id: 'public',
  name: 'public',
  page: 'public',
  // Filters, range, columns and sort: what a view shows, not amounts.
  params: 'public',
  shared: 'public',
  owner: 'public',
  usesMoney: 'public',
  usable: 'public',
  editable: 'public',
  path: 'public',
  createdAt: 'public',
  updatedAt: 'public',
} as const satisfies AccessTree<SavedViewResponse['view']>;
export const SAVED_VIEWS_ACCESS = {
  views: SAVED_VIEW_ACCESS,
} as const satisfies AccessTree<SavedViewsResponse>;
export const SAVED_VIEW_RESPONSE_ACCESS = {
  view: SAVED_VIEW_ACCESS,
} as const satisfies AccessTree<SavedViewResponse>;

const MONEY_SET = new Set<string>(MONEY_COLUMN_IDS);

/** What in a view needs money (said to the user when refused); empty when any role may open it. */
export function viewMoneyParts(page: ViewPage, params: ViewParams): string[] {
  const parts: string[] = [];
  if (page === 'spend') parts.push('the spend page');
  const money = (params.columns ?? []).filter((c) => MONEY_SET.has(c));
  if (money.length > 0) parts.push(`money columns (${money.join(', ')})`);
  if (params.sort && MONEY_SET.has(params.sort.field)) parts.push(`a sort by ${params.sort.field}`);
  return parts;
}

const CHANGE = {
  current: 'public',
  previous: 'public',
  absolute: 'public',
  relative: 'public',
} as const satisfies AccessTree<Change>;
const COMPARISON_ACCESS = {
  tz: 'public',
  basis: 'public',
  current: { from: 'public', to: 'public' },
  previous: { from: 'public', to: 'public' },
  overall: { calls: CHANGE, answered: CHANGE, asr: CHANGE, acdSeconds: CHANGE },
  currencies: { currency: 'public', calls: CHANGE, cost: 'money' },
  byCode: { code: 'public', calls: CHANGE, answered: CHANGE, asr: CHANGE, cost: 'money' },
} as const satisfies AccessTree<CompareResponse['comparison']>;
export const COMPARE_ACCESS = {
  comparison: COMPARISON_ACCESS,
  coverage: COVERAGE,
  previousCoverage: COVERAGE,
} as const satisfies AccessTree<CompareResponse>;

const REPORT_RUN_ACCESS = {
  id: 'public',
  reportId: 'public',
  viewName: 'public',
  trigger: 'public',
  dueAt: 'public',
  state: 'public',
  startedAt: 'public',
  finishedAt: 'public',
  exportQuery: 'public',
  rows: 'public',
  bytes: 'public',
  fileName: 'public',
  available: 'public',
  missing: { from: 'public', to: 'public' },
  totals: { currency: 'public', calls: 'public', cost: 'money' },
  comparison: COMPARISON_ACCESS,
  error: 'public',
  triggeredBy: 'public',
} as const satisfies AccessTree<ReportRunResponse['run']>;
const REPORT_ACCESS = {
  id: 'public',
  viewId: 'public',
  viewName: 'public',
  viewPath: 'public',
  schedule: { frequency: 'public', time: 'public', tz: 'public', weekday: 'public', dayOfMonth: 'public' },
  scheduleText: 'public',
  webhookId: 'public',
  keepRuns: 'public',
  enabled: 'public',
  nextRunAt: 'public',
  createdBy: 'public',
  editable: 'public',
  createdAt: 'public',
  updatedAt: 'public',
  lastRun: REPORT_RUN_ACCESS,
} as const satisfies AccessTree<ReportResponse['report']>;
export const REPORTS_ACCESS = { reports: REPORT_ACCESS } as const satisfies AccessTree<ReportsResponse>;
export const REPORT_RESPONSE_ACCESS = { report: REPORT_ACCESS } as const satisfies AccessTree<ReportResponse>;
export const REPORT_RUNS_ACCESS = {
  runs: REPORT_RUN_ACCESS,
} as const satisfies AccessTree<ReportRunsResponse>;
export const REPORT_RUN_RESPONSE_ACCESS = {
  run: REPORT_RUN_ACCESS,
} as const satisfies AccessTree<ReportRunResponse>;

/** The kinds of field a role may receive. */
export function accessOf(role: Role): ReadonlySet<Access> {
  return new Set<Access>(can(role, 'money:read') ? ['public', 'money'] : ['public']);
}

// biome-ignore lint/suspicious/noExplicitAny: a runtime walk over any classified shape
type AnyTree = Access | { readonly [key: string]: any };

/**
 * `value` with only the fields the role may see, by `tree`: leaves of an allowed kind are kept, objects and
 * lists of objects are walked, and any key the tree does not list is dropped (fail closed).
 */
export function redactForRole<T>(value: T, tree: AccessTree<T>, role: Role): T {
  return redact(value, tree as AnyTree, accessOf(role)) as T;
}

function redact(value: unknown, tree: AnyTree, allowed: ReadonlySet<Access>): unknown {
  if (typeof tree === 'string') return value;
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, tree, allowed));
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const branch = tree[key] as AnyTree | undefined;
    if (branch === undefined) continue;
    if (typeof branch === 'string' && !allowed.has(branch)) continue;
    out[key] = redact(item, branch, allowed);
  }
  return out;
}

/** The names of every field classified `money` anywhere in a tree (for tests and CSV column checks). */
export function moneyFields(tree: AnyTree): Set<string> {
  const names = new Set<string>();
  const walk = (node: AnyTree) => {
    if (typeof node === 'string') return;
    for (const [key, branch] of Object.entries(node)) {
      if (branch === 'money') names.add(key);
      else walk(branch as AnyTree);
    }
  };
  walk(tree);
  return names;
}
