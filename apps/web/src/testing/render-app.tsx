import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { useSessionExpiry } from '@/app/provider';
import { AppRoutes } from '@/app/router';
import { LocationProbe } from './render';

function SessionExpiry({ client, children }: { client: QueryClient; children: ReactNode }) {
  useSessionExpiry(client);
  return children;
}

/** The whole app (routes, session gate, layout) at `url`, against whatever `fetch` the test stubbed. */
export function renderApp(url: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <SessionExpiry client={queryClient}>
        <MemoryRouter initialEntries={[url]}>
          <AppRoutes />
          <LocationProbe />
        </MemoryRouter>
      </SessionExpiry>
    </QueryClientProvider>,
  );
}
