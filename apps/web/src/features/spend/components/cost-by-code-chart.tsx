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
import { formatCount, formatMoney, formatMoneyTotal, isRoundedTotal } from '@/lib/format';
import { OTHER_COLOR, SERIES_COLORS } from '@/lib/palette';
import type { CostBar } from '../utils/spend-data';

interface CostByCodeChartProps {
  bars: CostBar[];
  currency: string;
  onSelectCode: (code: string) => void;
  animate?: boolean;
}

export function CostByCodeChart({ bars, currency, onSelectCode, animate = true }: CostByCodeChartProps) {
  const bar = (props: BarShapeProps) => {
    const item = props.payload as CostBar;
    // "Other" is several operators: nothing single to open, so it is drawn but not a control.
    if (item.isOther) return <Rectangle {...props} />;
    return (
      <FocusableBar<CostBar>
        {...props}
        barLabel={(b) =>
          `${b.label}: ${formatMoneyTotal(b.amount, currency)}, ${formatCount(b.calls)} calls. Show its calls`
        }
        onChoose={(b) => onSelectCode(b.code)}
      />
    );
  };
  return (
    <BarChart
      responsive
      layout="vertical"
      data={bars}
      style={{ width: '100%', height: Math.max(160, bars.length * 30 + 40) }}
      margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
    >
      <CartesianGrid horizontal={false} stroke="#e6eaf0" />
      <XAxis
        type="number"
        tickFormatter={(v: number) => formatMoneyTotal(v, currency)}
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
              <div>
                {formatMoneyTotal(bar.amount, currency)}
                {isRoundedTotal(bar.amount, currency) ? (
                  <span className="chart-tooltip__hint"> (exactly {formatMoney(bar.amount, currency)})</span>
                ) : null}
              </div>
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
        background={{ fill: 'transparent' }}
        shape={bar}
      >
        {bars.map((bar) => (
          <Cell key={bar.code} fill={bar.isOther ? OTHER_COLOR : SERIES_COLORS[0]} />
        ))}
      </Bar>
    </BarChart>
  );
}
