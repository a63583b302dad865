import { buildCsv, downloadCsv } from '@/lib/csv';

export interface FiguresColumn<T> {
  label: string;
  value: (row: T) => string;
  numeric?: boolean;
}

interface FiguresTableProps<T> {
  caption: string;
  columns: FiguresColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  filename: string;
}

/** A plain table of a chart's figures, exportable exactly as shown. */
export function FiguresTable<T>({ caption, columns, rows, rowKey, filename }: FiguresTableProps<T>) {
  const exportCsv = () =>
    downloadCsv(
      buildCsv(
        columns.map((c) => c.label),
        rows.map((row) => columns.map((c) => c.value(row))),
      ),
      filename,
    );
  return (
    <section className="card">
      <header className="card__header">
        <h2 className="card__title">{caption}</h2>
        <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </header>
      <div className="figures-scroll">
        <table className="data-table figures-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" className={c.numeric ? 'is-numeric' : undefined}>
                  <span className="figures-table__th">{c.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.label} className={c.numeric ? 'is-numeric' : undefined}>
                    {c.value(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
