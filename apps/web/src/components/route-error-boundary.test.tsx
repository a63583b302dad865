import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyWithRetry } from '@/lib/lazy-with-retry';
import { RouteErrorBoundary } from './route-error-boundary';

function View() {
  return <h1>Spend</h1>;
}

function Broken(): never {
  throw new Error('Totals did not add up');
}

describe('RouteErrorBoundary with lazyWithRetry', () => {
  it('shows a failed chunk load as a message whose "Try again" loads it again', async () => {
    let serverUp = false;
    const load = vi.fn(async () => {
      if (!serverUp) throw new TypeError('Failed to fetch dynamically imported module');
      return { default: View };
    });
    const LazyView = lazyWithRetry(load, { retries: 1, delayMs: 0 });
    vi.spyOn(console, 'error').mockImplementation(() => {});

    render(
      <RouteErrorBoundary>
        <Suspense fallback={<p>Loading</p>}>
          <LazyView />
        </Suspense>
      </RouteErrorBoundary>,
    );

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not open this view');
    // One try plus one retry before giving up.
    expect(load).toHaveBeenCalledTimes(2);

    serverUp = true;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { name: 'Spend' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps a render error inside the view, with its message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <>
        <nav>Views</nav>
        <RouteErrorBoundary>
          <Broken />
        </RouteErrorBoundary>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Totals did not add up');
    expect(screen.getByText('Views')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
