import { Bar, BarChart, type BarShapeProps, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { FocusableBar } from '@/components/focusable-bar';
import { formatCount } from '@/lib/format';
import { SERIES_COLORS } from '@/lib/palette';
import type { HistogramBar } from '../utils/outcome-data';

interface DurationHistogramChartProps {
  bars: HistogramBar[];
  onSelect: (bar: HistogramBar) => void;
  animate?: boolean;
}

export function DurationHistogramChart({ bars, onSelect, animate = true }: DurationHistogramChartProps) {
  const bar = (props: BarShapeProps) => (
    <FocusableBar<HistogramBar>
      {...props}
      barLabel={(b) => `Talk time ${b.label}: ${formatCount(b.calls)} answered calls. Show them`}
      onChoose={onSelect}
    />
  );
  return (
    <BarChart
      responsive
      data={bars}
      style={{ width: '100%', height: 280 }}
      margin={{ top: 8, right: 8, bottom: 4, left: 8 }}
    >
      <CartesianGrid vertical={false} stroke="#e6eaf0" />
      <XAxis dataKey="label" tick={{ fill: '#4f5b6d', fontSize: 12 }} interval={0} />
      <YAxis
        tick={{ fill: '#4f5b6d', fontSize: 12 }}
        tickFormatter={(v: number) => formatCount(v)}
        width={60}
      />
      <Tooltip
        cursor={{ fill: '#eef2f7' }}
        formatter={(value) => [formatCount(Number(value)), 'Answered calls']}
      />
      <Bar
        dataKey="calls"
        name="Answered calls"
        maxBarSize={64}
        fill={SERIES_COLORS[3]}
        isAnimationActive={animate}
        background={{ fill: 'transparent' }}
        shape={bar}
      />
    </BarChart>
  );
}
