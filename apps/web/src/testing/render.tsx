import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';

export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export function renderWithProviders(ui: ReactNode, { url = '/' }: { url?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        {ui}
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** Answers every fetch with JSON bodies chosen by URL path. */
export function stubFetch(bodies: Record<string, unknown>) {
  return async (input: RequestInfo | URL) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    const body = bodies[path];
    return new Response(
      JSON.stringify(body ?? { error: { code: 'not_found', message: 'nope', requestId: 'r' } }),
      {
        status: body ? 200 : 404,
        headers: { 'content-type': 'application/json' },
      },
    );
  };
}
