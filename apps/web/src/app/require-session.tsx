import type { Permission } from '@callboard/contracts';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '@/api/get-session';
import { ErrorState } from '@/components/error-state';
import { Spinner } from '@/components/spinner';
import { useCan } from '@/hooks/use-can';
import { signInPath } from './paths';

/** Every view but sign-in needs a user; signed out (or expired: any 401) goes to sign-in and back. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isError) {
    return (
      <div className="sign-in-page">
        <ErrorState
          error={session.error}
          onRetry={() => void session.refetch()}
          title="Could not check your session"
        />
      </div>
    );
  }
  if (session.isPending) {
    return (
      <div className="sign-in-page" role="status">
        <Spinner label="Loading" /> Checking your session…
      </div>
    );
  }
  if (!session.data.user) {
    return <Navigate to={signInPath(location)} replace />;
  }
  return <Outlet />;
}

/** A view the role may not open says so, instead of failing on a 403 or showing an empty page. */
export function RequirePermission({
  permission,
  what,
  children,
}: {
  permission: Permission;
  what: string;
  children: ReactNode;
}) {
  const allowed = useCan(permission);
  const { data } = useSession();
  if (allowed) return children;
  return (
    <div className="empty-state" role="status">
      <p className="empty-state__title">Your role has no access to {what}.</p>
      <p>
        You are signed in as {data?.user?.username} ({data?.user?.role}). Ask an admin if you need {what}{' '}
        figures.
      </p>
    </div>
  );
}
