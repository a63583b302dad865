import { addDays, filterShape, RANGE_PRESETS, type RangePreset, resolvePreset } from '@callboard/contracts';
import { useCallback, useId, useState } from 'react';
import { inclusiveEndDate, startDate } from '@/lib/date-presets';
import { compareTerminationCodes } from '@/lib/termination';
import { EMPTY_FILTERS, type Filters, filterApiParams, type Outcome } from '@/lib/url-state';
import { useFacets } from '../api/get-facets';
import { activeFilters, rangeLabel } from '../utils/active-filters';
import { MultiSelect } from './multi-select';
import { TextFilter } from './text-filter';

interface FilterBarProps {
  filters: Filters;
  tz: string;
  onChange: (patch: Partial<Filters>, options?: { replace?: boolean }) => void;
  /** Lookup views fix the callee elsewhere. */
  showCallee?: boolean;
}

const validateSeconds = (value: string) =>
  value === '' || filterShape.minDuration.safeParse(value).success ? null : 'whole seconds, 0 to 86400';
const validateCallee = (value: string) =>
  value === '' || filterShape.callee.safeParse(value).success ? null : 'digits of a phone number';

export function FilterBar({ filters, tz, onChange, showCallee = true }: FilterBarProps) {
  // Facet counts are narrowed by the other filters but not by their own list, so options stay pickable.
  const facetParams = filterApiParams(
    { ...filters, code: [], terminationCode: [], currency: [] },
    tz,
    Date.now(),
  );
  const facets = useFacets(facetParams);

  const changeRange = (range: RangePreset) => {
    if (range === 'custom') {
      // Start the custom range from what is on screen, so switching to it does not jump.
      const current =
        filters.range === 'custom'
          ? filters
          : resolvePreset(filters.range === 'all' ? 'last7' : filters.range, tz, Date.now());
      onChange({ range, from: current.from, to: current.to });
    } else {
      onChange({ range, from: undefined, to: undefined });
    }
  };

  // Stable callbacks: the text fields re-arm their debounce when these change.
  const commitCallee = useCallback(
    (v: string) => onChange({ callee: v.trim() || undefined }, { replace: true }),
    [onChange],
  );
  const commitQ = useCallback(
    (v: string) => onChange({ q: v.trim() || undefined }, { replace: true }),
    [onChange],
  );
  const commitMin = useCallback(
    (v: string) => onChange({ minDuration: v === '' ? undefined : Number(v) }, { replace: true }),
    [onChange],
  );
  const commitMax = useCallback(
    (v: string) => onChange({ maxDuration: v === '' ? undefined : Number(v) }, { replace: true }),
    [onChange],
  );

  const data = facets.data;
  // On a phone the filters fold behind one button that says what is in force.
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const active = activeFilters(filters).length;
  const dateRange = (
    <>
      <label className="field">
        <span className="field__label">Date range</span>
        <select value={filters.range} onChange={(event) => changeRange(event.target.value as RangePreset)}>
          {RANGE_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
      </label>
      {filters.range === 'custom' ? (
        <>
          <label className="field">
            <span className="field__label">From</span>
            <input
              type="date"
              value={filters.from ? startDate(filters.from, tz) : ''}
              onChange={(event) => onChange({ from: event.target.value || undefined })}
            />
          </label>
          <label className="field">
            <span className="field__label">Through</span>
            <input
              type="date"
              value={filters.to ? inclusiveEndDate(filters.to, tz) : ''}
              onChange={(event) =>
                onChange({ to: event.target.value ? addDays(event.target.value, 1) : undefined })
              }
            />
          </label>
        </>
      ) : null}
    </>
  );
  return (
    <section className={`filter-bar${open ? ' is-open' : ''}`} aria-label="Filters">
      <button
        type="button"
        className="button filter-bar__toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen(!open)}
      >
        <span>Filters</span>
        <span className="filter-bar__toggle-summary">
          {rangeLabel(filters, tz)}
          {active > 0 ? `, ${active} more` : ''}
        </span>
      </button>
      <div className="filter-bar__body" id={bodyId}>
        {/* The free-text search sits above the dropdowns, so an open dropdown never covers it. */}
        <div className="filter-bar__row">
          {dateRange}
          <TextFilter
            label="Search"
            type="search"
            placeholder="Voice ID, caller ID, key pressed…"
            value={filters.q ?? ''}
            onCommit={commitQ}
            className="field--grow"
          />
          <button
            type="button"
            className="button button--link filter-bar__reset"
            onClick={() => onChange(EMPTY_FILTERS)}
          >
            Reset filters
          </button>
        </div>
        <div className="filter-bar__row">
          {showCallee ? (
            <TextFilter
              label="Callee"
              inputMode="tel"
              placeholder="+44 7700 900123"
              value={filters.callee ?? ''}
              onCommit={commitCallee}
              validate={validateCallee}
              className="field--callee"
            />
          ) : null}
          <MultiSelect
            label="Country/operator"
            searchable
            selected={filters.code}
            onChange={(code) => onChange({ code })}
            options={(data?.codes ?? []).map((f) => ({ value: f.value, label: f.value, count: f.count }))}
          />
          <label className="field">
            <span className="field__label">Outcome</span>
            <select
              value={filters.outcome ?? ''}
              onChange={(event) =>
                onChange({ outcome: (event.target.value || undefined) as Outcome | undefined })
              }
            >
              <option value="">Any</option>
              <option value="answered">Answered</option>
              <option value="unanswered">Not answered</option>
            </select>
          </label>
          <MultiSelect
            label="Termination code"
            searchable
            selected={filters.terminationCode}
            onChange={(terminationCode) => onChange({ terminationCode })}
            options={[...(data?.terminationCodes ?? [])]
              .sort((a, b) => compareTerminationCodes(a.value, b.value))
              .map((f) => ({
                value: f.value,
                label: f.value,
                hint: f.reasons.map((r) => r.reason).join(' · '),
                count: f.count,
              }))}
          />
          {data && data.currencies.length > 0 ? (
            <MultiSelect
              label="Currency"
              selected={filters.currency}
              onChange={(currency) => onChange({ currency })}
              options={data.currencies.map((f) => ({
                value: f.value,
                label: f.value || 'USD',
                count: f.count,
              }))}
            />
          ) : null}
          <TextFilter
            label="Min talk (s)"
            inputMode="numeric"
            value={filters.minDuration?.toString() ?? ''}
            onCommit={commitMin}
            validate={validateSeconds}
            className="field--narrow"
          />
          <TextFilter
            label="Max talk (s)"
            inputMode="numeric"
            value={filters.maxDuration?.toString() ?? ''}
            onCommit={commitMax}
            validate={validateSeconds}
            className="field--narrow"
          />
        </div>
      </div>
    </section>
  );
}
