import { ReportsView } from '@/features/reports/components/reports-view';
import { useSavedViews } from '@/features/saved-views/api/get-saved-views';
import { useWebhooks } from '@/features/webhooks/api/get-webhooks';
import { useDashboard } from '../use-dashboard';

/** The Reports page: composes the saved views and webhooks (other features) for the report forms. */
export function ReportsRoute() {
  const { state } = useDashboard();
  const views = useSavedViews();
  const webhooks = useWebhooks();
  return (
    <>
      <div className="toolbar">
        <h1 className="toolbar__title">Reports</h1>
      </div>
      <ReportsView tz={state.tz} views={views.data?.views ?? []} webhooks={webhooks.data?.webhooks ?? []} />
    </>
  );
}
