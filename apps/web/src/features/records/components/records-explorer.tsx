import {
  type Coverage,
  DEFAULT_SORT,
  MONEY_COLUMN_IDS,
  RECORD_COLUMN_IDS,
  type RecordColumnId,
  type RecordRow,
  type Sort,
} from '@callboard/contracts';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ErrorState } from '@/components/error-state';
import { errorMessage } from '@/lib/api-client';
import { downloadCsv } from '@/lib/csv';
import { formatCount } from '@/lib/format';
import type { DashboardState, UpdateOptions } from '@/lib/url-state';
import { useAuditVisibleExport } from '../api/audit-visible-export';
import { exportParams } from '../api/export-records';
import { useRecords } from '../api/get-records';
import { useColumnPreferences } from '../hooks/use-column-preferences';
import { buildVisibleCsv, visibleCsvFileName } from '../utils/export-visible';
import { ColumnSettings } from './column-settings';
import { ExportAllButton } from './export-all-button';
import { RecordDetailPanel } from './record-detail-panel';
import { RecordsPagination } from './records-pagination';
import { RecordsTable } from './records-table';

const EMPTY_ROWS: RecordRow[] = [];

/** The filters in force, as the audit entry records them: one value, or the list of a repeated one. */
function auditFilters(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

interface RecordsExplorerProps {
  state: DashboardState;
  onChange: (
    patch: Partial<Pick<DashboardState, 'sort' | 'page' | 'pageSize' | 'record'>>,
    options?: UpdateOptions,
  ) => void;
  /** The shared filter parameters for the API, range resolved. */
  filterParams: URLSearchParams;
  title: string;
  renderEmpty: () => ReactNode;
  renderCoverage: (coverage: Coverage) => ReactNode;
  calleeHref: (digits: string) => string;
  /**
   * Whether the role may see money. Without it the money columns leave the table, the column picker and
   * both exports, and a money sort (from a colleague's link) falls back to the default: the BFF would
   * answer 403 to any of them.
   */
  moneyVisible: boolean;
  /** Whether the role may download CSV. */
  canExport: boolean;
}

export function RecordsExplorer(props: RecordsExplorerProps) {
  const { state, onChange, filterParams, moneyVisible } = props;
  const sort = moneyVisible || !MONEY_COLUMN_IDS.includes(state.sort.field) ? state.sort : DEFAULT_SORT;
  const query = useRecords({ filterParams, sort, page: state.page, pageSize: state.pageSize });
  const { preferences, toggle, move, reset } = useColumnPreferences();
  const rows = query.data?.rows ?? EMPTY_ROWS;

  const available = useMemo(
    () =>
      moneyVisible ? RECORD_COLUMN_IDS : RECORD_COLUMN_IDS.filter((id) => !MONEY_COLUMN_IDS.includes(id)),
    [moneyVisible],
  );
  const columnIds = useMemo<RecordColumnId[]>(
    () => preferences.order.filter((id) => preferences.visible.includes(id) && available.includes(id)),
    [preferences, available],
  );

  const onSortChange = useCallback((sort: Sort) => onChange({ sort }), [onChange]);
  const onOpen = useCallback((record: string) => onChange({ record }), [onChange]);
  const onClose = useCallback(() => onChange({ record: undefined }), [onChange]);

  const audit = useAuditVisibleExport();
  // Audited first, like the server's exports: no file leaves without its entry in the log.
  const exportVisible = () =>
    audit.mutate(
      { rows: rows.length, columns: columnIds, filters: auditFilters(filterParams) },
      {
        onSuccess: () =>
          downloadCsv(
            buildVisibleCsv(rows, columnIds, state.tz),
            visibleCsvFileName(filterParams, state.page),
          ),
      },
    );

  const total = query.data?.total;
  const isEmpty = query.isSuccess && total === 0;

  // A page past the end (an old link, or fewer calls since) moves to the last page and says so.
  const lastPage = total === undefined ? null : Math.max(1, Math.ceil(total / state.pageSize));
  const [clampedFrom, setClampedFrom] = useState<number | null>(null);
  useEffect(() => {
    if (lastPage === null || query.isPlaceholderData || state.page <= lastPage) return;
    setClampedFrom(state.page);
    onChange({ page: lastPage }, { replace: true });
  }, [lastPage, state.page, query.isPlaceholderData, onChange]);
  return (
    <div className="records">
      <div className="toolbar">
        <h1 className="toolbar__title">{props.title}</h1>
        <div className="toolbar__actions">
          {props.canExport ? (
            <>
              <button
                type="button"
                className="button"
                onClick={exportVisible}
                disabled={rows.length === 0 || audit.isPending}
              >
                Export visible
              </button>
              {audit.isError ? (
                <span className="inline-error" role="alert">
                  Export not written: {errorMessage(audit.error)}
                </span>
              ) : null}
              <ExportAllButton params={exportParams(filterParams, sort, columnIds)} total={total} />
              {/* A plain link: the browser streams the file to disk; the server checks, audits and names it. */}
              <a
                className="button"
                href={`/api/export.parquet?${exportParams(filterParams, sort, columnIds)}`}
                download
                title="The same rows and columns, typed, for analysts (DuckDB, pandas, Spark)"
                aria-disabled={total === 0}
              >
                Export Parquet
              </a>
            </>
          ) : null}
          <ColumnSettings
            preferences={preferences}
            available={available}
            onToggle={toggle}
            onMove={move}
            onReset={reset}
          />
        </div>
      </div>
      {query.data ? props.renderCoverage(query.data.coverage) : null}
      {clampedFrom !== null && lastPage !== null ? (
        <div className="notice notice--warning" role="status">
          <p>
            There is no page {formatCount(clampedFrom)}: these filters match {formatCount(total ?? 0)} calls
            on {formatCount(lastPage)} {lastPage === 1 ? 'page' : 'pages'}. Showing the last page.
          </p>
          <button type="button" className="button button--small" onClick={() => setClampedFrom(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} title="Could not load calls" />
      ) : (
        <>
          {query.isError ? (
            <ErrorState
              error={query.error}
              onRetry={() => void query.refetch()}
              title="Could not refresh calls"
            />
          ) : null}
          {isEmpty && query.data?.coverage.complete ? (
            props.renderEmpty()
          ) : (
            <RecordsTable
              rows={rows}
              columnIds={columnIds}
              sort={sort}
              onSortChange={onSortChange}
              tz={state.tz}
              selectedId={state.record}
              onOpen={onOpen}
              isLoading={query.isPending}
              isFetching={query.isPlaceholderData}
              skeletonRows={Math.min(state.pageSize, 12)}
              caption={`${props.title}: click a row or press Enter on its first cell for details`}
            />
          )}
          <RecordsPagination
            page={state.page}
            pageSize={state.pageSize}
            total={total}
            onPageChange={(page) => onChange({ page })}
            onPageSizeChange={(pageSize) => onChange({ pageSize })}
          />
        </>
      )}
      {state.record ? (
        <RecordDetailPanel
          voiceId={state.record}
          tz={state.tz}
          onClose={onClose}
          calleeHref={props.calleeHref}
          moneyVisible={moneyVisible}
        />
      ) : null}
    </div>
  );
}
