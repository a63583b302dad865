import { z } from 'zod';
import { timeText, timeZoneSchema } from './filters.js';
import { upstreamProblemSchema } from './responses.js';

export const SYNC_TRIGGERS = ['backfill', 'freshness', 'on-demand', 'manual'] as const;

export const syncJobSchema = z.object({
  id: z.string(),
  trigger: z.enum(SYNC_TRIGGERS),
  from: z.string(),
  to: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  windowsTotal: z.number().int(),
  windowsDone: z.number().int(),
  pagesTotal: z.number().int(),
  pagesDone: z.number().int(),
  recordsStored: z.number().int(),
  recordsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: upstreamProblemSchema.nullable(),
  /** Windows whose stored count still disagreed with the upstream's total after re-reads. */
  mismatches: z.array(
    z.object({ from: z.string(), to: z.string(), expected: z.number(), stored: z.number() }),
  ),
});
export type SyncJob = z.infer<typeof syncJobSchema>;

export const syncStatusSchema = z.object({
  running: z.array(syncJobSchema),
  recent: z.array(syncJobSchema),
  lastSuccessAt: z.string().nullable(),
  upstreamError: upstreamProblemSchema.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncRequestSchema = z.strictObject({
  from: timeText,
  to: timeText,
  tz: timeZoneSchema.optional(),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/** `POST /api/sync`: the job that reads the range (null when nothing needed reading) and the status after. */
export const syncStartResponseSchema = z.object({ job: syncJobSchema.nullable(), status: syncStatusSchema });
export type SyncStartResponse = z.infer<typeof syncStartResponseSchema>;
