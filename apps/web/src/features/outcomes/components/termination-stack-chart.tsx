import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '@/lib/format';
import { OTHER_COLOR, seriesColor } from '@/lib/palette';
import { OTHER_KEY, type StackRow } from '../utils/outcome-data';

interface TerminationStackChartProps {
  keys: string[];
  rows: StackRow[];
  reasons: Map<string, string>;
  onSelect: (code: string, terminationCode: string | null) => void;
  animate?: boolean;
}

export function TerminationStackChart({
  keys,
  rows,
  reasons,
  onSelect,
  animate = true,
}: TerminationStackChartProps) {
  const name = (key: string) =>
    key === OTHER_KEY ? 'Other codes' : reasons.get(key) ? `${key} ${reasons.get(key)}` : key;
  return (
    <BarChart
      responsive
      layout="vertical"
      data={rows}
      // Each operator's bar shows its mix of outcomes (100%), so the summed "Other" row cannot flatten the rest.
      stackOffset="expand"
      style={{ width: '100%', height: Math.max(200, rows.length * 30 + 80) }}
      margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} stroke="#e6eaf0" />
      <XAxis
        type="number"
        tick={{ fill: '#4f5b6d', fontSize: 12 }}
        tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
      />
      <YAxis
        type="category"
        dataKey="label"
        width={170}
        interval={0}
        tick={{ fill: '#172033', fontSize: 12 }}
      />
      <Tooltip cursor={{ fill: '#eef2f7' }} formatter={(value) => formatCount(Number(value))} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {keys.map((key, index) => (
        <Bar
          key={key}
          dataKey={`t:${key}`}
          name={name(key)}
          stackId="terminations"
          fill={key === OTHER_KEY ? OTHER_COLOR : seriesColor(index)}
          isAnimationActive={animate}
          cursor="pointer"
          onClick={(item) => {
            const row = item.payload as StackRow;
            if (!row.isOther) onSelect(row.code, key === OTHER_KEY ? null : key);
          }}
        />
      ))}
    </BarChart>
  );
}
