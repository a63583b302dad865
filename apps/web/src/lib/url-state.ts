// The URL is the dashboard's state: filters, sort, page, zone and the open record. Parsing reuses the
// contract's schemas (what the URL holds is what the API takes); an invalid value is dropped on its own
// instead of breaking the page. Defaults are stripped so shared links stay short.
import {
  type DateRange,
  DEFAULT_PAGE_SIZE,
  DEFAULT_RANGE,
  DEFAULT_SORT,
  filterShape,
  isRangePreset,
  parseInstantOrDate,
  RANGE_PRESETS,
  type RangePreset,
  recordsQuerySchema,
  resolvePreset,
  type Sort,
  summaryQuerySchema,
} from '@callboard/contracts';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type Outcome = 'answered' | 'unanswered';

export interface Filters {
  range: RangePreset;
  /** Only for the custom range: a date (local midnight in `tz`) or an instant. */
  from?: string;
  /** Exclusive end, like the API's `to`. */
  to?: string;
  callee?: string;
  code: string[];
  terminationCode: string[];
  outcome?: Outcome;
  currency: string[];
  minDuration?: number;
  maxDuration?: number;
  q?: string;
}

export interface DashboardState {
  filters: Filters;
  tz: string;
  sort: Sort;
  page: number;
  pageSize: number;
  /** voiceId of the record shown in the detail panel. */
  record?: string;
  /** The short-call threshold of the chart views (one of SHORT_CALL_SECONDS); undefined: the server's default. */
  shortCallSeconds?: number;
}

/** Every key present (undefined when unset) so merging it as a patch clears each filter. */
export const EMPTY_FILTERS: Filters = {
  range: DEFAULT_RANGE,
  from: undefined,
  to: undefined,
  callee: undefined,
  code: [],
  terminationCode: [],
  outcome: undefined,
  currency: [],
  minDuration: undefined,
  maxDuration: undefined,
  q: undefined,
};

function parseOne<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, value: unknown) {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

export function parseDashboardState(params: URLSearchParams, fallbackTz: string): DashboardState {
  const first = (key: string) => params.get(key) ?? undefined;
  const all = (key: string) => (params.has(key) ? params.getAll(key) : undefined);
  const tz = parseOne<string>(filterShape.tz, first('tz')) ?? fallbackTz;
  let from = parseOne<string>(filterShape.from, first('from'));
  let to = parseOne<string>(filterShape.to, first('to'));
  // A range that ends before it starts matches nothing: dropped whole, like any other invalid value.
  if (endsBeforeStart(from, to, tz)) {
    from = undefined;
    to = undefined;
  }
  const rangeParam = first('range');
  const range: RangePreset =
    from || to
      ? 'custom'
      : rangeParam && isRangePreset(rangeParam) && rangeParam !== 'custom'
        ? rangeParam
        : DEFAULT_RANGE;
  const shape = recordsQuerySchema.shape;
  return {
    filters: {
      range,
      from,
      to,
      callee: parseOne<string>(filterShape.callee, first('callee')),
      code: parseOne<string[]>(filterShape.code, all('code')) ?? [],
      terminationCode: parseOne<string[]>(filterShape.terminationCode, all('terminationCode')) ?? [],
      outcome: parseOne<Outcome>(filterShape.outcome, first('outcome')),
      currency: parseOne<string[]>(filterShape.currency, all('currency')) ?? [],
      minDuration: parseOne<number>(filterShape.minDuration, first('minDuration')),
      maxDuration: parseOne<number>(filterShape.maxDuration, first('maxDuration')),
      q: parseOne<string>(filterShape.q, first('q')),
    },
    tz,
    sort: parseOne<Sort>(shape.sort, first('sort')) ?? DEFAULT_SORT,
    page: parseOne<number>(shape.page, first('page')) ?? 1,
    pageSize: parseOne<number>(shape.pageSize, first('pageSize')) ?? DEFAULT_PAGE_SIZE,
    record: first('record') || undefined,
    shortCallSeconds: parseOne<number>(summaryQuerySchema.shape.shortCallSeconds, first('shortCallSeconds')),
  };
}

function endsBeforeStart(from: string | undefined, to: string | undefined, tz: string): boolean {
  return from !== undefined && to !== undefined && parseInstantOrDate(to, tz) <= parseInstantOrDate(from, tz);
}

/** A value in a link that could not be used, said so a person knows what they are looking at. */
export interface LinkProblem {
  /** The query parameters to remove from the link (besides correcting `tz`). */
  drop: string[];
  message: string;
}

const PARAM_NAMES: Record<string, string> = {
  callee: 'callee',
  code: 'country/operator',
  terminationCode: 'termination code',
  outcome: 'outcome',
  currency: 'currency',
  minDuration: 'shortest talk time',
  maxDuration: 'longest talk time',
  q: 'search text',
  sort: 'sort order',
  pageSize: 'rows per page',
};

/**
 * What in a link's query the dashboard had to drop (parsing drops each bad value on its own), with what is
 * shown instead. An empty list when the link was fine.
 */
export function linkProblems(params: URLSearchParams, fallbackTz: string): LinkProblem[] {
  const state = parseDashboardState(params, fallbackTz);
  const problems: LinkProblem[] = [];
  const value = (key: string) => params.get(key);
  const tz = value('tz');
  if (tz !== null && tz !== state.tz) {
    problems.push({
      drop: [],
      message: `“${tz}” is not a time zone: times are shown in ${state.tz} instead.`,
    });
  }
  const from = value('from');
  const to = value('to');
  const range = rangeDescription(state.filters);
  if (from !== null && to !== null && state.filters.from === undefined && state.filters.to === undefined) {
    const bothReal = filterShape.from.safeParse(from).success && filterShape.to.safeParse(to).success;
    if (bothReal) {
      problems.push({
        drop: ['from', 'to'],
        message: `The end date must be after the start date: showing ${range} instead.`,
      });
    }
  }
  if (from !== null && state.filters.from === undefined && !filterShape.from.safeParse(from).success) {
    problems.push({
      drop: ['from'],
      message: `The start date “${from}” does not exist: showing ${range} instead.`,
    });
  }
  if (to !== null && state.filters.to === undefined && !filterShape.to.safeParse(to).success) {
    problems.push({
      drop: ['to'],
      message: `The end date “${to}” does not exist: showing ${range} instead.`,
    });
  }
  const rangeParam = value('range');
  if (rangeParam !== null && !(from || to) && state.filters.range !== rangeParam) {
    problems.push({
      drop: ['range'],
      message: `“${rangeParam}” is not a date range: showing ${range} instead.`,
    });
  }
  const page = value('page');
  if (page !== null && String(state.page) !== page) {
    problems.push({ drop: ['page'], message: `“${page}” is not a page number: showing page 1 instead.` });
  }
  for (const [key, name] of Object.entries(PARAM_NAMES)) {
    for (const raw of params.getAll(key)) {
      const schema =
        key in filterShape
          ? filterShape[key as keyof typeof filterShape]
          : recordsQuerySchema.shape[key as 'sort'];
      const result = schema.safeParse(raw);
      if (!result.success) {
        const expected = result.error.issues[0]?.message;
        problems.push({
          drop: [key],
          message: `The ${name} “${raw}” was left out${expected ? ` (expected ${expected})` : ''}.`,
        });
      }
    }
  }
  return problems;
}

function rangeDescription(filters: Filters): string {
  if (filters.range !== 'custom')
    return RANGE_PRESETS.find((p) => p.id === filters.range)!.label.toLowerCase();
  if (filters.from && filters.to) return `${filters.from} to ${filters.to}`;
  return filters.from ? `calls from ${filters.from}` : `calls before ${filters.to}`;
}

function appendFilters(params: URLSearchParams, filters: Filters): void {
  if (filters.range === 'custom') {
    if (filters.from) params.set('from', filters.from);
    if (filters.to) params.set('to', filters.to);
  }
  if (filters.callee) params.set('callee', filters.callee);
  for (const code of filters.code) params.append('code', code);
  for (const code of filters.terminationCode) params.append('terminationCode', code);
  if (filters.outcome) params.set('outcome', filters.outcome);
  for (const currency of filters.currency) params.append('currency', currency);
  if (filters.minDuration !== undefined) params.set('minDuration', String(filters.minDuration));
  if (filters.maxDuration !== undefined) params.set('maxDuration', String(filters.maxDuration));
  if (filters.q) params.set('q', filters.q);
}

/**
 * `tz` is always written: the default is the viewer's browser zone, which differs between colleagues,
 * so a link without it would not show the same days.
 */
export function serializeDashboardState(state: DashboardState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.filters.range !== DEFAULT_RANGE && state.filters.range !== 'custom')
    params.set('range', state.filters.range);
  appendFilters(params, state.filters);
  params.set('tz', state.tz);
  if (state.sort.field !== DEFAULT_SORT.field || state.sort.direction !== DEFAULT_SORT.direction) {
    params.set('sort', `${state.sort.field}:${state.sort.direction}`);
  }
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  if (state.record) params.set('record', state.record);
  if (state.shortCallSeconds !== undefined) params.set('shortCallSeconds', String(state.shortCallSeconds));
  return params;
}

export function resolveRange(filters: Filters, tz: string, now: number): DateRange {
  if (filters.range === 'custom') return { from: filters.from, to: filters.to };
  return resolvePreset(filters.range, tz, now);
}

/** The shared filter parameters as the API takes them, with the preset resolved to dates in `tz`. */
export function filterApiParams(filters: Filters, tz: string, now: number): URLSearchParams {
  const params = new URLSearchParams();
  const range = resolveRange(filters, tz, now);
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  params.set('tz', tz);
  appendFilters(params, { ...filters, range: DEFAULT_RANGE });
  return params;
}

export interface UpdateOptions {
  /** Replace the history entry instead of pushing (for typing in a search box). */
  replace?: boolean;
}

export function useDashboardState(fallbackTz: string) {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseDashboardState(searchParams, fallbackTz), [searchParams, fallbackTz]);

  const update = useCallback(
    (
      patch: Partial<Omit<DashboardState, 'filters'>> & { filters?: Partial<Filters> },
      options: UpdateOptions = {},
    ) => {
      setSearchParams(
        (current) => {
          const previous = parseDashboardState(current, fallbackTz);
          const next: DashboardState = {
            ...previous,
            ...patch,
            filters: { ...previous.filters, ...patch.filters },
          };
          // A new filter, sort or page size makes the old page number meaningless.
          const resetsPage =
            patch.filters !== undefined || patch.sort !== undefined || patch.pageSize !== undefined;
          if (resetsPage && patch.page === undefined) next.page = 1;
          return serializeDashboardState(next);
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearchParams, fallbackTz],
  );

  return { state, update };
}
