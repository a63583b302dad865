// Saved views: a page of the dashboard with its filters, range (relative like "last month", or fixed dates),
// columns, sort and zone, under a name, private or shared with the team. The parameters are the SPA's URL
// parameters as JSON, checked by the same field schemas as the API's query, so a view opens as the URL it was.
import { z } from 'zod';
import { filterShape, MAX_REPEATED, type Sort, sortSchema, timeText, timeZoneSchema } from './filters.js';
import { RELATIVE_RANGE_PRESETS, resolvePreset } from './range-presets.js';
import { type RecordColumnId, recordColumnIdSchema } from './records.js';
import { SHORT_CALL_SECONDS } from './summary.js';
import { parseInstantOrDate } from './time.js';

export const VIEW_PAGES = ['records', 'spend', 'outcomes', 'callee'] as const;
export type ViewPage = (typeof VIEW_PAGES)[number];
/** The SPA path of each page (the callee page takes the number from `callee`). */
export const VIEW_PAGE_PATHS: Record<ViewPage, string> = {
  records: '/',
  spend: '/spend',
  outcomes: '/outcomes',
  callee: '/callee',
};

const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_REPEATED, `at most ${MAX_REPEATED} values`).optional();

const durationSeconds = z
  .number({ message: 'a whole number of seconds' })
  .int('a whole number of seconds')
  .min(0, 'zero or more seconds')
  .max(86_400, 'at most 86400 seconds');

export const viewParamsSchema = z
  .strictObject({
    /** A relative range, resolved whenever the view is opened or a report runs. */
    range: z
      .enum(RELATIVE_RANGE_PRESETS, { message: `one of ${RELATIVE_RANGE_PRESETS.join(', ')}` })
      .optional(),
    /** A fixed range instead: a date (local midnight in `tz`) or an instant; `to` is exclusive. */
    from: timeText.optional(),
    to: timeText.optional(),
    tz: timeZoneSchema.optional(),
    callee: z.string().max(32, 'at most 32 characters').optional(),
    code: list(z.string().max(120)),
    terminationCode: list(z.string().max(40)),
    outcome: z.enum(['answered', 'unanswered'], { message: 'answered or unanswered' }).optional(),
    currency: list(
      z
        .string()
        .max(8)
        .regex(/^[A-Za-z]{0,8}$/, 'a currency code like USD'),
    ),
    minDuration: durationSeconds.optional(),
    maxDuration: durationSeconds.optional(),
    q: z.string().max(200, 'at most 200 characters').optional(),
    /** `field:asc` or `field:desc`. */
    sort: z.string().max(60).pipe(sortSchema).optional(),
    /** The table's and the report file's columns, in order. */
    columns: z
      .array(recordColumnIdSchema)
      .min(1, 'at least one column')
      .max(60)
      .refine((c) => new Set(c).size === c.length, 'each column once')
      .optional(),
    shortCallSeconds: z
      .number()
      .refine((n) => (SHORT_CALL_SECONDS as readonly number[]).includes(n), {
        message: `one of ${SHORT_CALL_SECONDS.join(', ')} seconds`,
      })
      .optional(),
  })
  .refine((p) => !(p.range && (p.from || p.to)), {
    message: 'either a relative range or fixed from/to dates, not both',
    path: ['range'],
  })
  .refine((p) => filterShape.callee.safeParse(p.callee).success, {
    message: 'digits of a phone number, like +44 7700 900123',
    path: ['callee'],
  });
/** What a view holds, as stored (sort parsed). */
export type ViewParams = z.infer<typeof viewParamsSchema>;
/** What a client sends (sort as `field:dir` text). */
export type ViewParamsInput = z.input<typeof viewParamsSchema>;

const viewName = z.string({ message: 'a name' }).trim().min(1, 'a name').max(80, 'at most 80 characters');
const page = z.enum(VIEW_PAGES, { message: `one of ${VIEW_PAGES.join(', ')}` });

export const savedViewInputSchema = z.strictObject({
  name: viewName,
  page,
  params: viewParamsSchema,
  /** Shared views are listed for, and open for, the whole team (roles permitting). */
  shared: z.boolean({ message: 'true or false' }).optional(),
});
export type SavedViewInput = z.input<typeof savedViewInputSchema>;

export const savedViewPatchSchema = z
  .strictObject({
    name: viewName.optional(),
    page: page.optional(),
    params: viewParamsSchema.optional(),
    shared: z.boolean({ message: 'true or false' }).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change: send at least one field');
export type SavedViewPatch = z.input<typeof savedViewPatchSchema>;

const paramsOut = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]));

export const savedViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  page: z.enum(VIEW_PAGES),
  /** As sent, `sort` as `field:dir` text: what the SPA puts in the URL. */
  params: paramsOut,
  shared: z.boolean(),
  owner: z.string().nullable(),
  /** The view shows money (the spend page, a money column or sort): roles without spend may not open it. */
  usesMoney: z.boolean(),
  /** The caller may open it (false: a money view for a role without spend). */
  usable: z.boolean(),
  /** The caller may rename, update and delete it (its owner, or an admin). */
  editable: z.boolean(),
  /** The view's stable address in the SPA. */
  path: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;
export const savedViewsResponseSchema = z.object({ views: z.array(savedViewSchema) });
export type SavedViewsResponse = z.infer<typeof savedViewsResponseSchema>;
export const savedViewResponseSchema = z.object({ view: savedViewSchema });
export type SavedViewResponse = z.infer<typeof savedViewResponseSchema>;

/** The stored params as URL values (`sort` back to text), for the SPA's URL and the API answer. */
export function viewParamsOut(params: ViewParams): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (key === 'sort') {
      const sort = value as Sort;
      out.sort = `${sort.field}:${sort.direction}`;
    } else out[key] = value as string | number | string[];
  }
  return out;
}

/** The view's range and filters resolved at `now`: the export query a report run uses (and `/api/export.csv` takes). */
export interface ViewExportQuery {
  from?: string;
  to?: string;
  tz: string;
  callee?: string;
  code?: string[];
  terminationCode?: string[];
  outcome?: 'answered' | 'unanswered';
  currency?: string[];
  minDuration?: number;
  maxDuration?: number;
  q?: string;
  sort?: string;
  columns?: RecordColumnId[];
}

export function viewExportQuery(params: ViewParams, defaultTz: string, now: number): ViewExportQuery {
  const tz = params.tz ?? defaultTz;
  const range =
    params.from || params.to
      ? { from: params.from, to: params.to }
      : resolvePreset(params.range ?? 'last7', tz, now);
  const { range: _relative, shortCallSeconds: _chart, from: _f, to: _t, ...rest } = viewParamsOut(params);
  const query = { ...rest, tz } as ViewExportQuery;
  if (range.from) query.from = range.from;
  if (range.to) query.to = range.to;
  return query;
}

/** A query object as URL search parameters (lists repeated), as `/api/export.csv` and the SPA read them. */
export function toSearchParams(query: object): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search;
}

/** Whether a fixed range ends after it starts (a relative one always does). */
export function viewRangeOrdered(params: ViewParams, defaultTz: string): boolean {
  if (!params.from || !params.to) return true;
  const tz = params.tz ?? defaultTz;
  return parseInstantOrDate(params.to, tz) > parseInstantOrDate(params.from, tz);
}
