import { csvDocument } from '@callboard/contracts';
import { type ReactNode, useState } from 'react';
import { downloadCsv } from '@/lib/csv';

export interface FiguresColumn<T> {
  label: string;
  /** The CSV header when it must name a unit the screen shows in the cells (`Talk time (s)`). */
  csvLabel?: string;
  /** What the cell shows. */
  value: (row: T) => ReactNode;
  /** The cell in the CSV file: numbers plain (no grouping, no symbol), money as its exact decimal string. */
  csv: (row: T) => string | number | null;
  /** Sort key; numbers sort numerically. Columns without one cannot be sorted. */
  sort?: (row: T) => number | string;
  numeric?: boolean;
}

interface FiguresTableProps<T> {
  caption: string;
  columns: FiguresColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  filename: string;
  /** A last row (totals), outside the sort. */
  footer?: T;
  hint?: ReactNode;
  /** Long lists (every country/operator) scroll inside the card, under a sticky header. */
  scroll?: boolean;
}

type SortState = { index: number; direction: 'asc' | 'desc' } | null;

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** A plain table of a chart's figures, sortable by every column, exportable with exact plain numbers. */
export function FiguresTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  filename,
  footer,
  hint,
  scroll = false,
}: FiguresTableProps<T>) {
  const [sort, setSort] = useState<SortState>(null);
  const sortKey = sort ? columns[sort.index]?.sort : undefined;
  const shown =
    sort && sortKey
      ? [...rows].sort((a, b) => compare(sortKey(a), sortKey(b)) * (sort.direction === 'asc' ? 1 : -1))
      : rows;
  const exportCsv = () =>
    downloadCsv(
      csvDocument(
        columns.map((c) => c.csvLabel ?? c.label),
        [...shown, ...(footer ? [footer] : [])].map((row) => columns.map((c) => c.csv(row))),
      ),
      filename,
    );
  const toggle = (index: number) => {
    const first = columns[index]?.numeric ? 'desc' : 'asc';
    setSort(
      sort?.index === index
        ? { index, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { index, direction: first },
    );
  };
  return (
    <section className="card">
      <header className="card__header">
        <div>
          <h2 className="card__title">{caption}</h2>
          {hint ? <p className="card__hint">{hint}</p> : null}
        </div>
        <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </header>
      {/* A long table scrolls inside its card; its sort buttons make the box reachable from the keyboard. */}
      <div className={scroll ? 'figures-scroll figures-scroll--long' : 'figures-scroll'}>
        <table className="data-table figures-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c, index) => {
                const active = sort?.index === index;
                return (
                  <th
                    key={c.label}
                    scope="col"
                    className={c.numeric ? 'is-numeric' : undefined}
                    aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {c.sort ? (
                      <button type="button" className="sort-button" onClick={() => toggle(index)}>
                        {c.label}
                        <span className={`sort-indicator${active ? ' is-active' : ''}`} aria-hidden="true">
                          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    ) : (
                      <span className="figures-table__th">{c.label}</span>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.label} className={c.numeric ? 'is-numeric' : undefined}>
                    {c.value(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {footer ? (
            <tfoot>
              <tr>
                {columns.map((c) => (
                  <td key={c.label} className={c.numeric ? 'is-numeric' : undefined}>
                    {c.value(footer)}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </section>
  );
}
