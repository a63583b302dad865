import type { Change, CompareResponse } from '@callboard/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '@/testing/api-stub';
import { completeCoverage } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { ComparisonCards } from './comparison-cards';

const change = (current: string, previous: string, absolute: string, relative: string | null): Change => ({
  current,
  previous,
  absolute,
  relative,
});

const body: CompareResponse = {
  comparison: {
    tz: 'Europe/London',
    basis: 'month',
    current: { from: '2026-09-30T23:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
    previous: { from: '2026-08-31T23:00:00.000Z', to: '2026-09-30T23:00:00.000Z' },
    overall: {
      calls: change('4783', '4507', '276', '6.12'),
      answered: change('2636', '2510', '126', '5.02'),
      asr: change('55.11', '55.69', '-0.58', '-1.04'),
      acdSeconds: change('51.4', '51.9', '-0.5', '-0.96'),
    },
    currencies: [
      {
        currency: 'EUR',
        calls: change('4783', '4507', '276', '6.12'),
        cost: change('789.39', '758.74', '30.65', '4.04'),
      },
      { currency: 'USD', calls: change('10', '0', '10', null), cost: change('3.5', '0', '3.5', null) },
    ],
    byCode: [
      {
        code: 'Philippines(Globe)',
        calls: change('1053', '953', '100', '10.49'),
        answered: change('600', '590', '10', '1.69'),
        asr: change('56.98', '61.91', '-4.93', '-7.96'),
        cost: [{ currency: 'EUR', change: change('295.5', '274.73', '20.77', '7.56') }],
      },
    ],
  },
  coverage: completeCoverage,
  previousCoverage: completeCoverage,
};

describe('ComparisonCards', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each figure beside the previous period, per currency, with absolute and relative change', async () => {
    const stub = stubApi({ '/api/compare': { body } });
    const params = new URLSearchParams('from=2026-10-01&to=2026-11-01&tz=Europe/London');
    renderWithProviders(<ComparisonCards filterParams={params} show="spend" />);
    const region = await screen.findByRole('region', { name: 'Compared with the previous period' });
    expect(
      within(region).getByText('the month before: 2026-09-01 – 2026-09-30 (Europe/London)'),
    ).toBeTruthy();
    const eur = within(region).getByText('Cost (EUR)').closest('div')!;
    expect(eur.textContent).toContain('€789.39');
    expect(eur.textContent).toContain('+€30.65 (+4.04%)');
    expect(eur.textContent).toContain('previously €758.74');
    // No previous USD spend: the change has no percentage.
    expect(within(region).getByText('Cost (USD)').closest('div')!.textContent).toContain('+$3.50');
    expect(within(region).getByText('Answer rate').closest('div')!.textContent).toContain(
      '-0.6 pts (-1.04%)',
    );
    const row = within(region).getByRole('row', { name: /Philippines\(Globe\)/ });
    expect(row.textContent).toContain('+100 (+10.49%)');
    expect(row.textContent).toContain('+€20.77 (+7.56%)');
    expect(stub.to('/api/compare')[0]!.params.toString()).toBe(params.toString());
  });
});
