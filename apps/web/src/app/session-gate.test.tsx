import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { apiError, type StubRoute, stubApi } from '@/testing/api-stub';
import {
  facetsBody,
  healthBody,
  recordRow,
  recordsBody,
  signedIn,
  signedOut,
  syncStatusBody,
} from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';

const rows = [
  recordRow({ voiceId: 'a', feedbackValue: '-1' }),
  recordRow({ voiceId: 'b', currency: 'USD', cost: '12.5' }),
];

function api(session: object, overrides: Record<string, StubRoute> = {}) {
  return stubApi({
    'GET /api/session': { body: session },
    '/api/health': { body: healthBody },
    '/api/sync': { body: syncStatusBody },
    '/api/facets': { body: facetsBody },
    ...overrides,
  });
}

const location = () => screen.getByTestId('location').textContent!;
const headerNames = () =>
  screen.getAllByRole('columnheader').map((th) => th.textContent?.replace(/[▲▼↕]/g, '').trim());

// Downloads need object URLs, which jsdom lacks; every test starts signed out of the CSRF token.
beforeEach(() => {
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }),
  );
});
afterEach(() => {
  setCsrfToken(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('session gate', () => {
  it('sends a signed-out visitor to sign-in, remembering where they were going', async () => {
    api(signedOut());
    renderApp('/outcomes?tz=UTC&outcome=answered');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    const next = new URLSearchParams(location().split('?')[1]).get('next');
    expect(location().startsWith('/sign-in?')).toBe(true);
    expect(next).toBe('/outcomes?tz=UTC&outcome=answered');
    expect(screen.getByLabelText('User name')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Demo accounts' })).toBeTruthy();
  });

  it('returns to the remembered view after signing in', async () => {
    api(signedOut(), {
      'POST /api/session': { status: 201, body: signedIn('admin') },
      '/api/records': { body: recordsBody(rows) },
    });
    const user = userEvent.setup();
    renderApp('/sign-in?next=%2F%3Ftz%3DUTC%26outcome%3Danswered');

    await user.click(await screen.findByRole('button', { name: 'Use admin' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Call records' })).toBeTruthy();
    expect(location()).toBe('/?tz=UTC&outcome=answered');
  });

  it('refuses to redirect anywhere outside the app after sign-in', async () => {
    api(signedIn('admin'), { '/api/records': { body: recordsBody(rows) } });
    renderApp('/sign-in?next=%2F%2Fevil.example%2F');
    expect(await screen.findByRole('heading', { name: 'Call records' })).toBeTruthy();
    await waitFor(() => expect(location()).toMatch(/^\/\?tz=/));
  });

  it('goes back to sign-in when the API says the session has ended', async () => {
    let expired = false;
    api(signedIn('finance'), {
      'GET /api/session': () => ({ body: expired ? signedOut() : signedIn('finance') }),
      '/api/records': () =>
        expired ? apiError(401, 'unauthenticated', 'Sign in first') : { body: recordsBody(rows) },
    });
    const user = userEvent.setup();
    renderApp('/?tz=UTC');
    expect(await screen.findByRole('heading', { name: 'Call records' })).toBeTruthy();

    expired = true;
    await user.selectOptions(screen.getByLabelText('Outcome'), 'answered');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    const next = new URLSearchParams(location().split('?')[1]).get('next')!;
    expect(next.startsWith('/?')).toBe(true);
    expect(Object.fromEntries(new URLSearchParams(next.slice(2)))).toEqual({
      tz: 'UTC',
      outcome: 'answered',
    });
  });

  it('shows who is signed in and signs out with the CSRF token', async () => {
    let signedOutOnServer = false;
    const stub = api(signedIn('admin', 'ada'), {
      'GET /api/session': () => ({ body: signedOutOnServer ? signedOut() : signedIn('admin', 'ada') }),
      '/api/records': { body: recordsBody(rows) },
      'DELETE /api/session': () => {
        signedOutOnServer = true;
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    renderApp('/?tz=UTC');

    const header = await screen.findByRole('banner');
    expect(within(header).getByText('ada')).toBeTruthy();
    expect(within(header).getByText('admin')).toBeTruthy();
    await user.click(within(header).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(stub.to('/api/session', 'DELETE')[0]!.headers.get('x-csrf-token')).toBe('csrf-admin');
  });
});

describe('role-aware views', () => {
  it('admin sees spend, money columns and can start a sync', async () => {
    const stub = api(signedIn('admin'), {
      '/api/records': { body: recordsBody(rows) },
      'POST /api/sync': { status: 202, body: { job: null } },
    });
    renderApp('/?tz=UTC');

    expect(await screen.findByRole('link', { name: 'Spend' })).toBeTruthy();
    await screen.findByText('$12.50');
    expect(headerNames()).toContain('Cost');
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    await userEvent.setup().click(refresh);
    await waitFor(() => expect(stub.to('/api/sync', 'POST')).toHaveLength(1));
    expect(stub.to('/api/sync', 'POST')[0]!.headers.get('x-csrf-token')).toBe('csrf-admin');
  });

  it('finance sees spend and money but no sync start, only its freshness', async () => {
    api(signedIn('finance'), { '/api/records': { body: recordsBody(rows) } });
    renderApp('/?tz=UTC');

    expect(await screen.findByRole('link', { name: 'Spend' })).toBeTruthy();
    await screen.findByText('$12.50');
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
    expect(screen.getByText(/^Synced /)).toBeTruthy();
  });

  it('support sees no spend tab, no money columns and no money in the column picker', async () => {
    api(signedIn('support'), { '/api/records': { body: recordsBody(rows, { money: false }) } });
    renderApp('/?tz=UTC');

    await screen.findByRole('heading', { name: 'Call records' });
    await waitFor(() => expect(screen.getAllByRole('row').length).toBeGreaterThan(2));
    expect(screen.queryByRole('link', { name: 'Spend' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Outcomes' })).toBeTruthy();
    expect(headerNames()).not.toContain('Cost');
    expect(headerNames()).toContain('Callee');
    const picker = screen.getByRole('list', { name: 'Columns, in display order' });
    const pickable = within(picker)
      .getAllByRole('checkbox')
      .map((box) => box.closest('label')?.textContent);
    expect(pickable).toContain('Talk time');
    for (const money of ['Cost', 'Rate', 'Base cost (USD)', 'Settle pay', 'Settle rate', 'Quote exchange']) {
      expect(pickable).not.toContain(money);
    }
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
  });

  it('support’s "Export all matching" asks for no money columns', async () => {
    const stub = api(signedIn('support'), {
      '/api/records': { body: recordsBody(rows, { money: false }) },
    });
    // jsdom has no service worker and does not navigate: the plain download link's address is the request.
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.href);
    });
    const user = userEvent.setup();
    renderApp('/?tz=UTC&sort=cost%3Adesc');

    await user.click(await screen.findByRole('button', { name: /Export all matching/ }));

    await waitFor(() => expect(downloads).toHaveLength(1));
    const url = new URL(downloads[0]!);
    expect(url.pathname).toBe('/api/export.csv');
    const params = url.searchParams;
    expect(params.getAll('columns').length).toBeGreaterThan(3);
    expect(params.getAll('columns')).not.toContain('cost');
    // A colleague's money sort in the link falls back to the default instead of a 403.
    expect(params.get('sort')).toBe('submitTime:desc');
    expect(stub.to('/api/records')[0]!.params.get('sort')).toBe('submitTime:desc');
    expect(await screen.findByText('Download started: your browser shows its progress.')).toBeTruthy();
  });

  it('support opening /spend is told the role has no access', async () => {
    const stub = api(signedIn('support'));
    renderApp('/spend?tz=UTC');

    expect(await screen.findByText('Your role has no access to spend.')).toBeTruthy();
    expect(stub.to('/api/summary')).toHaveLength(0);
  });
});
