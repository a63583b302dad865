import { isValidTimeZone } from '@callboard/contracts';
import { useState } from 'react';
import { ACCOUNT_TIME_ZONE, browserTimeZone } from '@/lib/time-zone';

const OTHER = '__other';

function zoneNames(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

export function TimeZoneSelect({ value, onChange }: { value: string; onChange: (tz: string) => void }) {
  const browser = browserTimeZone();
  const presets = [
    { value: browser, label: `${browser} (browser)` },
    ...(browser === 'UTC' ? [] : [{ value: 'UTC', label: 'UTC' }]),
    { value: ACCOUNT_TIME_ZONE, label: `${ACCOUNT_TIME_ZONE} (account)` },
  ];
  const isPreset = presets.some((p) => p.value === value);
  const [typing, setTyping] = useState(false);
  const [draft, setDraft] = useState('');
  const invalid = draft !== '' && !isValidTimeZone(draft);

  const commitDraft = () => {
    if (draft !== '' && isValidTimeZone(draft)) {
      onChange(draft);
      setTyping(false);
    }
  };

  return (
    <div className="tz-select">
      <label className="inline-field">
        <span>Time zone</span>
        <select
          value={typing ? OTHER : value}
          onChange={(event) => {
            if (event.target.value === OTHER) {
              setDraft(isPreset ? '' : value);
              setTyping(true);
            } else {
              setTyping(false);
              onChange(event.target.value);
            }
          }}
        >
          {presets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          {!isPreset ? <option value={value}>{value}</option> : null}
          <option value={OTHER}>Other zone…</option>
        </select>
      </label>
      {typing ? (
        <form
          className="tz-select__other"
          onSubmit={(event) => {
            event.preventDefault();
            commitDraft();
          }}
        >
          <label className="inline-field">
            <span>IANA zone</span>
            <input
              list="tz-names"
              value={draft}
              placeholder="Europe/London"
              aria-invalid={invalid || undefined}
              onChange={(event) => setDraft(event.target.value)}
              // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to type a zone
              autoFocus
            />
          </label>
          <datalist id="tz-names">
            {zoneNames().map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <button type="submit" className="button button--small" disabled={draft === '' || invalid}>
            Apply
          </button>
        </form>
      ) : null}
    </div>
  );
}
