import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatMoney } from '@/lib/format';
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
  return (
    <ComposedChart
      responsive
      data={points}
      style={{ width: '100%', height: 300 }}
      margin={{ top: 8, right: 8, bottom: 4, left: 8 }}
      onClick={(state) => {
        const day = points[Number(state.activeTooltipIndex)]?.day;
        if (day) onSelectDay(day);
      }}
      accessibilityLayer
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
          tickFormatter={(v: number) => formatMoney(String(v), currency)}
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
              {currency ? <div>{formatMoney(point.amount, currency)}</div> : null}
              <div>
                {formatCount(point.calls)} calls, {formatCount(point.answered)} answered
              </div>
              <div className="chart-tooltip__hint">Click to see that day's calls</div>
            </div>
          );
        }}
      />
      <Legend />
      {currency ? (
        <Bar
          yAxisId="cost"
          dataKey="value"
          name={`Cost (${currency})`}
          fill={SERIES_COLORS[0]}
          isAnimationActive={animate}
          cursor="pointer"
        />
      ) : null}
      <Line
        yAxisId="calls"
        dataKey="calls"
        name="Calls"
        stroke={SERIES_COLORS[1]}
        strokeWidth={2}
        dot={points.length < 40}
        isAnimationActive={animate}
      />
    </ComposedChart>
  );
}
