import { ReportsView } from '@/features/reports/components/reports-view';
import { useDashboard } from '../use-dashboard';

export function ReportsRoute() {
  const { state } = useDashboard();
  return (
    <>
      <div className="toolbar">
        <h1 className="toolbar__title">Reports</h1>
      </div>
      <ReportsView tz={state.tz} />
    </>
  );
}
