import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '@/lib/format';
import { OUTCOME_CLASSES, outcomeShade } from '@/lib/termination';
import type { StackRow, TerminationKey } from '../utils/outcome-data';

interface TerminationStackChartProps {
  keys: TerminationKey[];
  rows: StackRow[];
  onSelect: (code: string, terminationCode: string | null) => void;
  animate?: boolean;
}

/** Each code's colour: its outcome class's hue, a different shade per code within the class. */
function colours(keys: readonly TerminationKey[]): Map<string, string> {
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  for (const key of keys) {
    const index = seen.get(key.outcome) ?? 0;
    seen.set(key.outcome, index + 1);
    out.set(key.key, outcomeShade(key.outcome, index));
  }
  return out;
}

export function TerminationStackChart({ keys, rows, onSelect, animate = true }: TerminationStackChartProps) {
  const colour = colours(keys);
  return (
    <>
      <BarChart
        responsive
        layout="vertical"
        data={rows}
        // Each operator's bar shows its mix of outcomes (100%), so big operators do not flatten small ones.
        stackOffset="expand"
        style={{ width: '100%', height: Math.max(200, rows.length * 30 + 40) }}
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
        {keys.map((key) => (
          <Bar
            key={key.key}
            dataKey={`t:${key.key}`}
            name={key.label}
            stackId="terminations"
            fill={colour.get(key.key)}
            stroke="#fff"
            strokeWidth={1}
            isAnimationActive={animate}
            cursor="pointer"
            onClick={(item) => {
              const row = item.payload as StackRow;
              if (!row.isOther) onSelect(row.code, key.code);
            }}
          />
        ))}
      </BarChart>
      <ul className="outcome-legend" aria-label="Termination codes by outcome">
        {OUTCOME_CLASSES.map((outcome) => {
          const inClass = keys.filter((key) => key.outcome === outcome.id);
          if (inClass.length === 0) return null;
          return (
            <li key={outcome.id}>
              <span className="outcome-legend__class">{outcome.label}</span>
              <ul>
                {inClass.map((key) => (
                  <li key={key.key}>
                    <span
                      className="outcome-legend__swatch"
                      style={{ background: colour.get(key.key) }}
                      aria-hidden="true"
                    />
                    {key.label}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </>
  );
}
