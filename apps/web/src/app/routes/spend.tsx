import { useCallback } from 'react';
import { useSummary } from '@/api/get-summary';
import { ErrorState } from '@/components/error-state';
import { FilterBar } from '@/features/filters/components/filter-bar';
import { SpendView } from '@/features/spend/components/spend-view';
import { CoverageNotice } from '@/features/sync/components/coverage-notice';
import type { Filters } from '@/lib/url-state';
import { SummarySkeleton } from './summary-skeleton';
import { useChartFilters } from './use-chart-filters';

export default function SpendRoute() {
  const { state, update, filterParams, showRecords, showDay } = useChartFilters();
  const summary = useSummary(filterParams);
  const onFilters = useCallback(
    (filters: Partial<Filters>, options?: { replace?: boolean }) => update({ filters }, options),
    [update],
  );
  return (
    <>
      <FilterBar filters={state.filters} tz={state.tz} onChange={onFilters} />
      <div className="toolbar">
        <h1 className="toolbar__title">Spend</h1>
      </div>
      {summary.data ? <CoverageNotice coverage={summary.data.coverage} /> : null}
      {summary.isError ? (
        <ErrorState
          error={summary.error}
          onRetry={() => void summary.refetch()}
          title="Could not load spend"
        />
      ) : summary.data ? (
        <div className={summary.isPlaceholderData ? 'is-fetching' : undefined}>
          <SpendView
            summary={summary.data}
            onSelectCode={(code) => showRecords({ code: [code] })}
            onSelectDay={showDay}
          />
        </div>
      ) : (
        <SummarySkeleton />
      )}
    </>
  );
}
