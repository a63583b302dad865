import { ApiRequestError, errorMessage } from '@/lib/api-client';

export function ErrorState({
  error,
  onRetry,
  title = 'Could not load this view',
}: {
  error: unknown;
  onRetry: () => void;
  title?: string;
}) {
  const requestId = error instanceof ApiRequestError ? error.requestId : null;
  return (
    <div className="notice notice--error" role="alert">
      <div>
        <p className="notice__title">{title}</p>
        <p>{errorMessage(error)}</p>
        {requestId ? <p className="notice__meta">Request ID {requestId}</p> : null}
      </div>
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
