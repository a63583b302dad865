import type { SessionResponse } from '@callboard/contracts';
import { useSignOut } from '../api/sign-out';

export function UserMenu({ user }: { user: NonNullable<SessionResponse['user']> }) {
  const signOut = useSignOut();
  return (
    <div className="user-menu">
      <span className="user-menu__name" title={`Signed in as ${user.username} (${user.role})`}>
        <span className="visually-hidden">Signed in as </span>
        {user.username}
      </span>
      <span className="role-badge">{user.role}</span>
      <button
        type="button"
        className="button button--small"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
      >
        Sign out
      </button>
    </div>
  );
}
