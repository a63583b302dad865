import type { RecordRow } from '@callboard/contracts';
import { terminationTone } from '../utils/termination-tone';

type BadgeRecord = Pick<RecordRow, 'terminationCode' | 'terminationReason' | 'answered' | 'inProgress'>;

/** The termination code coloured by its outcome class, or "In progress" for a call not finished yet. */
export function TerminationBadge({ record }: { record: BadgeRecord }) {
  if (record.inProgress) {
    return (
      <span className="termination">
        <span className="badge badge--blue">In progress</span>
      </span>
    );
  }
  const code = record.terminationCode;
  return (
    <span className="termination">
      <span className={`badge badge--${terminationTone(code, record.answered)}`}>{code || '–'}</span>
      {record.terminationReason ? (
        <span className="termination__reason">{record.terminationReason}</span>
      ) : null}
    </span>
  );
}
