import { columnById, type RecordColumnId } from '@callboard/contracts';
import { Popover } from '@/components/popover';
import type { ColumnPreferences } from '../hooks/use-column-preferences';

interface ColumnSettingsProps {
  preferences: ColumnPreferences;
  /** Columns the viewer may see (money columns drop out for roles without spend). */
  available: readonly RecordColumnId[];
  onToggle: (id: RecordColumnId, visible: boolean) => void;
  onMove: (id: RecordColumnId, delta: -1 | 1) => void;
  onReset: () => void;
}

export function ColumnSettings({ preferences, available, onToggle, onMove, onReset }: ColumnSettingsProps) {
  const ids = preferences.order.filter((id) => available.includes(id));
  return (
    <Popover summaryClassName="button" summary="Columns" panelClassName="popover__panel--right">
      <ul className="column-list" aria-label="Columns, in display order">
        {ids.map((id, index) => {
          const label = columnById(id).label;
          return (
            <li key={id}>
              <label>
                <input
                  type="checkbox"
                  checked={preferences.visible.includes(id)}
                  onChange={(event) => onToggle(id, event.target.checked)}
                />
                {label}
              </label>
              <span className="column-list__move">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${label} earlier`}
                  disabled={index === 0}
                  onClick={() => onMove(id, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${label} later`}
                  disabled={index === ids.length - 1}
                  onClick={() => onMove(id, 1)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button button--link" onClick={onReset}>
        Reset to default columns
      </button>
    </Popover>
  );
}
