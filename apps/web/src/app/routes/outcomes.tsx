import { useCallback } from 'react';
import { useSummary } from '@/api/get-summary';
import { ErrorState } from '@/components/error-state';
import { FilterBar } from '@/features/filters/components/filter-bar';
import { OutcomesView } from '@/features/outcomes/components/outcomes-view';
import { CoverageNotice } from '@/features/sync/components/coverage-notice';
import type { Filters } from '@/lib/url-state';
import { SummarySkeleton } from './summary-skeleton';
import { useChartFilters } from './use-chart-filters';

export default function OutcomesRoute() {
  const { state, update, filterParams, showRecords } = useChartFilters();
  const summary = useSummary(filterParams);
  const onFilters = useCallback(
    (filters: Partial<Filters>, options?: { replace?: boolean }) => update({ filters }, options),
    [update],
  );
  return (
    <>
      <FilterBar filters={state.filters} tz={state.tz} onChange={onFilters} />
      <div className="toolbar">
        <h1 className="toolbar__title">Outcomes</h1>
      </div>
      {summary.data ? <CoverageNotice coverage={summary.data.coverage} /> : null}
      {summary.isError ? (
        <ErrorState
          error={summary.error}
          onRetry={() => void summary.refetch()}
          title="Could not load outcomes"
        />
      ) : summary.data ? (
        <div className={summary.isPlaceholderData ? 'is-fetching' : undefined}>
          <OutcomesView
            summary={summary.data}
            onSelectCode={(code, terminationCode) =>
              showRecords({
                code: [code],
                ...(terminationCode ? { terminationCode: [terminationCode] } : {}),
              })
            }
            onSelectDuration={(bar) =>
              showRecords({
                outcome: 'answered',
                minDuration: bar.fromSeconds,
                maxDuration: bar.toSeconds === null ? undefined : bar.toSeconds - 1,
              })
            }
          />
        </div>
      ) : (
        <SummarySkeleton />
      )}
    </>
  );
}
