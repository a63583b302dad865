import { SpendView } from '@/features/spend/components/spend-view';
import { SummaryPage } from './summary-page';

export default function SpendRoute() {
  return (
    <SummaryPage title="Spend" compare="spend">
      {(summary, { showRecords, showDay }) => (
        <SpendView
          summary={summary}
          onSelectCode={(code) => showRecords({ code: [code] })}
          onSelectDay={showDay}
        />
      )}
    </SummaryPage>
  );
}
