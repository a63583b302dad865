import { DURATION_EDGES, exportFileName, type OperatorRow, type SummaryResponse } from '@callboard/contracts';
import { ChartCard } from '@/components/chart-card';
import { FiguresTable } from '@/components/figures-table';
import { formatCount, formatDuration, formatPercent } from '@/lib/format';
import { prefersReducedMotion } from '@/lib/motion';
import { ANSWERED_COLOR, SERIES_COLORS } from '@/lib/palette';
import {
  answerRateByCode,
  averageDurationByCode,
  durationHistogram,
  foldByCalls,
  type HistogramBar,
  shareOfAnswered,
  terminationStacks,
} from '../utils/outcome-data';
import { DurationHistogramChart } from './duration-histogram-chart';
import { MetricByCodeChart } from './metric-by-code-chart';
import { TerminationStackChart } from './termination-stack-chart';

/** Termination codes with their own segment; rarer ones are folded per outcome class. */
const TOP_TERMINATION_CODES = 12;

interface OutcomesViewProps {
  summary: SummaryResponse;
  onSelectCode: (code: string, terminationCode: string | null) => void;
  onSelectDuration: (bar: HistogramBar) => void;
  onShortCallSecondsChange: (seconds: number) => void;
  animate?: boolean;
}

export function OutcomesView({
  summary,
  onSelectCode,
  onSelectDuration,
  onShortCallSecondsChange,
  animate = !prefersReducedMotion(),
}: OutcomesViewProps) {
  const folded = foldByCalls(summary.byCode);
  const reasons = new Map(summary.byTermination.map((t) => [t.terminationCode, t.reasons[0]?.reason ?? '']));
  const stacks = terminationStacks(folded, TOP_TERMINATION_CODES, reasons);
  const { overall, range } = summary;
  const short = range.shortCallSeconds;
  return (
    <div className="view-grid">
      <dl className="kpis kpis--card">
        <div className="kpi">
          <dt>Calls</dt>
          <dd>{formatCount(overall.calls)}</dd>
        </div>
        <div className="kpi">
          <dt>Answered</dt>
          <dd>{formatCount(overall.answered)}</dd>
        </div>
        <div className="kpi">
          <dt>Answer rate</dt>
          <dd>{formatPercent(overall.asr)}</dd>
        </div>
        <div className="kpi">
          <dt>Average talk time</dt>
          <dd>{overall.acdSeconds === null ? '–' : formatDuration(overall.acdSeconds)}</dd>
        </div>
        <div className="kpi">
          <dt>
            <label htmlFor="short-call-seconds">Short calls: answered, under</label>{' '}
            <select
              id="short-call-seconds"
              className="kpi__select"
              value={short}
              onChange={(event) => onShortCallSecondsChange(Number(event.target.value))}
            >
              {DURATION_EDGES.map((seconds) => (
                <option key={seconds} value={seconds}>
                  {seconds} s
                </option>
              ))}
            </select>
          </dt>
          <dd>
            {formatPercent(shareOfAnswered(overall.shortCalls, overall.answered))}
            <span className="kpi__detail">
              {formatCount(overall.shortCalls)} of {formatCount(overall.answered)} answered
            </span>
          </dd>
        </div>
        <div className="kpi">
          <dt>Key-press (DTMF) response rate</dt>
          <dd>
            {formatPercent(shareOfAnswered(overall.keyPresses, overall.answered))}
            <span className="kpi__detail">
              {formatCount(overall.keyPresses)} of {formatCount(overall.answered)} answered pressed a key
            </span>
          </dd>
        </div>
      </dl>
      <ChartCard
        title="Termination codes by country/operator"
        hint="Share of each outcome per country/operator (the busiest by calls; the rest grouped as Other), coloured by outcome class. Hover for counts; click a segment to see those calls, or use the table below."
      >
        <TerminationStackChart
          keys={stacks.keys}
          rows={stacks.rows}
          onSelect={onSelectCode}
          animate={animate}
        />
      </ChartCard>
      <div className="chart-row">
        <ChartCard
          title="Talk time of answered calls"
          hint="Click a bar, or focus it and press Enter, to see calls of that length."
        >
          <DurationHistogramChart
            bars={durationHistogram(summary)}
            onSelect={onSelectDuration}
            animate={animate}
          />
        </ChartCard>
        <ChartCard
          title="Answer rate by country/operator"
          hint="The busiest by calls; the rest grouped as Other."
        >
          <MetricByCodeChart
            metrics={answerRateByCode(folded)}
            color={ANSWERED_COLOR}
            format={(v) => `${v}%`}
            domain={[0, 100]}
            onSelectCode={(code) => onSelectCode(code, null)}
            animate={animate}
          />
        </ChartCard>
      </div>
      <ChartCard title="Average talk time by country/operator" hint="Per answered call.">
        <MetricByCodeChart
          metrics={averageDurationByCode(folded)}
          color={SERIES_COLORS[0]}
          format={(v) => formatDuration(v)}
          onSelectCode={(code) => onSelectCode(code, null)}
          animate={animate}
        />
      </ChartCard>
      <FiguresTable<OperatorRow>
        caption="Outcomes per country/operator"
        hint="Every country/operator; sort by any column. The operator's button shows its calls."
        filename={exportFileName('outcomes-per-operator', {
          from: range.from ? Date.parse(range.from) : null,
          to: range.to ? Date.parse(range.to) : null,
          tz: range.tz,
        })}
        scroll
        rows={summary.byCode}
        rowKey={(row) => row.code}
        columns={[
          {
            label: 'Country/operator',
            value: (row) => (
              <button type="button" className="row-open" onClick={() => onSelectCode(row.code, null)}>
                {row.code}
              </button>
            ),
            csv: (row) => row.code,
            sort: (row) => row.code,
          },
          count('Calls', (row) => row.calls),
          count('Answered', (row) => row.answered),
          ratio('Answer rate', (row) => row.asr),
          {
            label: 'Average talk time',
            csvLabel: 'Average talk time (s)',
            value: (row) => (row.acdSeconds === null ? '–' : formatDuration(row.acdSeconds)),
            csv: (row) => (row.acdSeconds === null ? null : Math.round(row.acdSeconds)),
            sort: (row) => row.acdSeconds ?? -1,
            numeric: true,
          },
          ratio(`Short calls (< ${short} s)`, (row) => shareOfAnswered(row.shortCalls, row.answered)),
          ratio('Key-press rate', (row) => shareOfAnswered(row.keyPresses, row.answered)),
        ]}
      />
    </div>
  );
}

function count(label: string, pick: (row: OperatorRow) => number) {
  return {
    label,
    value: (row: OperatorRow) => formatCount(pick(row)),
    csv: pick,
    sort: pick,
    numeric: true,
  };
}

function ratio(label: string, pick: (row: OperatorRow) => number | null) {
  return {
    label,
    csvLabel: `${label} (0-1)`,
    value: (row: OperatorRow) => formatPercent(pick(row)),
    csv: pick,
    sort: (row: OperatorRow) => pick(row) ?? -1,
    numeric: true,
  };
}
