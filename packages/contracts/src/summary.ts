import { z } from 'zod';
import { coverageSchema } from './coverage.js';
import { decimalString, moneySchema } from './money.js';

const ratio = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .describe('share from 0 to 1; null when there were no calls');

/** Talk-time buckets of answered calls, in seconds. */
export const DURATION_EDGES = [1, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600] as const;
/** "Short call" thresholds a summary can use: the bucket edges, so every figure also comes from rollups. */
export const SHORT_CALL_SECONDS = DURATION_EDGES;
export const DEFAULT_SHORT_CALL_SECONDS = 10;

/** Answered calls shorter than the summary's `shortCallSeconds`, and answered calls where a key was pressed. */
const qualityCounts = {
  shortCalls: z.number().int(),
  keyPresses: z.number().int(),
};

/** Totals for one currency. Money fields are absent for roles without spend. */
export const currencyTotalsSchema = z.object({
  currency: z.string(),
  calls: z.number().int(),
  answered: z.number().int(),
  asr: ratio,
  talkSeconds: z.number().int(),
  chargedSeconds: z.number().int(),
  overheadSeconds: z.number().int(),
  /** Average talk seconds per answered call. */
  acdSeconds: z.number().nullable(),
  ...qualityCounts,
  cost: decimalString.optional(),
  baseCostUsd: decimalString.optional(),
  settlePay: decimalString.nullable().optional(),
  /**
   * The share of `cost` paid for charged-but-not-talked seconds: cost × overhead / charged per billing
   * increment, rounded to 8 decimals (a share, since the upstream does not price blocks separately).
   */
  overheadCost: decimalString.optional(),
});

export const operatorRowSchema = z.object({
  code: z.string(),
  calls: z.number().int(),
  answered: z.number().int(),
  asr: ratio,
  acdSeconds: z.number().nullable(),
  talkSeconds: z.number().int(),
  ...qualityCounts,
  cost: z.array(moneySchema).optional(),
  /** Calls per termination code, for the stacked outcome bars. */
  terminations: z.record(z.string(), z.number().int()),
});

export const terminationRowSchema = z.object({
  terminationCode: z.string(),
  calls: z.number().int(),
  answered: z.number().int(),
  reasons: z.array(z.object({ reason: z.string(), calls: z.number().int() })),
});

export const dayRowSchema = z.object({
  day: z.string().describe('YYYY-MM-DD in the chosen zone'),
  start: z.string(),
  calls: z.number().int(),
  answered: z.number().int(),
  cost: z.array(moneySchema).optional(),
});

export const billingRowSchema = z.object({
  billPeriod: z.string(),
  calls: z.number().int(),
  talkSeconds: z.number().int(),
  chargedSeconds: z.number().int(),
  overheadSeconds: z.number().int(),
  overheadCost: z.array(moneySchema).optional(),
});

export const histogramBucketSchema = z.object({
  fromSeconds: z.number().int(),
  /** Exclusive; null for the open-ended last bucket. */
  toSeconds: z.number().int().nullable(),
  calls: z.number().int(),
});

export const summaryResponseSchema = z.object({
  range: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    tz: z.string(),
    /** The threshold of `shortCalls`, in seconds. */
    shortCallSeconds: z.number().int(),
  }),
  overall: z.object({
    calls: z.number().int(),
    answered: z.number().int(),
    asr: ratio,
    acdSeconds: z.number().nullable(),
    talkSeconds: z.number().int(),
    ...qualityCounts,
  }),
  currencies: z.array(currencyTotalsSchema),
  byCode: z.array(operatorRowSchema),
  byTermination: z.array(terminationRowSchema),
  byDay: z.array(dayRowSchema),
  byBillPeriod: z.array(billingRowSchema),
  durationHistogram: z.array(histogramBucketSchema),
  coverage: coverageSchema,
});
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;
export type CurrencyTotals = z.infer<typeof currencyTotalsSchema>;
export type OperatorRow = z.infer<typeof operatorRowSchema>;
export type DayRow = z.infer<typeof dayRowSchema>;
