import { z } from 'zod';
import { decimalString } from './money.js';

/**
 * Every column a record has, in the default table and export order; also the allow-list for `sort` and
 * `columns`. Which are money (withheld from roles without spend) is said once, in access.ts.
 */
export const RECORD_COLUMNS = [
  { id: 'submitTime', label: 'Submitted', kind: 'time' },
  { id: 'callee', label: 'Callee', kind: 'text' },
  { id: 'code', label: 'Country/operator', kind: 'text' },
  { id: 'answered', label: 'Answered', kind: 'bool' },
  { id: 'terminationCode', label: 'Termination code', kind: 'text' },
  { id: 'terminationReason', label: 'Termination reason', kind: 'text' },
  { id: 'callDuration', label: 'Talk time', kind: 'duration' },
  { id: 'chargedDuration', label: 'Charged time', kind: 'duration' },
  { id: 'billPeriod', label: 'Billing', kind: 'text' },
  { id: 'cost', label: 'Cost', kind: 'money' },
  { id: 'currency', label: 'Currency', kind: 'text' },
  { id: 'rate', label: 'Rate', kind: 'money' },
  { id: 'baseCost', label: 'Base cost (USD)', kind: 'money' },
  { id: 'settlePay', label: 'Settle pay', kind: 'money' },
  { id: 'settleRate', label: 'Settle rate', kind: 'money' },
  { id: 'quoteExchange', label: 'Quote exchange', kind: 'decimal' },
  { id: 'feedbackValue', label: 'Key pressed', kind: 'text' },
  { id: 'displayNum', label: 'Caller ID', kind: 'text' },
  { id: 'callTime', label: 'Called', kind: 'time' },
  { id: 'ringingTime', label: 'Ringing', kind: 'time' },
  { id: 'answerTime', label: 'Answered at', kind: 'time' },
  { id: 'hangupTime', label: 'Hung up', kind: 'time' },
  { id: 'ringSeconds', label: 'Ring time', kind: 'seconds' },
  { id: 'answerDelaySeconds', label: 'Time to answer', kind: 'seconds' },
  { id: 'overheadSeconds', label: 'Billing overhead', kind: 'seconds' },
  { id: 'calledInfo', label: 'Called info', kind: 'text' },
  { id: 'voiceFileId', label: 'Voice file', kind: 'text' },
  { id: 'voiceId', label: 'Voice ID', kind: 'text' },
] as const;

export type RecordColumn = (typeof RECORD_COLUMNS)[number];
export type RecordColumnId = RecordColumn['id'];
export type ColumnKind = RecordColumn['kind'];

export const RECORD_COLUMN_IDS = RECORD_COLUMNS.map((c) => c.id) as [RecordColumnId, ...RecordColumnId[]];
export const recordColumnIdSchema = z.enum(RECORD_COLUMN_IDS);

export function columnById(id: RecordColumnId): RecordColumn {
  return RECORD_COLUMNS.find((c) => c.id === id)!;
}

/** Columns shown by default in the table (the rest are one click away in column settings). */
export const DEFAULT_VISIBLE_COLUMNS: readonly RecordColumnId[] = [
  'submitTime',
  'callee',
  'code',
  'terminationCode',
  'callDuration',
  'chargedDuration',
  'cost',
  'feedbackValue',
];

const isoUtc = z.string().describe('ISO 8601 instant in UTC');
const maybeTime = isoUtc.nullable();
const money = decimalString.optional();

/**
 * One call record as the BFF serves it: every upstream field (times as UTC instants, money as exact
 * decimal strings), plus fields derived for the dashboard. Money fields are absent for roles without spend.
 */
export const recordRowSchema = z.object({
  voiceId: z.string(),
  callee: z.string(),
  displayNum: z.string(),
  code: z.string(),
  submitTime: isoUtc,
  callTime: maybeTime,
  ringingTime: maybeTime,
  answerTime: maybeTime,
  hangupTime: maybeTime,
  callDuration: z.number().int(),
  chargedDuration: z.number().int(),
  terminationCode: z.string(),
  terminationReason: z.string(),
  billPeriod: z.string(),
  voiceFileId: z.string(),
  feedbackValue: z.string(),
  calledInfo: z.string(),
  currency: z.string().optional(),
  cost: money,
  rate: money,
  baseCost: money,
  settleRate: money.nullable(),
  quoteExchange: money.nullable(),
  settlePay: money.nullable(),
  // Derived
  answered: z.boolean(),
  /** Not hung up yet and no termination code: the call was still running when last synced. */
  inProgress: z.boolean(),
  /** Seconds from ringing to answer (or to hang-up when unanswered); null when it never rang. */
  ringSeconds: z.number().int().nullable(),
  /** Seconds from submission to answer; null when unanswered. */
  answerDelaySeconds: z.number().int().nullable(),
  /** Charged seconds beyond talk time, added by the billing increments. */
  overheadSeconds: z.number().int(),
});
export type RecordRow = z.infer<typeof recordRowSchema>;

/** The detail view adds the upstream's original time strings (with the vendor's offsets). */
export const recordDetailSchema = recordRowSchema.extend({
  original: z.object({
    submitTime: z.string(),
    callTime: z.string(),
    ringingTime: z.string(),
    answerTime: z.string(),
    hangupTime: z.string(),
  }),
  syncedAt: isoUtc,
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;
