import type { SavedView } from '@callboard/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, stubApi } from '@/testing/api-stub';
import { facetsBody, healthBody, recordRow, recordsBody, signedIn, syncStatusBody } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';

function savedView(overrides: Partial<SavedView>): SavedView {
  return {
    id: 7,
    name: 'Last month, EUR',
    page: 'records',
    params: { range: 'lastMonth', currency: ['EUR'], tz: 'UTC' },
    shared: false,
    owner: 'finance',
    usesMoney: false,
    usable: true,
    editable: true,
    path: '/views/7',
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

function api(role: 'finance' | 'support', views: SavedView[], extra: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/session': { body: signedIn(role) },
    '/api/health': { body: healthBody },
    '/api/sync': { body: syncStatusBody },
    '/api/facets': { body: facetsBody },
    '/api/records': { body: recordsBody([recordRow()]) },
    'GET /api/views': { body: { views } },
    ...extra,
  });
}

// Whole-app renders with typing: give them room on a busy 2-core machine.
describe('Saved views', { timeout: 15_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves the page as it is, shared, and shows its stable link', async () => {
    const stub = api('finance', [], {
      'POST /api/views': (request) => ({
        status: 201,
        body: { view: savedView({ ...(request.body as Partial<SavedView>), id: 12, path: '/views/12' }) },
      }),
    });
    const user = userEvent.setup();
    renderApp('/?range=lastMonth&currency=EUR&tz=UTC');
    await user.click(await screen.findByText('Saved views', { selector: 'summary' }));
    await user.type(screen.getByLabelText('Save this view as'), 'Last month, EUR');
    await user.click(screen.getByLabelText('Share with the team'));
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    expect(await screen.findByRole('link', { name: '/views/12' })).toBeTruthy();
    expect(stub.to('/api/views').find((r) => r.method === 'POST')!.body).toEqual({
      name: 'Last month, EUR',
      page: 'records',
      params: { range: 'lastMonth', currency: ['EUR'], tz: 'UTC' },
      shared: true,
    });
  });

  it('lists a money view as unavailable to support, and opens a view from its link', async () => {
    api(
      'support',
      [
        savedView({
          name: 'Spend review',
          page: 'spend',
          usesMoney: true,
          usable: false,
          editable: false,
          shared: true,
        }),
      ],
      {
        'GET /api/views/7': {
          body: {
            view: savedView({
              page: 'outcomes',
              params: { range: 'thisMonth', tz: 'UTC', outcome: 'unanswered' },
            }),
          },
        },
      },
    );
    const user = userEvent.setup();
    renderApp('/views/7');
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(
        '/outcomes?range=thisMonth&tz=UTC&outcome=unanswered',
      ),
    );
    await user.click(await screen.findByText('Saved views', { selector: 'summary' }));
    const list = await screen.findByRole('list', { name: 'Saved views' });
    expect(within(list).getByText('Spend review (needs spend access)')).toBeTruthy();
    expect(within(list).queryByRole('link')).toBeNull();
  });

  it('says why a view cannot be opened', async () => {
    api('support', [], {
      'GET /api/views/9': apiError(
        403,
        'forbidden',
        'This view shows the spend page, which your role (support) may not see, so it cannot be opened.',
      ),
    });
    renderApp('/views/9');
    expect(await screen.findByText(/which your role \(support\) may not see/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
