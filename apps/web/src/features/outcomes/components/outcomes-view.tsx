import type { SummaryResponse } from '@callboard/contracts';
import { ChartCard } from '@/components/chart-card';
import { formatDuration, formatPercent } from '@/lib/format';
import { ANSWERED_COLOR, SERIES_COLORS } from '@/lib/palette';
import {
  answerRateByCode,
  averageDurationByCode,
  durationHistogram,
  type HistogramBar,
  terminationStacks,
} from '../utils/outcome-data';
import { DurationHistogramChart } from './duration-histogram-chart';
import { MetricByCodeChart } from './metric-by-code-chart';
import { TerminationStackChart } from './termination-stack-chart';
import { prefersReducedMotion } from '@/lib/motion';

/** Termination codes beyond this many are stacked as "Other codes" to keep the legend readable. */
const TOP_TERMINATION_CODES = 8;

interface OutcomesViewProps {
  summary: SummaryResponse;
  onSelectCode: (code: string, terminationCode: string | null) => void;
  onSelectDuration: (bar: HistogramBar) => void;
  animate?: boolean;
}

export function OutcomesView({
  summary,
  onSelectCode,
  onSelectDuration,
  animate = !prefersReducedMotion(),
}: OutcomesViewProps) {
  const stacks = terminationStacks(summary.byCode, TOP_TERMINATION_CODES);
  const reasons = new Map(summary.byTermination.map((t) => [t.terminationCode, t.reasons[0]?.reason ?? '']));
  const { overall } = summary;
  return (
    <div className="view-grid">
      <dl className="kpis kpis--card">
        <div className="kpi">
          <dt>Calls</dt>
          <dd>{overall.calls.toLocaleString('en-US')}</dd>
        </div>
        <div className="kpi">
          <dt>Answered</dt>
          <dd>{overall.answered.toLocaleString('en-US')}</dd>
        </div>
        <div className="kpi">
          <dt>Answer rate</dt>
          <dd>{formatPercent(overall.asr)}</dd>
        </div>
        <div className="kpi">
          <dt>Average talk time</dt>
          <dd>{overall.acdSeconds === null ? '–' : formatDuration(overall.acdSeconds)}</dd>
        </div>
      </dl>
      <ChartCard
        title="Termination codes by country/operator"
        hint="Share of each outcome per country/operator (top ones; the rest grouped as Other). Hover for counts; click a segment to see those calls."
      >
        <TerminationStackChart
          keys={stacks.keys}
          rows={stacks.rows}
          reasons={reasons}
          onSelect={onSelectCode}
          animate={animate}
        />
      </ChartCard>
      <div className="chart-row">
        <ChartCard title="Talk time of answered calls" hint="Click a bar to see calls of that length.">
          <DurationHistogramChart
            bars={durationHistogram(summary)}
            onSelect={onSelectDuration}
            animate={animate}
          />
        </ChartCard>
        <ChartCard title="Answer rate by country/operator">
          <MetricByCodeChart
            metrics={answerRateByCode(summary.byCode)}
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
          metrics={averageDurationByCode(summary.byCode)}
          color={SERIES_COLORS[0]}
          format={(v) => formatDuration(v)}
          onSelectCode={(code) => onSelectCode(code, null)}
          animate={animate}
        />
      </ChartCard>
    </div>
  );
}
