import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useCallback } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Filters, useDashboardState } from '@/lib/url-state';
import { completeCoverage as coverage } from '@/testing/fixtures';
import { renderWithProviders, stubFetch } from '@/testing/render';
import { FilterBar } from './filter-bar';

const facets = {
  codes: [
    { value: 'Spain(Vodafone)', count: 12 },
    { value: 'Nepal(Ncell)', count: 3 },
  ],
  terminationCodes: [{ value: '487', count: 4, reasons: [{ reason: 'Request Terminated', count: 4 }] }],
  currencies: [{ value: 'USD', count: 15 }],
  coverage,
};

function Harness() {
  const { state, update } = useDashboardState('UTC');
  const onChange = useCallback(
    (filters: Partial<Filters>, options?: { replace?: boolean }) => update({ filters }, options),
    [update],
  );
  return <FilterBar filters={state.filters} tz={state.tz} onChange={onChange} />;
}

const location = () => new URLSearchParams(screen.getByTestId('location').textContent!.split('?')[1]);

describe('FilterBar ↔ URL', () => {
  beforeEach(() => vi.stubGlobal('fetch', vi.fn(stubFetch({ '/api/facets': facets }))));
  afterEach(() => vi.unstubAllGlobals());

  it('shows the filters the URL holds', async () => {
    renderWithProviders(<Harness />, {
      url: '/?tz=UTC&outcome=unanswered&range=yesterday&q=hello&code=Spain%28Vodafone%29',
    });
    expect(screen.getByLabelText('Outcome')).toHaveProperty('value', 'unanswered');
    expect(screen.getByLabelText('Date range')).toHaveProperty('value', 'yesterday');
    expect(screen.getByLabelText('Search')).toHaveProperty('value', 'hello');
    expect(screen.getByText('Spain(Vodafone)', { selector: 'summary span' })).toBeTruthy();
  });

  it('writes a changed filter to the URL and goes back to page 1', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />, { url: '/?tz=UTC&page=4&sort=cost%3Adesc' });
    await user.selectOptions(screen.getByLabelText('Outcome'), 'answered');
    expect(location().get('outcome')).toBe('answered');
    expect(location().get('page')).toBeNull();
    expect(location().get('sort')).toBe('cost:desc');
  });

  it('picks operators from the facets with their counts', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />, { url: '/?tz=UTC' });
    await user.click(screen.getByText('Country/operator').parentElement!.querySelector('summary')!);
    const option = await screen.findByRole('checkbox', { name: /Nepal\(Ncell\)\s*3/ });
    await user.click(option);
    expect(location().getAll('code')).toEqual(['Nepal(Ncell)']);
  });

  it('closes an option list on Escape, giving focus back to its toggle, and on a click outside', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />, { url: '/?tz=UTC' });
    const toggle = screen.getByText('Country/operator').parentElement!.querySelector('summary')!;
    const popover = toggle.parentElement as HTMLDetailsElement;

    await user.click(toggle);
    expect(popover.open).toBe(true);
    await user.keyboard('{Escape}');
    expect(popover.open).toBe(false);
    expect(document.activeElement).toBe(toggle);

    await user.click(toggle);
    expect(popover.open).toBe(true);
    await user.click(screen.getByLabelText('Search'));
    expect(popover.open).toBe(false);
  });

  it('lists termination codes in number order', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        stubFetch({
          '/api/facets': {
            ...facets,
            terminationCodes: ['1001', '487', '200', '1000', '60'].map((value) => ({
              value,
              count: 1,
              reasons: [],
            })),
          },
        }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<Harness />, { url: '/?tz=UTC' });
    const toggle = screen.getByText('Termination code').parentElement!.querySelector('summary')!;
    await user.click(toggle);
    await screen.findByRole('checkbox', { name: /^1001/ });
    const codes = within(toggle.parentElement!)
      .getAllByRole('checkbox')
      .map((box) => box.closest('label')!.querySelector('.option-list__text')!.textContent);
    expect(codes).toEqual(['60', '200', '487', '1000', '1001']);
  });

  it('commits typed text after a pause and validates the callee', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />, { url: '/?tz=UTC' });
    await user.type(screen.getByLabelText('Callee'), 'abc');
    expect(await screen.findByText('digits of a phone number')).toBeTruthy();
    await user.clear(screen.getByLabelText('Callee'));
    await user.type(screen.getByLabelText('Callee'), '+44 7700');
    await waitFor(() => expect(location().get('callee')).toBe('+44 7700'));
  });

  it('reset clears every filter but keeps the zone', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />, { url: '/?tz=Asia%2FManila&outcome=answered&minDuration=5' });
    await user.click(screen.getByRole('button', { name: 'Reset filters' }));
    expect(screen.getByTestId('location').textContent).toBe('/?tz=Asia%2FManila');
  });
});
