// Every route of the BFF in one table: method, path, who may call it, what it takes and what it answers.
// The OpenAPI document is generated from it, and a test holds the running app to it (every registered route
// listed here, with the permission the server actually enforces).
import type { z } from 'zod';
import {
  alertRuleInputSchema,
  alertRulePatchSchema,
  alertRuleResponseSchema,
  alertRulesResponseSchema,
  alertSeriesResponseSchema,
  alertsQuerySchema,
  alertsResponseSchema,
  demoDegradeRequestSchema,
  demoDegradeStatusSchema,
} from './alerts.js';
import { exportQuerySchema, filterQuerySchema, recordsQuerySchema, summaryQuerySchema } from './filters.js';
import { recordDetailSchema } from './records.js';
import {
  compareResponseSchema,
  reportInputSchema,
  reportPatchSchema,
  reportResponseSchema,
  reportRunResponseSchema,
  reportRunsQuerySchema,
  reportRunsResponseSchema,
  reportsResponseSchema,
} from './reports.js';
import {
  apiErrorSchema,
  facetsResponseSchema,
  healthResponseSchema,
  liveResponseSchema,
  readyResponseSchema,
  recordsResponseSchema,
} from './responses.js';
import {
  savedViewInputSchema,
  savedViewPatchSchema,
  savedViewResponseSchema,
  savedViewsResponseSchema,
} from './saved-views.js';
import {
  auditQuerySchema,
  auditResponseSchema,
  can,
  type Permission,
  ROLES,
  type Role,
  sessionResponseSchema,
  signInRequestSchema,
  usersResponseSchema,
  visibleExportSchema,
} from './session.js';
import { summaryResponseSchema } from './summary.js';
import { syncRequestSchema, syncStartResponseSchema, syncStatusSchema } from './sync.js';
import {
  webhookCreatedResponseSchema,
  webhookDeliveriesResponseSchema,
  webhookDeliveryResponseSchema,
  webhookInputSchema,
  webhookPatchSchema,
  webhookResponseSchema,
  webhooksResponseSchema,
} from './webhooks.js';

/** Anyone (no session), a signed-in user holding a permission, or an operator's scraper (loopback or token). */
export type RouteAccess = 'anyone' | 'signed-in' | 'operator' | Permission;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Express syntax: `/api/records/:voiceId`. */
  path: string;
  summary: string;
  access: RouteAccess;
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  /** The success answer: JSON by schema, another media type, or nothing (204). */
  response: { status: number; schema?: z.ZodType; contentType?: string; description: string };
  /** Served in demo mode only (the built-in simulator's controls); live mode has no such route. */
  demoOnly?: boolean;
}

const ALERT_KINDS_NOTE =
  'Spend rules and budgets: admin and finance; quality rules: admin and support. A rule of a kind the role may not see is a 404.';

const VIEW_ACCESS_NOTE =
  'A view showing money (the spend page, a money column or sort) is refused with 403 for roles without spend; only its owner or an admin may change it.';
const REPORT_ACCESS_NOTE =
  "Reports of views the role may open; only the report's creator or an admin may change it.";

export const API_ERROR = apiErrorSchema;

export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/health/live',
    summary: 'Liveness: the process answers',
    access: 'anyone',
    response: { status: 200, schema: liveResponseSchema, description: 'Alive' },
  },
  {
    method: 'GET',
    path: '/api/health/ready',
    summary: 'Readiness: the records store and the app state answer (503 otherwise)',
    access: 'anyone',
    response: {
      status: 200,
      schema: readyResponseSchema,
      description: 'Ready (503 with the same shape when not)',
    },
  },
  {
    method: 'GET',
    path: '/api/health',
    summary: 'Mode, version, default zone, store figures and sync state (store figures only when signed in)',
    access: 'anyone',
    response: { status: 200, schema: healthResponseSchema, description: 'Health' },
  },
  {
    method: 'POST',
    path: '/api/session',
    summary: 'Sign in: sets the session cookie and returns the CSRF token',
    access: 'anyone',
    body: signInRequestSchema,
    response: { status: 201, schema: sessionResponseSchema, description: 'Signed in' },
  },
  {
    method: 'GET',
    path: '/api/session',
    summary: 'Who is signed in, the CSRF token and permissions',
    access: 'anyone',
    response: { status: 200, schema: sessionResponseSchema, description: 'The session' },
  },
  {
    method: 'DELETE',
    path: '/api/session',
    summary: 'Sign out (clears the cookie)',
    access: 'anyone',
    response: { status: 204, description: 'Signed out' },
  },
  {
    method: 'GET',
    path: '/api/users',
    summary: 'The accounts (names, roles, disabled)',
    access: 'users:manage',
    response: { status: 200, schema: usersResponseSchema, description: 'Users' },
  },
  {
    method: 'GET',
    path: '/api/audit',
    summary: 'The audit log, newest first, by user, action and time',
    access: 'audit:read',
    query: auditQuerySchema,
    response: { status: 200, schema: auditResponseSchema, description: 'Audit entries' },
  },
  {
    method: 'POST',
    path: '/api/audit/visible-export',
    summary: 'Records that the browser exported the table on screen ("Export visible")',
    access: 'export',
    body: visibleExportSchema,
    response: { status: 204, description: 'Recorded' },
  },
  {
    method: 'GET',
    path: '/api/records',
    summary: 'A page of call records matching the filters, sorted',
    access: 'records:read',
    query: recordsQuerySchema,
    response: { status: 200, schema: recordsResponseSchema, description: 'Records' },
  },
  {
    method: 'GET',
    path: '/api/records/:voiceId',
    summary: 'One call record with the upstream’s original time strings',
    access: 'records:read',
    response: { status: 200, schema: recordDetailSchema, description: 'The record' },
  },
  {
    method: 'GET',
    path: '/api/summary',
    summary:
      'Totals per currency, per country/operator, termination code, day, billing increment and duration',
    access: 'records:read',
    query: summaryQuerySchema,
    response: { status: 200, schema: summaryResponseSchema, description: 'Summary' },
  },
  {
    method: 'GET',
    path: '/api/facets',
    summary: 'The values each filter can take in the range, with counts',
    access: 'records:read',
    query: filterQuerySchema,
    response: { status: 200, schema: facetsResponseSchema, description: 'Facets' },
  },
  {
    method: 'GET',
    path: '/api/export.csv',
    summary: 'Every record the filters match, as CSV (streamed)',
    access: 'export',
    query: exportQuerySchema,
    response: { status: 200, contentType: 'text/csv', description: 'CSV, UTF-8 with a BOM' },
  },
  {
    method: 'GET',
    path: '/api/export.parquet',
    summary:
      'The same rows and columns as the CSV export, typed (UTC timestamps, DECIMAL(18,8) money, integer seconds), as Parquet',
    access: 'export',
    query: exportQuerySchema,
    response: { status: 200, contentType: 'application/vnd.apache.parquet', description: 'Parquet (zstd)' },
  },
  {
    method: 'GET',
    path: '/api/compare',
    summary:
      'KPIs and spend/outcome figures of the range beside the previous comparable period (month, week or the same length before), with absolute and relative change per currency',
    access: 'records:read',
    query: filterQuerySchema,
    response: { status: 200, schema: compareResponseSchema, description: 'Comparison' },
  },
  {
    method: 'GET',
    path: '/api/views',
    summary: 'Saved views: your own and the shared ones, each saying whether your role may open it',
    access: 'records:read',
    response: { status: 200, schema: savedViewsResponseSchema, description: 'Views' },
  },
  {
    method: 'POST',
    path: '/api/views',
    summary: `Save a view. ${VIEW_ACCESS_NOTE}`,
    access: 'records:read',
    body: savedViewInputSchema,
    response: { status: 201, schema: savedViewResponseSchema, description: 'Saved' },
  },
  {
    method: 'GET',
    path: '/api/views/:id',
    summary: `Open a view. ${VIEW_ACCESS_NOTE}`,
    access: 'records:read',
    response: { status: 200, schema: savedViewResponseSchema, description: 'The view' },
  },
  {
    method: 'PATCH',
    path: '/api/views/:id',
    summary: `Rename, update or share a view. ${VIEW_ACCESS_NOTE}`,
    access: 'records:read',
    body: savedViewPatchSchema,
    response: { status: 200, schema: savedViewResponseSchema, description: 'Changed' },
  },
  {
    method: 'DELETE',
    path: '/api/views/:id',
    summary: `Delete a view and its schedules (their run files stay until retention). ${VIEW_ACCESS_NOTE}`,
    access: 'records:read',
    response: { status: 204, description: 'Deleted' },
  },
  {
    method: 'GET',
    path: '/api/reports',
    summary: `Scheduled reports with their next and last run. ${REPORT_ACCESS_NOTE}`,
    access: 'export',
    response: { status: 200, schema: reportsResponseSchema, description: 'Reports' },
  },
  {
    method: 'POST',
    path: '/api/reports',
    summary: `Schedule a saved view as a report. ${REPORT_ACCESS_NOTE}`,
    access: 'export',
    body: reportInputSchema,
    response: { status: 201, schema: reportResponseSchema, description: 'Scheduled' },
  },
  {
    method: 'PATCH',
    path: '/api/reports/:id',
    summary: `Change a report's schedule, webhook, retention or switch it off. ${REPORT_ACCESS_NOTE}`,
    access: 'export',
    body: reportPatchSchema,
    response: { status: 200, schema: reportResponseSchema, description: 'Changed' },
  },
  {
    method: 'DELETE',
    path: '/api/reports/:id',
    summary: `Delete a report (its run files stay until retention). ${REPORT_ACCESS_NOTE}`,
    access: 'export',
    response: { status: 204, description: 'Deleted' },
  },
  {
    method: 'POST',
    path: '/api/reports/:id/run',
    summary: `Run a report now (queued; any replica runs it once). ${REPORT_ACCESS_NOTE}`,
    access: 'export',
    response: { status: 202, schema: reportRunResponseSchema, description: 'Queued' },
  },
  {
    method: 'GET',
    path: '/api/report-runs',
    summary:
      'Report runs, newest first: state, rows, totals per currency and the change against the previous period',
    access: 'export',
    query: reportRunsQuerySchema,
    response: { status: 200, schema: reportRunsResponseSchema, description: 'Runs' },
  },
  {
    method: 'GET',
    path: '/api/report-runs/:id/file',
    summary: "A run's CSV file (the same bytes /api/export.csv gives for the run's query)",
    access: 'export',
    response: { status: 200, contentType: 'text/csv', description: 'CSV, UTF-8 with a BOM' },
  },
  {
    method: 'GET',
    path: '/api/sync',
    summary: 'Running and recent sync jobs',
    access: 'records:read',
    response: { status: 200, schema: syncStatusSchema, description: 'Sync status' },
  },
  {
    method: 'GET',
    path: '/api/sync/events',
    summary: 'The sync status as server-sent events, pushed as it changes (ends with the session)',
    access: 'records:read',
    response: {
      status: 200,
      contentType: 'text/event-stream',
      description: '`event: status` with the sync status as data',
    },
  },
  {
    method: 'POST',
    path: '/api/sync',
    summary: 'Sync a range now (re-reads it from the upstream)',
    access: 'sync:start',
    body: syncRequestSchema,
    response: { status: 202, schema: syncStartResponseSchema, description: 'Started (or joined)' },
  },
  {
    method: 'GET',
    path: '/api/alert-rules',
    summary:
      'The alert rules and budgets the role may see (support: quality rules only), each with its current state',
    access: 'alerts:quality',
    response: { status: 200, schema: alertRulesResponseSchema, description: 'Rules' },
  },
  {
    method: 'POST',
    path: '/api/alert-rules',
    summary: `Create a rule or budget. ${ALERT_KINDS_NOTE}`,
    access: 'alerts:quality',
    body: alertRuleInputSchema,
    response: { status: 201, schema: alertRuleResponseSchema, description: 'Created' },
  },
  {
    method: 'PATCH',
    path: '/api/alert-rules/:id',
    summary: `Change a rule: any of its fields (null removes an optional one). ${ALERT_KINDS_NOTE}`,
    access: 'alerts:quality',
    body: alertRulePatchSchema,
    response: { status: 200, schema: alertRuleResponseSchema, description: 'Changed' },
  },
  {
    method: 'DELETE',
    path: '/api/alert-rules/:id',
    summary: `Delete a rule (its history stays). ${ALERT_KINDS_NOTE}`,
    access: 'alerts:quality',
    response: { status: 204, description: 'Deleted' },
  },
  {
    method: 'GET',
    path: '/api/alert-rules/:id/series',
    summary:
      "A rule's metric at each evaluation of the last 7 days; for a budget also this month's spend day by day",
    access: 'alerts:quality',
    response: { status: 200, schema: alertSeriesResponseSchema, description: 'Series' },
  },
  {
    method: 'GET',
    path: '/api/alerts',
    summary: 'Alerts firing now and the history of state changes, of the kinds the role may see',
    access: 'alerts:quality',
    query: alertsQuerySchema,
    response: { status: 200, schema: alertsResponseSchema, description: 'Alerts' },
  },
  {
    method: 'GET',
    path: '/api/webhooks',
    summary:
      'The webhooks the role may see (those receiving only kinds of alert it may see); URLs and secrets masked',
    access: 'webhooks:manage',
    response: { status: 200, schema: webhooksResponseSchema, description: 'Webhooks' },
  },
  {
    method: 'POST',
    path: '/api/webhooks',
    summary: 'Add a webhook; the answer carries its signing secret, shown this once',
    access: 'webhooks:manage',
    body: webhookInputSchema,
    response: { status: 201, schema: webhookCreatedResponseSchema, description: 'Created, with the secret' },
  },
  {
    method: 'PATCH',
    path: '/api/webhooks/:id',
    summary: 'Change a webhook (name, URL, format, kinds, enabled)',
    access: 'webhooks:manage',
    body: webhookPatchSchema,
    response: { status: 200, schema: webhookResponseSchema, description: 'Changed' },
  },
  {
    method: 'DELETE',
    path: '/api/webhooks/:id',
    summary: 'Delete a webhook and its delivery log',
    access: 'webhooks:manage',
    response: { status: 204, description: 'Deleted' },
  },
  {
    method: 'POST',
    path: '/api/webhooks/:id/test',
    summary: 'Send a signed test delivery now (retried and logged like any other)',
    access: 'webhooks:manage',
    response: { status: 202, schema: webhookDeliveryResponseSchema, description: 'Queued' },
  },
  {
    method: 'GET',
    path: '/api/webhooks/:id/deliveries',
    summary: "A webhook's newest deliveries with every attempt's status code",
    access: 'webhooks:manage',
    response: { status: 200, schema: webhookDeliveriesResponseSchema, description: 'Delivery log' },
  },
  {
    method: 'GET',
    path: '/api/demo/degrade',
    summary: "Demo mode: which operator's answer rate is degraded, and the operators that can be",
    access: 'records:read',
    demoOnly: true,
    response: { status: 200, schema: demoDegradeStatusSchema, description: 'Degradation' },
  },
  {
    method: 'POST',
    path: '/api/demo/degrade',
    summary: "Demo mode: degrade one operator's answer rate from now on (default: nobody answers)",
    access: 'records:read',
    demoOnly: true,
    body: demoDegradeRequestSchema,
    response: { status: 200, schema: demoDegradeStatusSchema, description: 'Degraded' },
  },
  {
    method: 'DELETE',
    path: '/api/demo/degrade',
    summary: 'Demo mode: answer normally again from now on',
    access: 'records:read',
    demoOnly: true,
    response: { status: 200, schema: demoDegradeStatusSchema, description: 'Restored' },
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    access: 'signed-in',
    response: { status: 200, contentType: 'application/json', description: 'OpenAPI 3.1' },
  },
  {
    method: 'GET',
    path: '/api/docs',
    summary: 'This API as a page to read',
    access: 'signed-in',
    response: { status: 200, contentType: 'text/html', description: 'HTML' },
  },
  {
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics (loopback, or a bearer token)',
    access: 'operator',
    response: { status: 200, contentType: 'text/plain', description: 'Prometheus text format' },
  },
];

/** The roles that may call a route (for documents; the server enforces the permission itself). */
export function rolesFor(access: RouteAccess): readonly Role[] | 'anyone' | 'operator' {
  if (access === 'anyone' || access === 'operator') return access;
  if (access === 'signed-in') return ROLES;
  return ROLES.filter((role) => can(role, access));
}
