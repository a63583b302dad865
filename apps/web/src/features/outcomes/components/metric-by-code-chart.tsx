import {
  Bar,
  BarChart,
  type BarShapeProps,
  CartesianGrid,
  Cell,
  Rectangle,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FocusableBar } from '@/components/focusable-bar';
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
  const bar = (props: BarShapeProps) => {
    const metric = props.payload as OperatorMetric;
    // "Other" is several operators: drawn, but nothing single to open.
    if (metric.isOther) return <Rectangle {...props} />;
    return (
      <FocusableBar<OperatorMetric>
        {...props}
        barLabel={(m) => `${m.label}: ${format(m.value)}, ${formatCount(m.calls)} calls. Show its calls`}
        onChoose={(m) => onSelectCode(m.code)}
      />
    );
  };
  return (
    <BarChart
      responsive
      layout="vertical"
      data={metrics}
      style={{ width: '100%', height: Math.max(160, metrics.length * 26 + 40) }}
      margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
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
      <Bar dataKey="value" isAnimationActive={animate} background={{ fill: 'transparent' }} shape={bar}>
        {metrics.map((m) => (
          <Cell key={m.label} fill={m.isOther ? OTHER_COLOR : color} />
        ))}
      </Bar>
    </BarChart>
  );
}
