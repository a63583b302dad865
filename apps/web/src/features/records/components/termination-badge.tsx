import { terminationTone } from '../utils/termination-tone';

export function TerminationBadge({
  code,
  reason,
  answered,
}: {
  code: string;
  reason: string;
  answered: boolean;
}) {
  return (
    <span className="termination">
      <span className={`badge badge--${terminationTone(code, answered)}`}>{code || '–'}</span>
      {reason ? <span className="termination__reason">{reason}</span> : null}
    </span>
  );
}
