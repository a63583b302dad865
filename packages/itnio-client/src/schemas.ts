import { z } from 'zod';

/*
 * The upstream's shapes, in one place. Validation is kept cheap (plain object schemas, anchored regexes,
 * no per-field transforms except where a value really must be normalised) so a sync can check every record
 * at well over 200,000 records/s on one core: see scripts/bench-parse.mjs.
 */

/** Exact decimal as the vendor sends it. Kept a string: money is never parsed to a float here. */
// At most 10 integer and 8 decimal digits: what the stores' DECIMAL(18,8) holds exactly. A larger amount is
// refused here, naming the field, rather than failing a whole batch in the database.
export const MONEY_PATTERN = /^-?\d{1,10}(\.\d{1,8})?$/;
/** ISO 8601 with an offset (or `Z`), optional fraction; empty for calls that never rang or were never answered. */
export const VENDOR_TIME_PATTERN =
  /^(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}))?$/;

const money = z.string().regex(MONEY_PATTERN, 'expected a decimal string like "1.25"');
const vendorTime = z.string().regex(VENDOR_TIME_PATTERN, 'expected ISO 8601 with an offset, or ""');

/** A field the vendor fills only sometimes: absent, null and "" all become "". */
const sometimes = (schema: z.ZodString) => schema.nullish().transform((value): string => value ?? '');
const moneyOrEmpty = z
  .string()
  .regex(/^(?:-?\d+(?:\.\d{1,8})?)?$/, 'expected a decimal string like "1.25", or ""');

/** Whole seconds or counts; the vendor documents ints, numeric strings are accepted and converted exactly. */
const wholeNumber = z.union([
  z.int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/, 'expected a whole number')
    .transform(Number),
]);

export const queryRequestSchema = z.object({
  current: z.int().min(1),
  size: z.int().min(1),
  params: z.object({ strTime: z.string(), endTime: z.string() }),
});
export type QueryRequest = z.infer<typeof queryRequestSchema>;

export const upstreamRecordSchema = z.object({
  voiceId: z.string().min(1),
  callee: z.string(),
  displayNum: z.string(),
  code: z.string(),
  submitTime: vendorTime,
  callTime: vendorTime,
  ringingTime: vendorTime,
  answerTime: vendorTime,
  hangupTime: vendorTime,
  callDuration: wholeNumber,
  chargedDuration: wholeNumber,
  terminationCode: z.string(),
  terminationReason: z.string(),
  cost: money,
  billPeriod: z.string(),
  rate: money,
  baseCost: money,
  // Only group calls carry a voice file; verification-code calls may omit both of these.
  voiceFileId: sometimes(z.string()),
  feedbackValue: z.string(),
  calledInfo: sometimes(z.string()),
  // Present only when the quote currency is not USD; absent or "" means USD.
  settleRate: sometimes(moneyOrEmpty),
  quoteExchange: sometimes(moneyOrEmpty),
  settlePay: sometimes(moneyOrEmpty),
  currency: sometimes(z.string()),
});
export type UpstreamRecord = z.infer<typeof upstreamRecordSchema>;

export const recordPageSchema = z.object({
  total: wholeNumber,
  size: wholeNumber,
  current: wholeNumber,
  pages: wholeNumber,
  searchCount: z.boolean().optional(),
  records: z.array(upstreamRecordSchema),
});
export type RecordPage = z.infer<typeof recordPageSchema>;

/**
 * Every response. `status` is documented as a string ("0" = success); a number is tolerated and turned
 * into its string. `data` is checked separately (it is absent or null on failures).
 */
export const envelopeSchema = z.object({
  status: z.union([z.string(), z.number().transform(String)]),
  reason: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** A successful response with its page, for callers that validate a whole body in one go. */
export const recordPageEnvelopeSchema = envelopeSchema.extend({
  status: z.literal('0'),
  data: recordPageSchema,
});
