import { alertKindsFor } from '@callboard/contracts';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useHealth } from '@/api/get-health';
import { useSession } from '@/api/get-session';
import { AlertsView } from '@/features/alerts/components/alerts-view';
import { DemoDegradePanel } from '@/features/alerts/components/demo-degrade-panel';
import { WebhooksPanel } from '@/features/webhooks/components/webhooks-panel';
import { prefersReducedMotion } from '@/lib/motion';
import { useDashboard } from '../use-dashboard';

/** The Alerts page: rules, firing alerts and history, webhooks, and in demo mode the degrade switch. The open rule is in the URL. */
export default function AlertsRoute() {
  const { state } = useDashboard();
  const role = useSession().data?.user?.role;
  const demo = useHealth().data?.mode === 'demo';
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('rule'));
  const onSelect = useCallback(
    (id: number | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (id === null) next.delete('rule');
          else next.set('rule', String(id));
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  if (!role) return null;
  return (
    <>
      <AlertsView
        role={role}
        tz={state.tz}
        selectedId={Number.isInteger(selected) && selected > 0 ? selected : null}
        onSelect={onSelect}
        animate={!prefersReducedMotion()}
      />
      <div className="view-grid alerts-side">
        <WebhooksPanel kinds={alertKindsFor(role, 'read')} tz={state.tz} />
        {demo ? <DemoDegradePanel tz={state.tz} /> : null}
      </div>
    </>
  );
}
