import {
  type AlertRule,
  type AlertSeriesResponse,
  createZonedFormatter,
  zonedDays,
} from '@callboard/contracts';
import Big from 'big.js';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMoneyTotal } from '@/lib/format';
import { SERIES_COLORS } from '@/lib/palette';
import { qualityValue } from '../utils/describe';

interface RuleChartProps {
  rule: AlertRule;
  series: AlertSeriesResponse;
  tz: string;
  animate?: boolean;
}

const AXIS = { fill: '#4f5b6d', fontSize: 12 };
const THRESHOLD_COLOR = '#b42318';
const RESOLVE_COLOR = '#4f5b6d';

/** A round top for an axis: 51.75 → 55, 0.83 → 0.85, 1234 → 1500. */
function roundUp(value: number): number {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return (Math.ceil((value / step) * 2) / 2) * step;
}

/**
 * The metric at each evaluation against the rule's threshold (red) and the value that resolves it (grey);
 * gaps where there was no data or too few calls. Amounts are drawn from their decimal strings (a position on
 * a chart) and shown exactly in the tooltip.
 */
function ThresholdChart({ rule, series, tz, animate }: RuleChartProps) {
  const zoned = createZonedFormatter(tz);
  const money = rule.metric === 'spend';
  const currency = rule.currency ?? 'USD';
  const points = series.points.map((p) => ({
    at: Date.parse(p.at),
    value: money ? (p.amount ? Number(p.amount.amount) : null) : p.value,
    exact: money
      ? p.amount
        ? formatMoneyTotal(p.amount.amount, currency)
        : null
      : p.value === null
        ? null
        : qualityValue(rule.metric, p.value),
    status: p.status,
    calls: p.calls,
  }));
  const threshold = money ? (rule.amount ? Number(rule.amount.amount) : null) : rule.threshold;
  const resolve = money
    ? rule.resolveAmount
      ? Number(rule.resolveAmount.amount)
      : null
    : rule.resolveThreshold;
  const format = (v: number) =>
    money ? formatMoneyTotal(v, currency) : qualityValue(rule.metric, Number(v.toFixed(2)));
  // Each label on the side of its line away from the other (the threshold above the resolve value or below).
  const above = rule.comparison !== 'below';
  return (
    <LineChart
      responsive
      data={points}
      style={{ width: '100%', height: 260 }}
      margin={{ top: 12, right: 12, bottom: 4, left: 8 }}
    >
      <CartesianGrid vertical={false} stroke="#e6eaf0" />
      <XAxis
        dataKey="at"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tick={AXIS}
        tickFormatter={(ms: number) => zoned.dateTime(ms).slice(5, 16)}
      />
      {/* The threshold and the resolve value are always in view, even when every value is far from them. */}
      <YAxis
        tick={AXIS}
        width={80}
        tickFormatter={format}
        domain={[0, (dataMax: number) => roundUp(Math.max(dataMax, (threshold ?? 0) * 1.15, resolve ?? 0))]}
      />
      <Tooltip
        content={({ active, payload }) => {
          const point = payload?.[0]?.payload as (typeof points)[number] | undefined;
          if (!active || !point) return null;
          return (
            <div className="chart-tooltip">
              <strong>{zoned.dateTime(point.at)}</strong>
              <div>
                {point.exact ?? (point.status === 'no_data' ? 'No data (not synced yet)' : 'Too few calls')}
              </div>
              {point.calls !== null && rule.metric !== 'call_volume' ? <div>{point.calls} calls</div> : null}
            </div>
          );
        }}
      />
      {threshold !== null ? (
        <ReferenceLine
          y={threshold}
          stroke={THRESHOLD_COLOR}
          strokeDasharray="6 3"
          label={{
            value: `Threshold ${format(threshold)}`,
            position: above ? 'insideBottomLeft' : 'insideTopLeft',
            fill: THRESHOLD_COLOR,
            fontSize: 12,
          }}
        />
      ) : null}
      {resolve !== null ? (
        <ReferenceLine
          y={resolve}
          stroke={RESOLVE_COLOR}
          strokeDasharray="2 4"
          label={{
            value: `Resolves at ${format(resolve)}`,
            position: above ? 'insideTopRight' : 'insideBottomRight',
            fill: RESOLVE_COLOR,
            fontSize: 12,
          }}
        />
      ) : null}
      <Line
        dataKey="value"
        name="Measured"
        stroke={SERIES_COLORS[0]}
        dot={points.length < 40}
        connectNulls={false}
        isAnimationActive={animate}
      />
    </LineChart>
  );
}

/** This month's spend day by day (bars, cumulative), the run-rate projection to the month end, and the budget. */
function BudgetChart({ rule, series, animate }: RuleChartProps) {
  const budget = rule.current.budget;
  const currency = rule.currency ?? 'USD';
  const spentByDay = new Map((series.budgetDays ?? []).map((d) => [d.day, d.spent.amount]));
  const days = budget ? zonedDays(Date.parse(budget.monthFrom), Date.parse(budget.monthTo), rule.tz) : [];
  const forecast = budget ? new Big(budget.forecast.amount) : null;
  const data = days.map((d, i) => ({
    day: d.day,
    spent: spentByDay.has(d.day) ? Number(spentByDay.get(d.day)) : null,
    projection: forecast
      ? Number(
          forecast
            .times(i + 1)
            .div(days.length)
            .toFixed(2),
        )
      : null,
  }));
  const amount = rule.amount ? Number(rule.amount.amount) : null;
  const format = (v: number) => formatMoneyTotal(v, currency);
  return (
    <ComposedChart
      responsive
      data={data}
      style={{ width: '100%', height: 260 }}
      margin={{ top: 12, right: 12, bottom: 4, left: 8 }}
    >
      <CartesianGrid vertical={false} stroke="#e6eaf0" />
      <XAxis dataKey="day" tick={AXIS} tickFormatter={(d: string) => d.slice(8)} />
      <YAxis
        tick={AXIS}
        width={90}
        tickFormatter={format}
        domain={[0, (dataMax: number) => Math.max(dataMax, (amount ?? 0) * 1.1)]}
      />
      <Tooltip
        formatter={(value, name) => [typeof value === 'number' ? format(value) : String(value), name]}
        labelFormatter={(label) => String(label)}
      />
      <Legend />
      <Bar dataKey="spent" name="Spent so far" fill={SERIES_COLORS[0]} isAnimationActive={animate} />
      <Line
        dataKey="projection"
        name="Run-rate projection"
        stroke={SERIES_COLORS[1]}
        strokeDasharray="5 4"
        dot={false}
        isAnimationActive={animate}
      />
      {amount !== null ? (
        <ReferenceLine
          y={amount}
          stroke={THRESHOLD_COLOR}
          strokeDasharray="6 3"
          label={{
            value: `Budget ${format(amount)}`,
            position: 'insideTopLeft',
            fill: THRESHOLD_COLOR,
            fontSize: 12,
          }}
        />
      ) : null}
    </ComposedChart>
  );
}

export function RuleChart(props: RuleChartProps) {
  return props.rule.metric === 'budget' ? <BudgetChart {...props} /> : <ThresholdChart {...props} />;
}
