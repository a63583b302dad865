import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { errorMessage } from '@/lib/api-client';
import { ChunkLoadError } from '@/lib/lazy-with-retry';

function RouteErrorFallback({ error, resetErrorBoundary }: FallbackProps) {
  const chunk = error instanceof ChunkLoadError;
  return (
    <div className="notice notice--error route-error" role="alert">
      <div>
        <p className="notice__title">
          {chunk ? 'Could not open this view' : 'Something went wrong in this view'}
        </p>
        <p>
          {chunk
            ? 'Its code did not arrive from the Callboard server. Check your connection; the server may be restarting.'
            : errorMessage(error)}
        </p>
      </div>
      <button type="button" className="button" onClick={() => resetErrorBoundary(error)}>
        Try again
      </button>
    </div>
  );
}

/**
 * Keeps a failing view (a render error, a chunk that did not load) from blanking the whole page: the
 * header and navigation stay, the view says what failed and offers "Try again".
 */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary
      FallbackComponent={RouteErrorFallback}
      onReset={(details) => {
        if (details.reason === 'imperative-api' && details.args[0] instanceof ChunkLoadError) {
          details.args[0].reload();
        }
      }}
    >
      {children}
    </ErrorBoundary>
  );
}
