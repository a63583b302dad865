// What "save this view" saves: the page open now and its URL state (filters, range, zone, sort, chart
// threshold), as the JSON the API checks with the same field schemas. Opening a view turns it back into the
// page's URL, so a saved view opens exactly as the link it was.
import {
  type SavedView,
  toSearchParams,
  VIEW_PAGE_PATHS,
  type ViewPage,
  type ViewParamsInput,
} from '@callboard/contracts';
import type { DashboardState } from '@/lib/url-state';
import { serializeDashboardState } from '@/lib/url-state';

/** The saved-view page of an SPA path; null where there is nothing to save (alerts, audit, reports). */
export function pageOfPath(pathname: string): ViewPage | null {
  if (pathname === '/') return 'records';
  const first = pathname.split('/')[1];
  return first === 'spend' || first === 'outcomes' || first === 'callee' ? first : null;
}

const LISTS = new Set(['code', 'terminationCode', 'currency']);
const NUMBERS = new Set(['minDuration', 'maxDuration', 'shortCallSeconds']);
/** Page position and the open record are not part of a view. */
const SKIPPED = new Set(['page', 'pageSize', 'record']);

export function currentViewParams(state: DashboardState, page: ViewPage, pathname: string): ViewParamsInput {
  const search = serializeDashboardState(state);
  const params: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    if (SKIPPED.has(key)) continue;
    if (key === 'sort' && page !== 'records') continue;
    if (LISTS.has(key)) params[key] = search.getAll(key);
    else if (NUMBERS.has(key)) params[key] = Number(search.get(key));
    else params[key] = search.get(key);
  }
  // The default range is stripped from URLs; a view says its range.
  if (!params.from && !params.to && !params.range) params.range = state.filters.range;
  const callee = page === 'callee' ? pathname.split('/')[2] : undefined;
  if (callee) params.callee = callee;
  return params as ViewParamsInput;
}

/** The SPA address a saved view opens as. */
export function viewLocation(view: Pick<SavedView, 'page' | 'params'>): string {
  const { callee, ...rest } = view.params;
  const base = VIEW_PAGE_PATHS[view.page];
  const path = view.page === 'callee' && typeof callee === 'string' ? `${base}/${callee}` : base;
  const search = toSearchParams(view.page === 'callee' ? rest : view.params).toString();
  return search ? `${path}?${search}` : path;
}
