import { useMemo } from 'react';
import { browserTimeZone } from '@/lib/time-zone';
import { filterApiParams, useDashboardState } from '@/lib/url-state';

const BROWSER_TZ = browserTimeZone();

/** URL state with the viewer's zone as fallback, plus the API filter parameters it resolves to. */
export function useDashboard() {
  const { state, update } = useDashboardState(BROWSER_TZ);
  // Presets resolve to calendar dates, so this is stable within a day.
  const filterParams = useMemo(
    () => filterApiParams(state.filters, state.tz, Date.now()),
    [state.filters, state.tz],
  );
  return { state, update, filterParams };
}
