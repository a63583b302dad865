import type { ReactNode } from 'react';

export interface ActiveFilterChip {
  key: string;
  label: string;
  onRemove: () => void;
}

interface EmptyStateProps {
  title: string;
  /** The filters in force: each can be dropped on its own, so the user sees which one emptied the view. */
  chips: ActiveFilterChip[];
  onReset?: () => void;
  children?: ReactNode;
}

export function EmptyState({ title, chips, onReset, children }: EmptyStateProps) {
  return (
    <div className="empty-state" role="status">
      <p className="empty-state__title">{title}</p>
      {chips.length > 0 ? (
        <>
          <p>These filters are in force; remove one to widen the results:</p>
          <ul className="chips">
            {chips.map((chip) => (
              <li key={chip.key}>
                <button
                  type="button"
                  className="chip"
                  onClick={chip.onRemove}
                  aria-label={`Remove filter ${chip.label}`}
                >
                  {chip.label} <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {children}
      {onReset ? (
        <button type="button" className="button button--primary" onClick={onReset}>
          Reset all filters
        </button>
      ) : null}
    </div>
  );
}
