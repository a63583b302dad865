// What a termination code means for the call's outcome, in one place for the table badges, the filter
// list and the outcome charts. The upstream mixes SIP codes (200, 486…) and its own (1000, 1001, 1002).
export const OUTCOME_CLASSES = [
  { id: 'success', label: 'Answered', color: '#2f9e44' },
  { id: 'no-answer', label: 'No answer', color: '#d9480f' },
  { id: 'busy', label: 'Busy or declined', color: '#7048e8' },
  { id: 'failed', label: 'Failed', color: '#c92a2a' },
] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number]['id'];

const CLASS_OF_CODE: Record<string, OutcomeClass> = {
  '0': 'success',
  '200': 'success',
  '1000': 'success',
  '1001': 'no-answer',
  '408': 'no-answer',
  '480': 'no-answer',
  '487': 'no-answer',
  '1002': 'busy',
  '486': 'busy',
  '600': 'busy',
  '603': 'busy',
};

/** An answered call is a success whatever its code; unknown codes count as failed. */
export function outcomeClass(code: string, answered = false): OutcomeClass {
  if (answered) return 'success';
  return CLASS_OF_CODE[code.trim()] ?? 'failed';
}

export function outcomeClassInfo(id: OutcomeClass) {
  return OUTCOME_CLASSES.find((c) => c.id === id)!;
}

/** Numeric codes in number order (404 before 1001), anything else after them in text order. */
export function compareTerminationCodes(a: string, b: string): number {
  const x = /^\d+$/.test(a) ? Number(a) : Number.POSITIVE_INFINITY;
  const y = /^\d+$/.test(b) ? Number(b) : Number.POSITIVE_INFINITY;
  return x - y || (x === y ? a.localeCompare(b) : 0);
}

/** The upstream has not finished the call yet: no hang-up and no termination code. */
export function isInProgress(record: {
  inProgress?: boolean;
  hangupTime: string | null;
  terminationCode: string;
}) {
  return record.inProgress ?? (record.hangupTime === null && record.terminationCode === '');
}
