import type { SummaryResponse } from '@callboard/contracts';
import { type ReactNode, useCallback } from 'react';
import { useSummary } from '@/api/get-summary';
import { ErrorState } from '@/components/error-state';
import { ComparisonCards } from '@/features/compare/components/comparison-cards';
import { FilterBar } from '@/features/filters/components/filter-bar';
import { CoverageNotice } from '@/features/sync/components/coverage-notice';
import type { Filters } from '@/lib/url-state';
import { SummarySkeleton } from './summary-skeleton';
import { useChartFilters } from './use-chart-filters';

type ChartFilters = ReturnType<typeof useChartFilters>;

interface SummaryPageProps {
  title: string;
  /** Which figures the comparison with the previous period shows. */
  compare: 'spend' | 'outcomes';
  /** Drawn once the summary has arrived; chart clicks use the filter actions. */
  children: (
    summary: SummaryResponse,
    actions: Pick<ChartFilters, 'showRecords' | 'showDay'> & {
      setShortCallSeconds: (seconds: number) => void;
    },
  ) => ReactNode;
}

/** The frame shared by the chart views: filters, title, coverage, and the summary's loading and error states. */
export function SummaryPage({ title, compare, children }: SummaryPageProps) {
  const { state, update, filterParams, showRecords, showDay } = useChartFilters();
  // The short-call threshold is part of the dashboard's URL state, like the filters: a shared link shows the
  // same share, and changing a filter keeps it.
  const shortCallSeconds = state.shortCallSeconds;
  const setShortCallSeconds = useCallback(
    (seconds: number) => update({ shortCallSeconds: seconds }, { replace: true }),
    [update],
  );
  const summary = useSummary(filterParams, shortCallSeconds);
  const onFilters = useCallback(
    (filters: Partial<Filters>, options?: { replace?: boolean }) => update({ filters }, options),
    [update],
  );
  return (
    <>
      <FilterBar filters={state.filters} tz={state.tz} onChange={onFilters} />
      <div className="toolbar">
        <h1 className="toolbar__title">{title}</h1>
      </div>
      {summary.data ? <CoverageNotice coverage={summary.data.coverage} tz={state.tz} /> : null}
      {summary.data ? <ComparisonCards filterParams={filterParams} show={compare} /> : null}
      {summary.isError ? (
        <ErrorState
          error={summary.error}
          onRetry={() => void summary.refetch()}
          title={`Could not load ${title.toLowerCase()}`}
        />
      ) : summary.data ? (
        <div className={summary.isPlaceholderData ? 'is-fetching' : undefined}>
          {children(summary.data, { showRecords, showDay, setShortCallSeconds })}
        </div>
      ) : (
        <SummarySkeleton />
      )}
    </>
  );
}
