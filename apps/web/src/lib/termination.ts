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

/**
 * Shades of each class's hue, for telling codes apart inside one class; every shade keeps 3:1 against white.
 * The first is the class colour itself.
 */
const CLASS_SHADES: Record<OutcomeClass, readonly string[]> = {
  success: ['#2f9e44', '#1e7b34', '#5c940d', '#0b7285'],
  'no-answer': ['#d9480f', '#b35c00', '#e8590c', '#a63c06'],
  busy: ['#7048e8', '#5f3dc4', '#9c36b5', '#4c6ef5'],
  failed: ['#c92a2a', '#a61e4d', '#e03131', '#862e9c'],
};

/** The colour of the `index`-th code of an outcome class. */
export function outcomeShade(outcome: OutcomeClass, index: number): string {
  const shades = CLASS_SHADES[outcome];
  return shades[index % shades.length]!;
}
