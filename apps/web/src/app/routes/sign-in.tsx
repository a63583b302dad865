import { Navigate, useSearchParams } from 'react-router';
import { useHealth } from '@/api/get-health';
import { useSession } from '@/api/get-session';
import { ErrorState } from '@/components/error-state';
import { Spinner } from '@/components/spinner';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { safeNext } from '../paths';

export function SignInRoute() {
  const [searchParams] = useSearchParams();
  const session = useSession();
  const health = useHealth();
  const next = safeNext(searchParams.get('next'));

  if (session.data?.user) return <Navigate to={next} replace />;

  return (
    <div className="sign-in-page">
      <main className="sign-in-card" aria-labelledby="sign-in-title">
        <div className="sign-in-card__brand">
          <span className="logo" aria-hidden="true">
            ◉
          </span>
          <span className="app-header__name">Callboard</span>
          {health.data?.mode === 'demo' ? <span className="demo-badge">Demo data</span> : null}
        </div>
        <h1 id="sign-in-title" className="sign-in-card__title">
          Sign in
        </h1>
        {session.isError ? (
          <ErrorState
            error={session.error}
            onRetry={() => void session.refetch()}
            title="Could not reach the sign-in service"
          />
        ) : session.isPending ? (
          <p className="sign-in-card__loading">
            <Spinner label="Loading" /> Checking your session…
          </p>
        ) : (
          <SignInForm demoAccounts={session.data.demoAccounts} />
        )}
      </main>
    </div>
  );
}
