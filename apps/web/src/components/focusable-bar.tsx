import type { KeyboardEvent } from 'react';
import { type BarShapeProps, Rectangle } from 'recharts';

interface FocusableBarOptions<T> {
  /** What a screen reader announces for the bar, with its figures. */
  barLabel: (point: T) => string;
  onChoose: (point: T) => void;
}

/**
 * A bar `shape` that is a real control: focusable, named, opened with Enter or Space, and clicked through
 * its own element (plus its column's full height, so a tap on a short bar still hits it). Chart-level click
 * handlers read the tooltip's last hovered index, which on a tap or an unhovered click is the first bar.
 * Use as `shape={(props) => <FocusableBar {...props} barLabel={…} onChoose={…} />}`.
 */
export function FocusableBar<T>({ barLabel, onChoose, ...props }: BarShapeProps & FocusableBarOptions<T>) {
  const point = props.payload as T;
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onChoose(point);
    }
  };
  const hit = props.background;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; role and keys make it one
    <g
      role="button"
      tabIndex={0}
      aria-label={barLabel(point)}
      className="chart-bar"
      onClick={() => onChoose(point)}
      onKeyDown={onKeyDown}
    >
      {hit && hit.x !== null && hit.y !== null ? (
        <rect x={hit.x} y={hit.y} width={hit.width} height={hit.height} fill="transparent" />
      ) : null}
      <Rectangle {...props} />
    </g>
  );
}
