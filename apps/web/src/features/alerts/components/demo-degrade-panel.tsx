import { createZonedFormatter } from '@callboard/contracts';
import { useState } from 'react';
import { errorMessage } from '@/lib/api-client';
import { useDemoDegrade, useSetDemoDegrade } from '../api/demo-degrade';

/**
 * Demo mode only: make one operator's calls go unanswered in the built-in simulator, watch the answer-rate
 * rule fire as the degraded calls fill its window, then switch back and watch it resolve.
 */
export function DemoDegradePanel({ tz }: { tz: string }) {
  const status = useDemoDegrade(true);
  const change = useSetDemoDegrade();
  const [code, setCode] = useState<string | null>(null);
  const [rate, setRate] = useState('0');
  if (!status.data) return null;
  const degraded = status.data.degraded;
  const chosen = code ?? status.data.codes[0] ?? '';
  return (
    <section className="card demo-panel" aria-labelledby="demo-panel-title">
      <h2 className="card__title" id="demo-panel-title">
        Demo: degrade an operator
      </h2>
      <p className="card__hint">
        New calls to the operator go unanswered (or answered at the rate you pick; normal is about 55%). The
        demo's answer-rate rule fires once degraded calls fill enough of its 30-minute window, usually within
        15–20 minutes, and resolves a while after you switch back. It judges only windows with at least 10
        calls: at the default volume, the simulated account's daytime (+08:00).
      </p>
      {degraded ? (
        <p className="demo-panel__state" role="status">
          <span className="badge badge--amber">Degraded</span> {degraded.code} answers{' '}
          {Math.round(degraded.answerRate * 100)}% since{' '}
          {createZonedFormatter(tz).dateTime(Date.parse(degraded.since)).slice(0, 16)}
        </p>
      ) : null}
      <div className="demo-panel__controls">
        <label className="field">
          <span className="field__label">Operator</span>
          <select value={chosen} onChange={(e) => setCode(e.target.value)} disabled={degraded !== null}>
            {status.data.codes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--narrow">
          <span className="field__label">Answer rate</span>
          <select value={rate} onChange={(e) => setRate(e.target.value)} disabled={degraded !== null}>
            <option value="0">0%</option>
            <option value="0.1">10%</option>
            <option value="0.25">25%</option>
          </select>
        </label>
        {degraded ? (
          <button
            type="button"
            className="button"
            disabled={change.isPending}
            onClick={() => change.mutate(null)}
          >
            Back to normal
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={change.isPending || !chosen}
            onClick={() => change.mutate({ code: chosen, answerRate: Number(rate) })}
          >
            Degrade answer rate
          </button>
        )}
      </div>
      {change.isError ? (
        <p className="inline-error" role="alert">
          {errorMessage(change.error)}
        </p>
      ) : null}
    </section>
  );
}
