import { useCallback, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { CalleeSearch } from '@/features/callee/components/callee-search';
import { RecordsExplorer } from '@/features/records/components/records-explorer';
import { CoverageNotice } from '@/features/sync/components/coverage-notice';
import { useCan } from '@/hooks/use-can';
import { formatCallee } from '@/lib/format';
import { EMPTY_FILTERS, filterApiParams } from '@/lib/url-state';
import { calleePath } from '../paths';
import { useDashboard } from '../use-dashboard';

/** Support's view: every stored call to one number, newest first, whatever the other filters say. */
export function CalleeRoute() {
  const { number = '' } = useParams();
  const digits = number.replace(/\D/g, '');
  const navigate = useNavigate();
  const { state, update } = useDashboard();
  const canSeeMoney = useCan('money:read');
  const canExport = useCan('export');
  const filters = useMemo(() => ({ ...EMPTY_FILTERS, range: 'all' as const, callee: digits }), [digits]);
  const filterParams = useMemo(() => filterApiParams(filters, state.tz, Date.now()), [filters, state.tz]);
  const onSearch = useCallback((next: string) => navigate(calleePath(next, state.tz)), [navigate, state.tz]);

  return (
    <>
      <CalleeSearch digits={digits} onSearch={onSearch} />
      {digits ? (
        <RecordsExplorer
          state={{ ...state, filters }}
          onChange={update}
          filterParams={filterParams}
          moneyVisible={canSeeMoney}
          canExport={canExport}
          title={`Calls to ${formatCallee(digits)}`}
          calleeHref={(d) => calleePath(d, state.tz)}
          renderCoverage={(coverage) => <CoverageNotice coverage={coverage} tz={state.tz} />}
          renderEmpty={() => (
            <EmptyState title={`No stored calls to ${formatCallee(digits)}.`} chips={[]}>
              <p>Check the number, or search for part of it (the last 6 digits usually suffice).</p>
            </EmptyState>
          )}
        />
      ) : (
        <div className="empty-state">
          <p className="empty-state__title">Look up a callee</p>
          <p>Paste the phone number from a customer's message to see every call to it, newest first.</p>
        </div>
      )}
    </>
  );
}
