import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as contracts from './index.js';
import {
  AUDIT_ACCESS,
  FACETS_ACCESS,
  HEALTH_ACCESS,
  LIVE_ACCESS,
  MONEY_COLUMN_IDS,
  moneyFields,
  READY_ACCESS,
  RECORD_DETAIL_ACCESS,
  RECORD_ROW_ACCESS,
  RECORDS_RESPONSE_ACCESS,
  type RecordRow,
  redactForRole,
  SESSION_ACCESS,
  SUMMARY_ACCESS,
  type SummaryResponse,
  SYNC_START_ACCESS,
  SYNC_STATUS_ACCESS,
  USERS_ACCESS,
} from './index.js';

/** Every response schema and its classification: a response schema missing here fails the first test. */
const CLASSIFIED: Record<string, [z.ZodType, unknown]> = {
  recordsResponseSchema: [contracts.recordsResponseSchema, RECORDS_RESPONSE_ACCESS],
  recordDetailSchema: [contracts.recordDetailSchema, RECORD_DETAIL_ACCESS],
  summaryResponseSchema: [contracts.summaryResponseSchema, SUMMARY_ACCESS],
  facetsResponseSchema: [contracts.facetsResponseSchema, FACETS_ACCESS],
  healthResponseSchema: [contracts.healthResponseSchema, HEALTH_ACCESS],
  syncStatusSchema: [contracts.syncStatusSchema, SYNC_STATUS_ACCESS],
  sessionResponseSchema: [contracts.sessionResponseSchema, SESSION_ACCESS],
  auditResponseSchema: [contracts.auditResponseSchema, AUDIT_ACCESS],
  usersResponseSchema: [contracts.usersResponseSchema, USERS_ACCESS],
  alertRulesResponseSchema: [contracts.alertRulesResponseSchema, contracts.ALERT_RULES_ACCESS],
  alertRuleResponseSchema: [contracts.alertRuleResponseSchema, contracts.ALERT_RULE_RESPONSE_ACCESS],
  alertsResponseSchema: [contracts.alertsResponseSchema, contracts.ALERTS_ACCESS],
  alertSeriesResponseSchema: [contracts.alertSeriesResponseSchema, contracts.ALERT_SERIES_ACCESS],
  demoDegradeStatusSchema: [contracts.demoDegradeStatusSchema, contracts.DEMO_DEGRADE_ACCESS],
  webhooksResponseSchema: [contracts.webhooksResponseSchema, contracts.WEBHOOKS_ACCESS],
  webhookResponseSchema: [contracts.webhookResponseSchema, contracts.WEBHOOK_RESPONSE_ACCESS],
  webhookCreatedResponseSchema: [contracts.webhookCreatedResponseSchema, contracts.WEBHOOK_CREATED_ACCESS],
  webhookDeliveriesResponseSchema: [
    contracts.webhookDeliveriesResponseSchema,
    contracts.WEBHOOK_DELIVERIES_ACCESS,
  ],
  webhookDeliveryResponseSchema: [
    contracts.webhookDeliveryResponseSchema,
    contracts.WEBHOOK_DELIVERY_RESPONSE_ACCESS,
  ],
  liveResponseSchema: [contracts.liveResponseSchema, LIVE_ACCESS],
  readyResponseSchema: [contracts.readyResponseSchema, READY_ACCESS],
  syncStartResponseSchema: [contracts.syncStartResponseSchema, SYNC_START_ACCESS],
  savedViewsResponseSchema: [contracts.savedViewsResponseSchema, contracts.SAVED_VIEWS_ACCESS],
  savedViewResponseSchema: [contracts.savedViewResponseSchema, contracts.SAVED_VIEW_RESPONSE_ACCESS],
  compareResponseSchema: [contracts.compareResponseSchema, contracts.COMPARE_ACCESS],
  reportsResponseSchema: [contracts.reportsResponseSchema, contracts.REPORTS_ACCESS],
  reportResponseSchema: [contracts.reportResponseSchema, contracts.REPORT_RESPONSE_ACCESS],
  reportRunsResponseSchema: [contracts.reportRunsResponseSchema, contracts.REPORT_RUNS_ACCESS],
  reportRunResponseSchema: [contracts.reportRunResponseSchema, contracts.REPORT_RUN_RESPONSE_ACCESS],
};

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType };
const def = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Paths of fields the schema has and the tree does not classify (or classifies but the schema lacks). */
function unclassified(schema: z.ZodType, tree: unknown, path: string): string[] {
  const d = def(schema);
  if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default')
    return unclassified(d.innerType!, tree, path);
  if (tree === 'money') return [];
  if (d.type === 'array') return unclassified(d.element!, tree, `${path}[]`);
  if (d.type === 'object') {
    if (typeof tree !== 'object' || tree === null)
      return [`${path} (an object classified as a whole '${String(tree)}')`];
    const keys = Object.keys(d.shape!);
    const missing = keys.filter((k) => !(k in tree)).map((k) => `${path}.${k}`);
    const extra = Object.keys(tree)
      .filter((k) => !keys.includes(k))
      .map((k) => `${path}.${k} (not in the schema)`);
    return [
      ...missing,
      ...extra,
      ...keys
        .filter((k) => k in tree)
        .flatMap((k) => unclassified(d.shape![k]!, (tree as Record<string, unknown>)[k], `${path}.${k}`)),
    ];
  }
  return tree === 'public' ? [] : [`${path} (a ${d.type} classified '${String(tree)}')`];
}

describe('role views derived from one classification', () => {
  it('classifies every field of every response schema', () => {
    const responseSchemas = Object.keys(contracts).filter((name) =>
      /(Response|Status|Detail)Schema$/.test(name),
    );
    expect(responseSchemas.sort()).toEqual(Object.keys(CLASSIFIED).sort());
    for (const [name, [schema, tree]] of Object.entries(CLASSIFIED))
      expect(unclassified(schema, tree, name)).toEqual([]);
  });

  it('names the money columns once, from the record classification', () => {
    expect([...MONEY_COLUMN_IDS].sort()).toEqual([
      'baseCost',
      'cost',
      'quoteExchange',
      'rate',
      'settlePay',
      'settleRate',
    ]);
    expect(MONEY_COLUMN_IDS.every((id) => RECORD_ROW_ACCESS[id] === 'money')).toBe(true);
    expect(moneyFields(SUMMARY_ACCESS)).toEqual(
      new Set(['cost', 'baseCostUsd', 'settlePay', 'overheadCost']),
    );
    expect(moneyFields(contracts.ALERTS_ACCESS)).toEqual(new Set(['amount', 'thresholdAmount', 'budget']));
    expect(moneyFields(contracts.ALERT_RULES_ACCESS)).toEqual(new Set(['amount', 'resolveAmount', 'budget']));
  });

  it('keeps only what a role may see, and drops anything unclassified', () => {
    const row = { voiceId: 'v', cost: '1.5', currency: 'EUR', secretNewField: 'x' } as unknown as RecordRow;
    expect(redactForRole(row, RECORD_ROW_ACCESS, 'support')).toEqual({ voiceId: 'v', currency: 'EUR' });
    expect(redactForRole(row, RECORD_ROW_ACCESS, 'finance')).toEqual({
      voiceId: 'v',
      cost: '1.5',
      currency: 'EUR',
    });
    const summary = {
      byCode: [{ code: 'A', calls: 3, cost: [{ currency: 'USD', amount: '2' }] }],
      currencies: [{ currency: 'USD', calls: 3, cost: '2', overheadCost: '0.5' }],
    } as unknown as SummaryResponse;
    expect(redactForRole(summary, SUMMARY_ACCESS, 'support')).toEqual({
      byCode: [{ code: 'A', calls: 3 }],
      currencies: [{ currency: 'USD', calls: 3 }],
    });
  });
});
