import { addDays } from '@callboard/contracts';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { type Filters, serializeDashboardState } from '@/lib/url-state';
import { useDashboard } from '../use-dashboard';

/** Chart clicks add a filter and show the matching records. */
export function useChartFilters() {
  const dashboard = useDashboard();
  const navigate = useNavigate();
  const { state } = dashboard;
  const showRecords = useCallback(
    (patch: Partial<Filters>) => {
      const params = serializeDashboardState({
        ...state,
        filters: { ...state.filters, ...patch },
        page: 1,
        record: undefined,
      });
      navigate(`/?${params}`);
    },
    [navigate, state],
  );
  const showDay = useCallback(
    (day: string) => showRecords({ range: 'custom', from: day, to: addDays(day, 1) }),
    [showRecords],
  );
  return { ...dashboard, showRecords, showDay };
}
