import {
  ALERT_RULES_ACCESS,
  ALERTS_ACCESS,
  type AlertEvent,
  type AlertRule,
  redactForRole,
} from '@callboard/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, stubApi } from '@/testing/api-stub';
import { facetsBody, healthBody, signedIn, syncStatusBody } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';

const state = (overrides: Partial<AlertRule['current']> = {}): AlertRule['current'] => ({
  state: 'ok',
  level: null,
  since: '2026-12-01T00:00:00.000Z',
  status: 'clear',
  evaluatedAt: '2026-12-02T10:00:00.000Z',
  value: null,
  amount: null,
  budget: null,
  calls: null,
  window: null,
  missing: [],
  ...overrides,
});

const rule = (overrides: Partial<AlertRule>): AlertRule => ({
  id: 1,
  name: 'rule',
  metric: 'asr',
  kind: 'quality',
  enabled: true,
  tz: 'UTC',
  currency: null,
  window: { size: 30, unit: 'minutes' },
  scope: { kind: 'code', code: 'Philippines(Globe)' },
  comparison: 'below',
  threshold: 25,
  resolveThreshold: 40,
  amount: null,
  resolveAmount: null,
  warnAt: null,
  forecast: null,
  minCalls: 10,
  shortCallSeconds: null,
  terminationCode: null,
  createdBy: 'admin',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  current: state(),
  ...overrides,
});

const asr = rule({
  id: 1,
  name: 'Globe answer rate',
  current: state({ state: 'firing', status: 'breach', value: 12.5, calls: 48 }),
});
const budget = rule({
  id: 2,
  name: 'USD budget',
  metric: 'budget',
  kind: 'spend',
  currency: 'USD',
  window: null,
  scope: { kind: 'all' },
  comparison: null,
  threshold: null,
  resolveThreshold: null,
  amount: { currency: 'USD', amount: '5000' },
  warnAt: [50, 80, 100],
  forecast: true,
  minCalls: null,
  current: state({
    budget: {
      spent: { currency: 'USD', amount: '1250.5' },
      forecast: { currency: 'USD', amount: '19383.75' },
      percentUsed: 25.01,
      monthFrom: '2026-12-01T00:00:00.000Z',
      monthTo: '2027-01-01T00:00:00.000Z',
    },
  }),
});

/** The Alerts page is a lazy chunk (recharts): the first look waits longer than a render. */
const SLOW = { timeout: 10_000 };

const firingEvent: AlertEvent = {
  id: 7,
  ruleId: 1,
  ruleName: 'Globe answer rate',
  metric: 'asr',
  kind: 'quality',
  state: 'firing',
  previousState: 'ok',
  level: null,
  at: '2026-12-02T09:40:00.000Z',
  value: 12.5,
  threshold: 25,
  amount: null,
  thresholdAmount: null,
  budget: null,
  calls: 48,
  window: { from: '2026-12-02T09:10:00.000Z', to: '2026-12-02T09:40:00.000Z' },
  tz: 'UTC',
};

function api(role: 'admin' | 'finance' | 'support', rules: AlertRule[]) {
  return stubApi({
    'GET /api/session': { body: signedIn(role) },
    '/api/health': { body: healthBody },
    '/api/sync': { body: syncStatusBody },
    '/api/facets': { body: facetsBody },
    // As the BFF sends them: redacted for the role (support receives no money field at all).
    'GET /api/alert-rules': { body: redactForRole({ rules }, ALERT_RULES_ACCESS, role) },
    '/api/alerts': {
      body: redactForRole({ firing: [firingEvent], history: [firingEvent] }, ALERTS_ACCESS, role),
    },
    '/api/webhooks': { body: { webhooks: [] } },
    'POST /api/alert-rules': (request) => {
      const body = request.body as { amount?: string };
      if (body.amount === 'lots')
        return {
          status: 400,
          body: {
            error: {
              code: 'invalid_parameter',
              message: 'amount: an amount as a decimal string',
              requestId: 'r',
              param: 'amount',
            },
          },
        };
      return { status: 201, body: { rule: { ...budget, id: 3, name: 'December budget' } } };
    },
    '/api/alert-rules/2/series': {
      body: {
        ruleId: 2,
        points: [],
        budgetDays: [{ day: '2026-12-01', spent: { currency: 'USD', amount: '600' } }],
      },
    },
  });
}

describe('Alerts page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the bell with what fires, and the rules with their values', async () => {
    api('admin', [asr, budget]);
    renderApp('/alerts?tz=UTC');
    expect(await screen.findByText('Alerts: 1 firing')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Alert rules and budgets' }, SLOW);
    expect(
      within(table).getByText(
        'Answer rate (ASR) below 25% · last 30 minutes · Philippines(Globe) · at least 10 calls',
      ),
    ).toBeTruthy();
    expect(within(table).getByText('12.5% of 48 calls')).toBeTruthy();
    expect(within(table).getByText('25.01% spent ($1,250.50), forecast $19,383.75')).toBeTruthy();
    expect(within(table).getByText('Firing')).toBeTruthy();
  });

  it('lets finance create a budget, with the forecast method in words, and puts a 400 under its field', async () => {
    const stub = api('finance', [budget]);
    const user = userEvent.setup();
    renderApp('/alerts?tz=Europe%2FLondon');
    await user.click(await screen.findByRole('button', { name: 'New rule or budget' }, SLOW));
    const form = screen.getByRole('form', { name: 'New alert rule' });
    expect(within(form).getByLabelText('What to watch')).toHaveProperty('value', 'budget');
    // Finance manages spend only: no quality metric on offer.
    expect(within(form).queryByRole('option', { name: 'Answer rate (ASR)' })).toBeNull();
    expect(
      within(form).getByText(/Month-end forecast: this month's spend so far divided by the days elapsed/),
    ).toBeTruthy();

    await user.type(within(form).getByLabelText('Name'), 'December budget');
    await user.type(within(form).getByLabelText('Monthly budget'), 'lots');
    await user.click(within(form).getByRole('button', { name: 'Create budget' }));
    expect(await within(form).findByText('amount: an amount as a decimal string')).toBeTruthy();
    expect(within(form).getByLabelText('Monthly budget').getAttribute('aria-invalid')).toBe('true');

    await user.clear(within(form).getByLabelText('Monthly budget'));
    await user.type(within(form).getByLabelText('Monthly budget'), '4000');
    await user.click(within(form).getByRole('button', { name: 'Create budget' }));
    await waitFor(() => expect(stub.to('/api/alert-rules', 'POST')).toHaveLength(2));
    expect(stub.to('/api/alert-rules', 'POST')[1]!.body).toEqual({
      name: 'December budget',
      metric: 'budget',
      currency: 'USD',
      amount: '4000',
      warnAt: [50, 80, 100],
      forecast: true,
      scope: { kind: 'all' },
      tz: 'Europe/London',
    });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New alert rule' })).toBeNull());
  });

  it('offers support quality metrics only, and no edit of a rule it may not manage', async () => {
    api('support', [asr]);
    const user = userEvent.setup();
    renderApp('/alerts?tz=UTC');
    await user.click(await screen.findByRole('button', { name: 'New rule' }, SLOW));
    const metric = screen.getByLabelText('What to watch');
    const options = within(metric)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Answer rate (ASR)',
      'Average call duration (ACD)',
      'Short-call share',
      'Share of one termination code',
      'Call volume',
    ]);
    expect(screen.getByRole('button', { name: 'Edit Globe answer rate' })).toBeTruthy();
    // Its rules arrive without money fields, and read as they should.
    expect(screen.getByRole('table', { name: 'Alert rules and budgets' }).textContent).toContain(
      '12.5% of 48 calls',
    );
  });

  it('shows a budget against its month, with the rule opened from the URL', async () => {
    api('finance', [budget]);
    renderApp('/alerts?tz=UTC&rule=2');
    const detail = await screen.findByRole('region', { name: /USD budget/ }, SLOW);
    expect(within(detail).getByText('$1,250.50 of $5,000.00 spent (25.01%)')).toBeTruthy();
    expect(within(detail).getByText('Forecast $19,383.75')).toBeTruthy();
    expect(
      await within(detail).findByRole('region', { name: 'This month against the budget' }, SLOW),
    ).toBeTruthy();
  });

  it('says so when the rules cannot be loaded, with a retry', async () => {
    stubApi({
      'GET /api/session': { body: signedIn('admin') },
      '/api/health': { body: healthBody },
      '/api/sync': { body: syncStatusBody },
      '/api/alert-rules': apiError(503, 'unavailable', 'The database does not answer right now'),
      '/api/alerts': { body: { firing: [], history: [] } },
      '/api/webhooks': { body: { webhooks: [] } },
    });
    renderApp('/alerts?tz=UTC');
    expect(await screen.findByText('Could not load the rules', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('Alerts: none firing')).toBeTruthy();
  });
});
