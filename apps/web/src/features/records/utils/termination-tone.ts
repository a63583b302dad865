// Badge colours follow the outcome class, as in the outcome charts: one meaning, one colour, everywhere.
// All pairs meet WCAG AA for small text.
import { type OutcomeClass, outcomeClass } from '@/lib/termination';

export type Tone = 'green' | 'orange' | 'violet' | 'red' | 'blue';

const TONE_OF_CLASS: Record<OutcomeClass, Tone> = {
  success: 'green',
  'no-answer': 'orange',
  busy: 'violet',
  failed: 'red',
};

export function terminationTone(code: string, answered: boolean): Tone {
  return TONE_OF_CLASS[outcomeClass(code, answered)];
}
