import { formatCount } from '@/lib/format';

export const PAGE_SIZES = [25, 50, 100, 200, 500] as const;

interface RecordsPaginationProps {
  page: number;
  pageSize: number;
  total: number | undefined;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}

export function RecordsPagination({
  page,
  pageSize,
  total,
  onPageChange,
  onPageSizeChange,
}: RecordsPaginationProps) {
  const pages = total === undefined ? 1 : Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = total === undefined ? 0 : Math.min(total, page * pageSize);
  const sizes = PAGE_SIZES.includes(pageSize as 25)
    ? PAGE_SIZES
    : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label="Pages">
      <p className="pagination__range" aria-live="polite">
        {total === undefined ? (
          <span className="skeleton skeleton--text" />
        ) : (
          <>
            <strong>
              {formatCount(first)}–{formatCount(last)}
            </strong>{' '}
            of <strong>{formatCount(total)}</strong> calls
          </>
        )}
      </p>
      <div className="pagination__controls">
        <label className="inline-field">
          <span>Rows per page</span>
          <select value={pageSize} onChange={(event) => onPageSizeChange(Number(event.target.value))}>
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => onPageChange(1)} disabled={page <= 1}>
          First
        </button>
        <button type="button" className="button" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
          Previous
        </button>
        <span className="pagination__page">
          Page {formatCount(page)} of {formatCount(pages)}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => onPageChange(page + 1)}
          disabled={page >= pages}
        >
          Next
        </button>
        <button type="button" className="button" onClick={() => onPageChange(pages)} disabled={page >= pages}>
          Last
        </button>
      </div>
    </nav>
  );
}
