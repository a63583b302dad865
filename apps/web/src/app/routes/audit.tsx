import { AUDIT_ACTIONS, type AuditAction, isCalendarDate } from '@callboard/contracts';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { type AuditFilters, AuditView } from '@/features/audit/components/audit-view';
import { useDashboard } from '../use-dashboard';

const KEYS = { username: 'user', action: 'action', from: 'since', through: 'through' } as const;

/** The audit filters live in the URL like every other view's, under keys of their own. */
export function AuditRoute() {
  const { state } = useDashboard();
  const [params, setParams] = useSearchParams();
  const date = (key: string) => {
    const value = params.get(key);
    return value && isCalendarDate(value) ? value : undefined;
  };
  const action = params.get(KEYS.action);
  const filters: AuditFilters = {
    username: params.get(KEYS.username) || undefined,
    action: AUDIT_ACTIONS.includes(action as AuditAction) ? (action as AuditAction) : undefined,
    from: date(KEYS.from),
    through: date(KEYS.through),
  };
  const onChange = useCallback(
    (patch: Partial<AuditFilters>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [field, value] of Object.entries(patch)) {
            const key = KEYS[field as keyof AuditFilters];
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return <AuditView filters={filters} tz={state.tz} onChange={onChange} />;
}
