// Badge colours for termination codes: answered calls green, the rest spread over a fixed palette by code,
// so one code keeps one colour across pages and views. All pairs meet WCAG AA for small text.
const TONES = ['red', 'amber', 'blue', 'violet', 'slate', 'rose', 'teal', 'orange'] as const;
export type Tone = (typeof TONES)[number] | 'green';

export function terminationTone(code: string, answered: boolean): Tone {
  if (answered) return 'green';
  let hash = 0;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return TONES[hash % TONES.length]!;
}
