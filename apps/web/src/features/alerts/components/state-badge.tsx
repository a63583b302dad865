import type { AlertRule } from '@callboard/contracts';

const STATE = {
  firing: { label: 'Firing', tone: 'badge--red' },
  resolved: { label: 'Resolved', tone: 'badge--green' },
  ok: { label: 'OK', tone: 'badge--blue' },
} as const;

/** The rule's state, and beside it why it could not be judged lately (no data, too few calls). */
export function StateBadge({ current }: { current: AlertRule['current'] }) {
  const state = STATE[current.state];
  return (
    <span className="state-badges">
      <span className={`badge ${state.tone}`}>{state.label}</span>
      {current.status === 'no_data' ? <span className="badge badge--amber">No data</span> : null}
      {current.status === 'too_few_calls' ? <span className="badge badge--amber">Too few calls</span> : null}
    </span>
  );
}
