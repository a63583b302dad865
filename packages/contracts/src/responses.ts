import { z } from 'zod';
import { coverageSchema } from './coverage.js';
import { recordRowSchema } from './records.js';

export const recordsResponseSchema = z.object({
  rows: z.array(recordRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  coverage: coverageSchema,
});
export type RecordsResponse = z.infer<typeof recordsResponseSchema>;

const facetValue = z.object({ value: z.string(), count: z.number().int() });
export const facetsResponseSchema = z.object({
  codes: z.array(facetValue),
  terminationCodes: z.array(
    facetValue.extend({ reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })) }),
  ),
  currencies: z.array(facetValue),
  coverage: coverageSchema,
});
export type FacetsResponse = z.infer<typeof facetsResponseSchema>;

/** One JSON shape for every failure. `param` names the query parameter to fix, when one is at fault. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    param: z.string().optional(),
    issues: z.array(z.object({ param: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const upstreamProblemSchema = z.object({
  kind: z.string(),
  message: z.string(),
  at: z.string(),
});

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  mode: z.enum(['demo', 'live']),
  version: z.string(),
  defaultTimeZone: z.string(),
  store: z.object({
    engine: z.string(),
    records: z.number().int(),
    oldest: z.string().nullable(),
    newest: z.string().nullable(),
  }),
  lastSyncAt: z.string().nullable(),
  syncing: z.boolean(),
  upstreamError: upstreamProblemSchema.nullable(),
  /** Scheduled backups (admins only; null when none are configured or for other roles). */
  backup: z
    .object({
      intervalHours: z.number(),
      lastSuccessAt: z.string().nullable(),
      lastBytes: z.number().int().nullable(),
      lastFailureAt: z.string().nullable(),
      lastError: z.string().nullable(),
      overdue: z.boolean(),
    })
    .nullable(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** `GET /api/health/live`: the process answers. */
export const liveResponseSchema = z.object({ status: z.literal('live') });

/** `GET /api/health/ready`: 200 when the records store and the app state answer, 503 otherwise. */
export const readyResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  store: z.enum(['ok', 'unreachable']),
  appState: z.enum(['ok', 'unreachable']),
  sync: z.object({
    lastSuccessAt: z.string().nullable(),
    syncing: z.boolean(),
    upstreamFailing: z.boolean(),
  }),
});
