import { useCallback } from 'react';
import { EmptyState } from '@/components/empty-state';
import { FilterBar } from '@/features/filters/components/filter-bar';
import { activeFilters, rangeLabel } from '@/features/filters/utils/active-filters';
import { RecordsExplorer } from '@/features/records/components/records-explorer';
import { CoverageNotice } from '@/features/sync/components/coverage-notice';
import { useCan } from '@/hooks/use-can';
import { EMPTY_FILTERS, type Filters } from '@/lib/url-state';
import { calleePath } from '../paths';
import { useDashboard } from '../use-dashboard';

export function RecordsRoute() {
  const { state, update, filterParams } = useDashboard();
  const canSeeMoney = useCan('money:read');
  const canExport = useCan('export');
  const onFilters = useCallback(
    (filters: Partial<Filters>, options?: { replace?: boolean }) =>
      update({ filters, record: undefined }, options),
    [update],
  );
  const chips = activeFilters(state.filters);

  return (
    <>
      <FilterBar filters={state.filters} tz={state.tz} onChange={onFilters} />
      <RecordsExplorer
        state={state}
        onChange={update}
        filterParams={filterParams}
        moneyVisible={canSeeMoney}
        canExport={canExport}
        title="Call records"
        calleeHref={(digits) => calleePath(digits, state.tz)}
        renderCoverage={(coverage) => <CoverageNotice coverage={coverage} tz={state.tz} />}
        renderEmpty={() => (
          <EmptyState
            title={`No calls in ${rangeLabel(state.filters, state.tz).replace(/^[A-Z]/, (c) => c.toLowerCase())}${chips.length ? ' match these filters' : ''}.`}
            chips={chips.map((chip) => ({
              key: chip.key,
              label: chip.label,
              onRemove: () => onFilters(chip.clear),
            }))}
            onReset={
              chips.length > 0 || state.filters.range !== EMPTY_FILTERS.range
                ? () => onFilters(EMPTY_FILTERS)
                : undefined
            }
          >
            {chips.length === 0 && state.filters.range !== 'all' ? (
              <button
                type="button"
                className="button"
                onClick={() => onFilters({ range: 'all', from: undefined, to: undefined })}
              >
                Show all stored calls
              </button>
            ) : null}
          </EmptyState>
        )}
      />
    </>
  );
}
