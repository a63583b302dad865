import type { RecordRow } from '@callboard/contracts';

export interface TimelineStep {
  label: string;
  at: string | null;
  /** Seconds since the previous step that happened. */
  gapSeconds: number | null;
  gapLabel: string | null;
}

const STEPS = [
  { key: 'submitTime', label: 'Submitted', gapLabel: null },
  { key: 'callTime', label: 'Call placed', gapLabel: 'queued' },
  { key: 'ringingTime', label: 'Ringing', gapLabel: 'to ring' },
  { key: 'answerTime', label: 'Answered', gapLabel: 'ringing' },
  { key: 'hangupTime', label: 'Hung up', gapLabel: 'talking' },
] as const;

/** submit → call → ringing → answer → hang-up, with the seconds between the steps that happened. */
export function buildTimeline(record: RecordRow): TimelineStep[] {
  let previous: number | null = null;
  return STEPS.map(({ key, label, gapLabel }) => {
    const at = record[key];
    if (!at) return { label, at: null, gapSeconds: null, gapLabel: null };
    const ms = Date.parse(at);
    const gapSeconds = previous === null ? null : Math.round((ms - previous) / 1000);
    previous = ms;
    // An unanswered call rings until hang-up; there is no talking to label.
    const label2 = key === 'hangupTime' && !record.answerTime ? 'until hang-up' : gapLabel;
    return { label, at, gapSeconds, gapLabel: gapSeconds === null ? null : label2 };
  });
}
