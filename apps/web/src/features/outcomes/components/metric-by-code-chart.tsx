import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '@/lib/format';
import { OTHER_COLOR } from '@/lib/palette';
import type { OperatorMetric } from '../utils/outcome-data';

interface MetricByCodeChartProps {
  metrics: OperatorMetric[];
  color: string;
  format: (value: number) => string;
  domain?: [number, number];
  onSelectCode: (code: string) => void;
  animate?: boolean;
}

export function MetricByCodeChart({
  metrics,
  color,
  format,
  domain,
  onSelectCode,
  animate = true,
}: MetricByCodeChartProps) {
  return (
    <BarChart
      responsive
      layout="vertical"
      data={metrics}
      style={{ width: '100%', height: Math.max(160, metrics.length * 26 + 40) }}
      margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} stroke="#e6eaf0" />
      <XAxis type="number" domain={domain} tickFormatter={format} tick={{ fill: '#4f5b6d', fontSize: 12 }} />
      <YAxis
        type="category"
        dataKey="label"
        width={170}
        interval={0}
        tick={{ fill: '#172033', fontSize: 12 }}
      />
      <Tooltip
        cursor={{ fill: '#eef2f7' }}
        content={({ active, payload }) => {
          const metric = payload?.[0]?.payload as OperatorMetric | undefined;
          if (!active || !metric) return null;
          return (
            <div className="chart-tooltip">
              <strong>{metric.label}</strong>
              <div>{format(metric.value)}</div>
              <div>{formatCount(metric.calls)} calls</div>
            </div>
          );
        }}
      />
      <Bar
        dataKey="value"
        isAnimationActive={animate}
        cursor="pointer"
        onClick={(item) => {
          const metric = item.payload as OperatorMetric;
          if (!metric.isOther) onSelectCode(metric.code);
        }}
      >
        {metrics.map((m) => (
          <Cell key={m.label} fill={m.isOther ? OTHER_COLOR : color} />
        ))}
      </Bar>
    </BarChart>
  );
}
