import { type ReactNode, useEffect, useRef, useState } from 'react';

interface PopoverProps {
  /** The toggle's content, inside the <summary>. */
  summary: ReactNode;
  summaryClassName: string;
  /** Names the toggle, for toggles whose visible text is only the current value. */
  summaryLabelledBy?: string;
  panelClassName?: string;
  children: ReactNode;
}

/**
 * A disclosure (<details>) whose panel floats over the page. Escape and a click or tap outside close it,
 * as people expect of a dropdown; Escape gives focus back to the toggle.
 */
export function Popover({
  summary,
  summaryClassName,
  summaryLabelledBy,
  panelClassName,
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Escape also closes the record panel: only the popover should close.
      event.stopPropagation();
      setOpen(false);
      ref.current?.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [open]);

  return (
    <details
      className="popover"
      ref={ref}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className={summaryClassName} aria-labelledby={summaryLabelledBy}>
        {summary}
      </summary>
      <div className={`popover__panel ${panelClassName ?? ''}`}>{children}</div>
    </details>
  );
}
