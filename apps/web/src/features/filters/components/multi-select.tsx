import { useId, useState } from 'react';
import { Popover } from '@/components/popover';
import { formatCount } from '@/lib/format';

export interface MultiSelectOption {
  value: string;
  label: string;
  /** Secondary text such as the termination reason. */
  hint?: string;
  count?: number;
}

interface MultiSelectProps {
  label: string;
  options: MultiSelectOption[];
  selected: string[];
  onChange: (selected: string[]) => void;
  /** Offer a search box when the list is long (100+ operators). */
  searchable?: boolean;
}

const MAX_SHOWN = 200;

export function MultiSelect({ label, options, selected, onChange, searchable = false }: MultiSelectProps) {
  const labelId = useId();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const matching = needle
    ? options.filter((o) => o.label.toLowerCase().includes(needle) || o.hint?.toLowerCase().includes(needle))
    : options;
  // Selected values stay listed even when the facets (narrowed by other filters) no longer contain them.
  const missing = selected
    .filter((v) => !options.some((o) => o.value === v))
    .map((value): MultiSelectOption => ({ value, label: value, count: 0 }));
  const shown = [...missing, ...matching].slice(0, MAX_SHOWN);
  const summary =
    selected.length === 0
      ? 'Any'
      : selected.length === 1
        ? selected[0] === ''
          ? 'USD'
          : selected[0]
        : `${selected.length} selected`;
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((v) => v !== value));

  return (
    <div className="field">
      <span className="field__label" id={labelId}>
        {label}
      </span>
      <Popover
        summaryClassName="select-like"
        summaryLabelledBy={`${labelId} ${labelId}-value`}
        summary={<span id={`${labelId}-value`}>{summary}</span>}
      >
        {searchable ? (
          <label className="field popover__search">
            <span className="field__label">Search {label.toLowerCase()}</span>
            <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
        ) : null}
        <ul className="option-list" aria-labelledby={labelId}>
          {shown.map((option) => (
            <li key={option.value}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                />
                <span className="option-list__text">
                  {option.label}
                  {option.hint ? <span className="option-list__hint">{option.hint}</span> : null}
                </span>
                {option.count !== undefined ? (
                  <span className="option-list__count">{formatCount(option.count)}</span>
                ) : null}
              </label>
            </li>
          ))}
          {shown.length === 0 ? <li className="option-list__empty">No matches</li> : null}
        </ul>
        {matching.length + missing.length > MAX_SHOWN ? (
          <p className="option-list__more">
            Showing {MAX_SHOWN} of {formatCount(matching.length)}; type to narrow.
          </p>
        ) : null}
        {selected.length > 0 ? (
          <button type="button" className="button button--link" onClick={() => onChange([])}>
            Clear {label.toLowerCase()}
          </button>
        ) : null}
      </Popover>
    </div>
  );
}
