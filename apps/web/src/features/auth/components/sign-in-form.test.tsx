import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, stubApi } from '@/testing/api-stub';
import { demoAccounts, signedIn } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { SignInForm } from './sign-in-form';

describe('SignInForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the missing fields before calling the server', async () => {
    const api = stubApi({});
    const user = userEvent.setup();
    renderWithProviders(<SignInForm demoAccounts={null} />);

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByText('Enter your user name')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(screen.getByLabelText('User name').getAttribute('aria-invalid')).toBe('true');
    expect(api.requests).toHaveLength(0);
  });

  it('shows the server’s message for wrong credentials', async () => {
    stubApi({
      'POST /api/session': apiError(
        401,
        'bad_credentials',
        'Wrong user name or password, or the account is disabled',
      ),
    });
    const user = userEvent.setup();
    renderWithProviders(<SignInForm demoAccounts={null} />);

    await user.type(screen.getByLabelText('User name'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Wrong user name or password, or the account is disabled',
    );
  });

  it('says how long to wait when sign-in is throttled', async () => {
    stubApi({
      'POST /api/session': apiError(
        429,
        'too_many_attempts',
        'Too many failed sign-ins for this account; try again in 842 s',
      ),
    });
    const user = userEvent.setup();
    renderWithProviders(<SignInForm demoAccounts={null} />);

    await user.type(screen.getByLabelText('User name'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('try again in 842 s');
  });

  it('lists the demo accounts only when the server sends them', () => {
    stubApi({});
    const { unmount } = renderWithProviders(<SignInForm demoAccounts={null} />);
    expect(screen.queryByRole('heading', { name: 'Demo accounts' })).toBeNull();
    unmount();

    renderWithProviders(<SignInForm demoAccounts={demoAccounts} />);
    const table = screen.getByRole('table', { name: 'Demo accounts' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).getByText('demo-support-pass')).toBeTruthy();
  });

  it('fills a demo account with one click and signs in with it', async () => {
    const api = stubApi({ 'POST /api/session': { status: 201, body: signedIn('finance') } });
    const user = userEvent.setup();
    renderWithProviders(<SignInForm demoAccounts={demoAccounts} />);

    await user.click(screen.getByRole('button', { name: 'Use finance' }));
    expect(screen.getByLabelText('User name')).toHaveProperty('value', 'finance');
    expect(screen.getByLabelText('Password')).toHaveProperty('value', 'demo-finance-pass');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign in' }));
    await user.keyboard('{Enter}');

    await vi.waitFor(() => expect(api.to('/api/session', 'POST')).toHaveLength(1));
    expect(api.to('/api/session', 'POST')[0]!.body).toEqual({
      username: 'finance',
      password: 'demo-finance-pass',
    });
  });
});
