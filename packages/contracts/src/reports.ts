// Scheduled reports and period comparison. A report is a saved view on a schedule; each run writes the CSV of
// everything the view matched (the same bytes as `/api/export.csv` for the same query) and a summary: totals
// per currency and the change against the previous comparable period, exact decimals, never across currencies.
import { z } from 'zod';
import { coverageSchema } from './coverage.js';
import { single, timeText } from './filters.js';
import { decimalString } from './money.js';
import { scheduleSchema } from './schedule.js';

// ---- comparison ---------------------------------------------------------------------------------------

/** How the previous period was chosen: the calendar month or week before, or the same length just before. */
export const COMPARISON_BASES = ['month', 'week', 'length'] as const;

/** A figure now and in the previous period, with the change: absolute, and relative in percent (null from 0). */
export const changeSchema = z.object({
  current: decimalString.nullable(),
  previous: decimalString.nullable(),
  absolute: decimalString.nullable(),
  /** Percent of the previous value, 2 decimals; null when the previous value is 0 or unknown. */
  relative: decimalString.nullable(),
});
export type Change = z.infer<typeof changeSchema>;

const period = z.object({ from: z.string(), to: z.string() });

export const comparisonSchema = z.object({
  tz: z.string(),
  basis: z.enum(COMPARISON_BASES),
  current: period,
  previous: period,
  overall: z.object({
    calls: changeSchema,
    answered: changeSchema,
    /** Percent answered. */
    asr: changeSchema,
    acdSeconds: changeSchema,
  }),
  currencies: z.array(
    z.object({
      currency: z.string(),
      calls: changeSchema,
      cost: changeSchema.optional(),
    }),
  ),
  byCode: z.array(
    z.object({
      code: z.string(),
      calls: changeSchema,
      answered: changeSchema,
      asr: changeSchema,
      cost: z.array(z.object({ currency: z.string(), change: changeSchema })).optional(),
    }),
  ),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const compareResponseSchema = z.object({
  comparison: comparisonSchema,
  coverage: coverageSchema,
  previousCoverage: coverageSchema,
});
export type CompareResponse = z.infer<typeof compareResponseSchema>;

// ---- reports ------------------------------------------------------------------------------------------

export const MAX_KEEP_RUNS = 365;

export const reportInputSchema = z.strictObject({
  viewId: z.number({ message: 'the id of a saved view' }).int('the id of a saved view'),
  schedule: scheduleSchema,
  /** Each run's summary is also POSTed, signed, to this webhook. */
  webhookId: z.number({ message: 'the id of a webhook' }).int().nullable().optional(),
  /** Retention: files of older runs are removed. */
  keepRuns: z
    .number({ message: `how many runs to keep, from 1 to ${MAX_KEEP_RUNS}` })
    .int()
    .min(1, `from 1 to ${MAX_KEEP_RUNS}`)
    .max(MAX_KEEP_RUNS, `from 1 to ${MAX_KEEP_RUNS}`)
    .optional(),
  enabled: z.boolean({ message: 'true or false' }).optional(),
});
export type ReportInput = z.input<typeof reportInputSchema>;

export const reportPatchSchema = z
  .strictObject({
    schedule: scheduleSchema.optional(),
    webhookId: z.number({ message: 'the id of a webhook' }).int().nullable().optional(),
    keepRuns: reportInputSchema.shape.keepRuns,
    enabled: z.boolean({ message: 'true or false' }).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change: send at least one field');
export type ReportPatch = z.input<typeof reportPatchSchema>;

export const RUN_STATES = ['pending', 'running', 'done', 'incomplete', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];

const currencyTotal = z.object({
  currency: z.string(),
  calls: z.number().int(),
  cost: decimalString.optional(),
});

export const reportRunSchema = z.object({
  id: z.number().int(),
  reportId: z.number().int(),
  viewName: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  /** When the run was due (scheduled) or asked for (manual). */
  dueAt: z.string(),
  /** `incomplete`: the sync had not covered the whole range when the wait ran out; the file has what was stored. */
  state: z.enum(RUN_STATES),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The `/api/export.csv` query that gives the same file (range resolved at the run). */
  exportQuery: z.string().nullable(),
  rows: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  fileName: z.string().nullable(),
  /** The file can be downloaded (not yet removed by retention). */
  available: z.boolean(),
  missing: z.array(z.object({ from: z.string(), to: z.string() })),
  totals: z.array(currencyTotal),
  comparison: comparisonSchema.nullable(),
  error: z.string().nullable(),
  triggeredBy: z.string().nullable(),
});
export type ReportRun = z.infer<typeof reportRunSchema>;

export const reportSchema = z.object({
  id: z.number().int(),
  viewId: z.number().int(),
  viewName: z.string(),
  viewPath: z.string(),
  schedule: scheduleSchema,
  /** The schedule in words. */
  scheduleText: z.string(),
  webhookId: z.number().int().nullable(),
  keepRuns: z.number().int(),
  enabled: z.boolean(),
  nextRunAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastRun: reportRunSchema.nullable(),
});
export type Report = z.infer<typeof reportSchema>;

export const reportsResponseSchema = z.object({ reports: z.array(reportSchema) });
export type ReportsResponse = z.infer<typeof reportsResponseSchema>;
export const reportResponseSchema = z.object({ report: reportSchema });
export type ReportResponse = z.infer<typeof reportResponseSchema>;
export const reportRunsResponseSchema = z.object({ runs: z.array(reportRunSchema) });
export type ReportRunsResponse = z.infer<typeof reportRunsResponseSchema>;
export const reportRunResponseSchema = z.object({ run: reportRunSchema });
export type ReportRunResponse = z.infer<typeof reportRunResponseSchema>;

export const reportRunsQuerySchema = z.strictObject({
  reportId: single(z.coerce.number().int().min(1, 'a report id')),
  before: single(timeText),
  limit: single(z.coerce.number().int().min(1, 'from 1 to 200').max(200, 'from 1 to 200')),
});
