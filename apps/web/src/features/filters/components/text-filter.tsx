import { type InputHTMLAttributes, useEffect, useId, useState } from 'react';

interface TextFilterProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  label: string;
  value: string;
  /** Called once typing pauses, so each keystroke does not become a request and a history entry. */
  onCommit: (value: string) => void;
  /** Rejects a value before committing; the message shows under the field. */
  validate?: (value: string) => string | null;
}

export function TextFilter({ label, value, onCommit, validate, className, ...inputProps }: TextFilterProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setDraft(value), [value]);

  useEffect(() => {
    if (draft === value) return;
    const problem = validate?.(draft) ?? null;
    setError(problem);
    if (problem) return;
    const timer = setTimeout(() => onCommit(draft), 450);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit, validate]);

  const inputId = useId();
  const errorId = `${inputId}-error`;
  // The error sits outside the <label> so the field's accessible name stays just the label.
  return (
    <div className={`field ${className ?? ''}`}>
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      <input
        {...inputProps}
        id={inputId}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => setDraft(event.target.value)}
      />
      {error ? (
        <span className="field__error" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
