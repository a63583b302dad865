import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatMoney } from '@/lib/format';
import { OTHER_COLOR, SERIES_COLORS } from '@/lib/palette';
import type { CostBar } from '../utils/spend-data';

interface CostByCodeChartProps {
  bars: CostBar[];
  currency: string;
  onSelectCode: (code: string) => void;
  animate?: boolean;
}

export function CostByCodeChart({ bars, currency, onSelectCode, animate = true }: CostByCodeChartProps) {
  return (
    <BarChart
      responsive
      layout="vertical"
      data={bars}
      style={{ width: '100%', height: Math.max(160, bars.length * 30 + 40) }}
      margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} stroke="#e6eaf0" />
      <XAxis
        type="number"
        tickFormatter={(v: number) => formatMoney(String(v), currency)}
        tick={{ fill: '#4f5b6d', fontSize: 12 }}
      />
      <YAxis
        type="category"
        dataKey="label"
        width={170}
        tick={{ fill: '#172033', fontSize: 12 }}
        interval={0}
      />
      <Tooltip
        cursor={{ fill: '#eef2f7' }}
        content={({ active, payload }) => {
          const bar = payload?.[0]?.payload as CostBar | undefined;
          if (!active || !bar) return null;
          return (
            <div className="chart-tooltip">
              <strong>{bar.label}</strong>
              <div>{formatMoney(bar.amount, currency)}</div>
              <div>{formatCount(bar.calls)} calls</div>
              {bar.isOther ? null : <div className="chart-tooltip__hint">Click to see these calls</div>}
            </div>
          );
        }}
      />
      <Bar
        dataKey="value"
        name={`Cost (${currency})`}
        isAnimationActive={animate}
        cursor="pointer"
        onClick={(item) => {
          const bar = item.payload as CostBar;
          if (!bar.isOther) onSelectCode(bar.code);
        }}
      >
        {bars.map((bar) => (
          <Cell key={bar.code} fill={bar.isOther ? OTHER_COLOR : SERIES_COLORS[0]} />
        ))}
      </Bar>
    </BarChart>
  );
}
