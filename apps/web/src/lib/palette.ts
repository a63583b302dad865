/** Chart series colours: distinct hues, dark enough for 3:1 against white as graphical objects. */
export const SERIES_COLORS = [
  '#1f5fbf',
  '#d9480f',
  '#2f9e44',
  '#7048e8',
  '#c2255c',
  '#0c8599',
  '#e67700',
  '#5c940d',
  '#862e9c',
  '#495057',
] as const;

export const OTHER_COLOR = '#9aa4b2';
export const ANSWERED_COLOR = '#2f9e44';

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}
