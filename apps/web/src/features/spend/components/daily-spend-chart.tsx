import {
  Bar,
  type BarShapeProps,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FocusableBar } from '@/components/focusable-bar';
import { formatCount, formatMoney, formatMoneyTotal, isRoundedTotal } from '@/lib/format';
import { SERIES_COLORS } from '@/lib/palette';
import type { DayPoint } from '../utils/spend-data';

interface DailySpendChartProps {
  points: DayPoint[];
  /** Null when money is hidden: calls only. */
  currency: string | null;
  onSelectDay: (day: string) => void;
  animate?: boolean;
}

export function DailySpendChart({ points, currency, onSelectDay, animate = true }: DailySpendChartProps) {
  const dayLabel = (point: DayPoint) =>
    `${point.day}: ${currency ? `${formatMoneyTotal(point.amount, currency)}, ` : ''}${formatCount(point.calls)} calls. Show that day's calls`;
  // Each day's bar is the control: a click or tap opens the bar under the pointer, Enter or Space the
  // focused one. Without money the bars are the calls.
  const bar = (props: BarShapeProps) => (
    <FocusableBar<DayPoint> {...props} barLabel={dayLabel} onChoose={(point) => onSelectDay(point.day)} />
  );
  return (
    <ComposedChart
      responsive
      data={points}
      style={{ width: '100%', height: 300 }}
      margin={{ top: 8, right: 8, bottom: 4, left: 8 }}
    >
      <CartesianGrid vertical={false} stroke="#e6eaf0" />
      <XAxis
        dataKey="day"
        tick={{ fill: '#4f5b6d', fontSize: 12 }}
        tickFormatter={(d: string) => d.slice(5)}
      />
      {currency ? (
        <YAxis
          yAxisId="cost"
          tick={{ fill: '#4f5b6d', fontSize: 12 }}
          tickFormatter={(v: number) => formatMoneyTotal(v, currency)}
          width={80}
        />
      ) : null}
      <YAxis
        yAxisId="calls"
        orientation={currency ? 'right' : 'left'}
        tick={{ fill: '#4f5b6d', fontSize: 12 }}
        tickFormatter={(v: number) => formatCount(v)}
        width={60}
      />
      <Tooltip
        content={({ active, payload }) => {
          const point = payload?.[0]?.payload as DayPoint | undefined;
          if (!active || !point) return null;
          return (
            <div className="chart-tooltip">
              <strong>{point.day}</strong>
              {currency ? (
                <div>
                  {formatMoneyTotal(point.amount, currency)}
                  {isRoundedTotal(point.amount, currency) ? (
                    <span className="chart-tooltip__hint">
                      {' '}
                      (exactly {formatMoney(point.amount, currency)})
                    </span>
                  ) : null}
                </div>
              ) : null}
              <div>
                {formatCount(point.calls)} calls, {formatCount(point.answered)} answered
              </div>
              <div className="chart-tooltip__hint">Click to see that day's calls</div>
            </div>
          );
        }}
      />
      <Legend />
      <Bar
        yAxisId={currency ? 'cost' : 'calls'}
        dataKey={currency ? 'value' : 'calls'}
        name={currency ? `Cost (${currency})` : 'Calls'}
        fill={SERIES_COLORS[0]}
        background={{ fill: 'transparent' }}
        isAnimationActive={animate}
        shape={bar}
      />
      {currency ? (
        <Line
          yAxisId="calls"
          dataKey="calls"
          name="Calls"
          stroke={SERIES_COLORS[1]}
          strokeWidth={2}
          dot={points.length < 40}
          isAnimationActive={animate}
          // The line sits over the bars; clicks go through it to the day's bar.
          style={{ pointerEvents: 'none' }}
        />
      ) : null}
    </ComposedChart>
  );
}
