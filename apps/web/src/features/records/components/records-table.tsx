import {
  columnById,
  createZonedFormatter,
  type RecordColumnId,
  type RecordRow,
  type Sort,
} from '@callboard/contracts';
import {
  type ColumnDef,
  columnOrderingFeature,
  columnVisibilityFeature,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useEffect, useId, useMemo, useRef } from 'react';
import { formatCallee } from '@/lib/format';
import { formatCell, LOCAL_CURRENCY_MONEY, type ZonedFormatter } from '../utils/format-cell';
import { TerminationBadge } from './termination-badge';

const features = tableFeatures({ columnVisibilityFeature, columnOrderingFeature });
type RecordsColumnDef = ColumnDef<typeof features, RecordRow>;

const NUMERIC_KINDS = new Set(['duration', 'seconds', 'money', 'decimal']);

/** Amounts in the row's own currency: the server sorts them by currency first, then amount. */
const SORTED_WITHIN_CURRENCY: ReadonlySet<RecordColumnId> = new Set(['cost', 'rate']);
const WITHIN_CURRENCY_NOTE = 'Sorts by currency first, then by amount within each currency.';

function renderCell(row: RecordRow, id: RecordColumnId, zoned: ZonedFormatter) {
  if (id === 'terminationCode') return <TerminationBadge record={row} />;
  if (id === 'answered') {
    return (
      <span className={row.answered ? 'pill pill--yes' : 'pill pill--no'}>{row.answered ? 'Yes' : 'No'}</span>
    );
  }
  return formatCell(row, id, zoned);
}

/** Names the row's control by what identifies a call to a person: who was called, and when. */
function openLabel(row: RecordRow, zoned: ZonedFormatter): string {
  return `Details of the call to ${formatCallee(row.callee)} submitted ${zoned.dateTime(Date.parse(row.submitTime))}`;
}

function buildColumns(ids: readonly RecordColumnId[], zoned: ZonedFormatter): RecordsColumnDef[] {
  return ids.map((id) => ({
    id,
    header: LOCAL_CURRENCY_MONEY.has(id) ? `${columnById(id).label} (local currency)` : columnById(id).label,
    accessorFn: (row: RecordRow) => row[id],
    cell: ({ row }) => renderCell(row.original, id, zoned),
  }));
}

interface RecordsTableProps {
  rows: RecordRow[];
  /** Visible columns in display order. */
  columnIds: RecordColumnId[];
  sort: Sort;
  onSortChange: (sort: Sort) => void;
  tz: string;
  selectedId?: string;
  onOpen: (voiceId: string) => void;
  /** First load: render skeleton rows of the page's height so nothing jumps when data lands. */
  isLoading: boolean;
  /** A newer page is on its way; the current rows stay on screen, dimmed. */
  isFetching: boolean;
  skeletonRows: number;
  caption: string;
}

export function RecordsTable(props: RecordsTableProps) {
  const { rows, columnIds, sort, onSortChange, tz, selectedId, onOpen } = props;
  const zoned = useMemo(() => createZonedFormatter(tz), [tz]);
  const noteId = useId();
  const columns = useMemo(() => buildColumns(columnIds, zoned), [columnIds, zoned]);
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.voiceId,
    state: { columnOrder: columnIds, columnVisibility: {} },
  });

  // When the detail panel closes, focus goes back to the button of the row it was opened from (if it is on
  // this page), so keyboard users continue where they were instead of at the top of the document.
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const previousSelected = useRef(selectedId);
  useEffect(() => {
    const closed = previousSelected.current;
    previousSelected.current = selectedId;
    if (!closed || selectedId) return;
    const row = Array.from(bodyRef.current?.rows ?? []).find((tr) => tr.dataset.rowId === closed);
    row?.querySelector<HTMLButtonElement>('button.row-open')?.focus();
  }, [selectedId]);

  const toggleSort = (field: RecordColumnId) => {
    const firstDirection = columnById(field).kind === 'text' ? 'asc' : 'desc';
    onSortChange(
      sort.field === field
        ? { field, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { field, direction: firstDirection },
    );
  };

  return (
    <div className={`table-scroll${props.isFetching && !props.isLoading ? ' is-fetching' : ''}`}>
      <table className="data-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const id = header.column.id as RecordColumnId;
                const active = sort.field === id;
                const kind = columnById(id).kind;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={NUMERIC_KINDS.has(kind) ? 'is-numeric' : undefined}
                    aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => toggleSort(id)}
                      title={SORTED_WITHIN_CURRENCY.has(id) ? WITHIN_CURRENCY_NOTE : undefined}
                      aria-describedby={SORTED_WITHIN_CURRENCY.has(id) ? noteId : undefined}
                    >
                      <table.FlexRender header={header} />
                      <span className={`sort-indicator${active ? ' is-active' : ''}`} aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody ref={bodyRef} aria-busy={props.isLoading || undefined}>
          {props.isLoading
            ? Array.from({ length: props.skeletonRows }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                <tr key={i} className="skeleton-row">
                  {columnIds.map((id) => (
                    <td key={id}>
                      <span className="skeleton" />
                    </td>
                  ))}
                </tr>
              ))
            : table.getRowModel().rows.map((row) => (
                // A click anywhere on the row is a mouse shortcut; the button in its first cell is the
                // control keyboards and screen readers use.
                <tr
                  key={row.id}
                  data-row-id={row.id}
                  className={row.id === selectedId ? 'is-selected' : undefined}
                  aria-current={row.id === selectedId ? true : undefined}
                  onClick={(event) => {
                    if (!(event.target as HTMLElement).closest('a, button')) onOpen(row.id);
                  }}
                >
                  {row.getVisibleCells().map((cell, index) => (
                    <td
                      key={cell.id}
                      className={
                        NUMERIC_KINDS.has(columnById(cell.column.id as RecordColumnId).kind)
                          ? 'is-numeric'
                          : undefined
                      }
                    >
                      {index === 0 ? (
                        <button
                          type="button"
                          className="row-open"
                          aria-label={openLabel(row.original, zoned)}
                          aria-expanded={row.id === selectedId}
                          onClick={() => onOpen(row.id)}
                        >
                          <table.FlexRender cell={cell} />
                        </button>
                      ) : (
                        <table.FlexRender cell={cell} />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
      <span id={noteId} className="visually-hidden">
        {WITHIN_CURRENCY_NOTE}
      </span>
    </div>
  );
}
