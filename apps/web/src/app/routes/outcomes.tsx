import { OutcomesView } from '@/features/outcomes/components/outcomes-view';
import { SummaryPage } from './summary-page';

export default function OutcomesRoute() {
  return (
    <SummaryPage title="Outcomes" compare="outcomes">
      {(summary, { showRecords, setShortCallSeconds }) => (
        <OutcomesView
          summary={summary}
          onSelectCode={(code, terminationCode) =>
            showRecords({
              code: [code],
              ...(terminationCode ? { terminationCode: [terminationCode] } : {}),
            })
          }
          onShortCallSecondsChange={setShortCallSeconds}
          onSelectDuration={(bar) =>
            showRecords({
              outcome: 'answered',
              minDuration: bar.fromSeconds,
              maxDuration: bar.toSeconds === null ? undefined : bar.toSeconds - 1,
            })
          }
        />
      )}
    </SummaryPage>
  );
}
