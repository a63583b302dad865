// The filter parameters shared by /api/records, /api/summary, /api/facets and /api/export.csv, and the
// SPA's URL. One schema parses them on both sides, so the URL a user copies is exactly what the API takes.
import { z } from 'zod';
import { recordColumnIdSchema } from './records.js';
import { SHORT_CALL_SECONDS } from './summary.js';
import { isCalendarDate, isIsoInstant, isValidTimeZone, parseInstantOrDate } from './time.js';

export const MAX_REPEATED = 50;
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

type RawValue = string | string[] | undefined;

/** A query parameter that must appear at most once. */
// biome-ignore lint/suspicious/noExplicitAny: zod pipes need the input type left open here
export const single = <T extends z.ZodType<any, any>>(schema: T) =>
  z
    .string({
      error: (issue) => (Array.isArray(issue.input) ? 'give this parameter once, not repeated' : 'text'),
    })
    .pipe(schema)
    .optional();

/** A repeatable query parameter (`code=A&code=B`); a single value becomes a one-element list. */
const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]),
    z.array(item).max(MAX_REPEATED, `at most ${MAX_REPEATED} values`).optional(),
  );

export const timeText = z
  .string()
  .max(40)
  .refine((v) => isCalendarDate(v) || isIsoInstant(v), {
    message: 'an ISO 8601 instant with a zone (2026-11-01T00:00:00Z) or a date (2026-11-01) that exists',
  });

/** The one zone schema of every entry point (query, body, config): an IANA name or an offset within ±14:00. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(
    isValidTimeZone,
    'an IANA time zone like Europe/London, or an offset from -12:00 to +14:00 like +08:00',
  );

const seconds = z.coerce
  .number({ message: 'a whole number of seconds' })
  .int('a whole number of seconds')
  .min(0, 'zero or more seconds')
  .max(86_400, 'at most 86400 seconds');

const text = (max: number) => z.string().max(max, `at most ${max} characters`);

export const filterShape = {
  from: single(timeText),
  to: single(timeText),
  tz: single(timeZoneSchema),
  callee: single(
    text(32).refine(
      (v) => /^[+\d\s().-]*\d[+\d\s().-]*$/.test(v),
      'digits of a phone number, like +44 7700 900123',
    ),
  ),
  code: repeated(text(120)),
  terminationCode: repeated(text(40)),
  outcome: single(z.enum(['answered', 'unanswered'], { message: 'answered or unanswered' })),
  currency: repeated(text(8).regex(/^[A-Za-z]{0,8}$/, 'a currency code like USD')),
  minDuration: single(seconds),
  maxDuration: single(seconds),
  q: single(text(200)),
};

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export const sortSchema = z
  .string()
  .max(60)
  .transform((value, ctx) => {
    const [field, direction = 'asc', extra] = value.split(':');
    const column = recordColumnIdSchema.safeParse(field);
    if (!column.success || extra !== undefined || !SORT_DIRECTIONS.includes(direction as 'asc')) {
      ctx.addIssue({
        code: 'custom',
        message: 'field:asc or field:desc, with a field from the table columns',
      });
      return z.NEVER;
    }
    return { field: column.data, direction: direction as 'asc' | 'desc' };
  });
export type Sort = { field: z.infer<typeof recordColumnIdSchema>; direction: 'asc' | 'desc' };
export const DEFAULT_SORT: Sort = { field: 'submitTime', direction: 'desc' };

const pageNumber = z.coerce.number({ message: 'a page number from 1' }).int().min(1).max(1_000_000);
const pageSize = z.coerce
  .number({ message: `a page size from 1 to ${MAX_PAGE_SIZE}` })
  .int()
  .min(1, `from 1 to ${MAX_PAGE_SIZE}`)
  .max(MAX_PAGE_SIZE, `from 1 to ${MAX_PAGE_SIZE}`);

/** Unknown parameters are rejected, not ignored, so a typo never silently widens a query. */
export const filterQuerySchema = z.strictObject(filterShape);
export const recordsQuerySchema = z.strictObject({
  ...filterShape,
  sort: single(sortSchema),
  page: single(pageNumber),
  pageSize: single(pageSize),
});
export const summaryQuerySchema = z.strictObject({
  ...filterShape,
  shortCallSeconds: single(
    z.coerce
      .number()
      .refine(
        (n): n is (typeof SHORT_CALL_SECONDS)[number] =>
          (SHORT_CALL_SECONDS as readonly number[]).includes(n),
        {
          message: `one of ${SHORT_CALL_SECONDS.join(', ')} seconds`,
        },
      ),
  ),
});
export const exportQuerySchema = z.strictObject({
  ...filterShape,
  sort: single(sortSchema),
  columns: repeated(recordColumnIdSchema),
});

export type FilterQuery = z.infer<typeof filterQuerySchema>;
export type RecordsQuery = z.infer<typeof recordsQuerySchema>;
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Filters with the range resolved to instants in the chosen zone: what the store queries with. */
export interface ResolvedFilters {
  from: number | null;
  to: number | null;
  tz: string;
  /** Digits only. */
  callee: string | null;
  codes: string[];
  terminationCodes: string[];
  outcome: 'answered' | 'unanswered' | null;
  currencies: string[];
  minDuration: number | null;
  maxDuration: number | null;
  q: string | null;
}

export class FilterRangeError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

export function resolveFilters(query: FilterQuery, defaultTz: string): ResolvedFilters {
  const tz = query.tz ?? defaultTz;
  const from = query.from === undefined ? null : parseInstantOrDate(query.from, tz);
  const to = query.to === undefined ? null : parseInstantOrDate(query.to, tz);
  if (from !== null && to !== null && to <= from) {
    throw new FilterRangeError(
      'to',
      'The end must be after the start: choose a later end date or an earlier start date',
    );
  }
  if (
    query.minDuration !== undefined &&
    query.maxDuration !== undefined &&
    query.maxDuration < query.minDuration
  ) {
    throw new FilterRangeError(
      'maxDuration',
      'The longest talk time must be at least the shortest: swap or clear them',
    );
  }
  const calleeDigits = query.callee?.replace(/\D/g, '') ?? '';
  return {
    from,
    to,
    tz,
    callee: calleeDigits === '' ? null : calleeDigits,
    codes: query.code ?? [],
    terminationCodes: query.terminationCode ?? [],
    outcome: query.outcome ?? null,
    currencies: (query.currency ?? []).map((c) => (c === '' ? 'USD' : c.toUpperCase())),
    minDuration: query.minDuration ?? null,
    maxDuration: query.maxDuration ?? null,
    q: query.q?.trim() ? query.q.trim() : null,
  };
}

/** Express-style query (`string | string[]` values) from a URLSearchParams, for the SPA and tests. */
export function queryFromSearchParams(params: URLSearchParams): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}
