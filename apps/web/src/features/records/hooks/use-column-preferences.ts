import { DEFAULT_VISIBLE_COLUMNS, RECORD_COLUMN_IDS, type RecordColumnId } from '@callboard/contracts';
import { useCallback, useEffect, useState } from 'react';

const STORAGE_KEY = 'callboard.columns.v1';

export interface ColumnPreferences {
  /** Every column, in display order. */
  order: RecordColumnId[];
  visible: RecordColumnId[];
}

export const DEFAULT_COLUMN_PREFERENCES: ColumnPreferences = {
  order: [...RECORD_COLUMN_IDS],
  visible: [...DEFAULT_VISIBLE_COLUMNS],
};

const isColumnId = (id: unknown): id is RecordColumnId => RECORD_COLUMN_IDS.includes(id as RecordColumnId);

/** Stored preferences survive contract changes: unknown ids drop out, new columns join at the end. */
export function readColumnPreferences(): ColumnPreferences {
  try {
    const stored = JSON.parse(
      localStorage.getItem(STORAGE_KEY) ?? 'null',
    ) as Partial<ColumnPreferences> | null;
    if (!stored || !Array.isArray(stored.order) || !Array.isArray(stored.visible))
      return DEFAULT_COLUMN_PREFERENCES;
    const order = stored.order.filter(isColumnId);
    return {
      order: [...order, ...RECORD_COLUMN_IDS.filter((id) => !order.includes(id))],
      visible: stored.visible.filter(isColumnId),
    };
  } catch {
    return DEFAULT_COLUMN_PREFERENCES;
  }
}

export function useColumnPreferences() {
  const [preferences, setPreferences] = useState(readColumnPreferences);

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(preferences));
  }, [preferences]);

  const toggle = useCallback((id: RecordColumnId, visible: boolean) => {
    setPreferences((p) => ({
      ...p,
      visible: visible ? [...new Set([...p.visible, id])] : p.visible.filter((v) => v !== id),
    }));
  }, []);

  const move = useCallback((id: RecordColumnId, delta: -1 | 1) => {
    setPreferences((p) => {
      const order = [...p.order];
      const from = order.indexOf(id);
      const to = from + delta;
      if (from < 0 || to < 0 || to >= order.length) return p;
      [order[from], order[to]] = [order[to]!, order[from]!];
      return { ...p, order };
    });
  }, []);

  const reset = useCallback(() => setPreferences(DEFAULT_COLUMN_PREFERENCES), []);

  return { preferences, toggle, move, reset };
}
