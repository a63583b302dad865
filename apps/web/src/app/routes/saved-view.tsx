import { Navigate, useParams } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { useSavedView } from '@/features/saved-views/api/get-saved-view';
import { viewLocation } from '@/features/saved-views/utils/current-view';

/** A saved view's stable address: asks the server (which checks the role), then opens the page it saved. */
export function SavedViewRoute() {
  const { id = '' } = useParams();
  const view = useSavedView(id);
  if (view.isError)
    return (
      <ErrorState
        error={view.error}
        onRetry={() => void view.refetch()}
        title="Could not open this saved view"
      />
    );
  if (!view.data)
    return (
      <p role="status" aria-busy="true">
        Opening the saved view…
      </p>
    );
  return <Navigate to={viewLocation(view.data.view)} replace />;
}
