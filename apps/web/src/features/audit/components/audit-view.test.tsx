import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '@/testing/api-stub';
import { facetsBody, healthBody, signedIn, syncStatusBody } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';

const entries = [
  {
    at: '2026-11-28T23:30:00.000Z',
    username: 'finance',
    action: 'visible-export',
    detail: { rows: 50 },
    ip: '127.0.0.1',
  },
  { at: '2026-11-28T22:00:00.000Z', username: 'admin', action: 'sign-in', detail: {}, ip: '127.0.0.1' },
];

function api(role: 'admin' | 'support') {
  return stubApi({
    'GET /api/session': { body: signedIn(role) },
    '/api/health': { body: healthBody },
    '/api/sync': { body: syncStatusBody },
    '/api/facets': { body: facetsBody },
    '/api/audit': { body: { entries } },
  });
}

describe('Audit view', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the log for an admin in the chosen zone and filters by action, user and days', async () => {
    const stub = api('admin');
    const user = userEvent.setup();
    renderApp('/audit?tz=%2B08%3A00');

    const table = await screen.findByRole('table', { name: 'Audit log, newest first' });
    await within(table).findByText('Exported visible rows');
    expect(within(table).getByText('2026-11-29 07:30:00')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Action'), 'sign-in');
    await user.type(screen.getByLabelText('User'), 'admin');
    await user.type(screen.getByLabelText('Through'), '2026-11-28');
    await waitFor(() => {
      const params = stub.to('/api/audit').at(-1)!.params;
      expect(Object.fromEntries(params)).toMatchObject({
        action: 'sign-in',
        username: 'admin',
        to: '2026-11-29',
        tz: '+08:00',
      });
    });
    expect(screen.getByRole('link', { name: 'Audit' })).toBeTruthy();
  });

  it('is not offered to other roles, and says so when opened', async () => {
    const stub = api('support');
    renderApp('/audit?tz=UTC');
    expect(await screen.findByText('Your role has no access to the audit log.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Audit' })).toBeNull();
    expect(stub.to('/api/audit')).toHaveLength(0);
  });
});
