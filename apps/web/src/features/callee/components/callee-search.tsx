import { type FormEvent, useEffect, useState } from 'react';
import { formatCallee } from '@/lib/format';
import { normalizeCallee } from '../utils/normalize-callee';

interface CalleeSearchProps {
  digits: string;
  onSearch: (digits: string) => void;
}

export function CalleeSearch({ digits, onSearch }: CalleeSearchProps) {
  const [draft, setDraft] = useState(digits ? formatCallee(digits) : '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(digits ? formatCallee(digits) : ''), [digits]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeCallee(draft);
    if (!normalized) {
      setError('Enter at least 3 digits of the number, like +44 7700 900123');
      return;
    }
    setError(null);
    onSearch(normalized);
  };

  return (
    <search>
      <form className="callee-search" onSubmit={submit}>
        <label className="field field--grow">
          <span className="field__label">Phone number</span>
          <input
            type="search"
            inputMode="tel"
            autoComplete="off"
            placeholder="Paste a number: +44 7700 900123, 447700900123 or part of it"
            value={draft}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'callee-error' : 'callee-help'}
            onChange={(event) => setDraft(event.target.value)}
          />
          {error ? (
            <span className="field__error" id="callee-error">
              {error}
            </span>
          ) : (
            <span className="field__help" id="callee-help">
              Spaces, dashes, brackets and a leading + or 00 are ignored; part of a number finds every match.
            </span>
          )}
        </label>
        <button type="submit" className="button button--primary">
          Look up
        </button>
      </form>
    </search>
  );
}
