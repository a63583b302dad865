import { can, type Permission, resolvePreset } from '@callboard/contracts';
import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useSearchParams } from 'react-router';
import { useHealth } from '@/api/get-health';
import { useSession } from '@/api/get-session';
import { LinkNotice } from '@/components/link-notice';
import { RouteErrorBoundary } from '@/components/route-error-boundary';
import { AlertBell } from '@/features/alerts/components/alert-bell';
import { UserMenu } from '@/features/auth/components/user-menu';
import { BackupNotice } from '@/features/backup/components/backup-notice';
import { SavedViewMenu } from '@/features/saved-views/components/saved-view-menu';
import { SyncIndicator } from '@/features/sync/components/sync-indicator';
import { SyncProgress } from '@/features/sync/components/sync-progress';
import { useCan } from '@/hooks/use-can';
import { browserTimeZone } from '@/lib/time-zone';
import { type LinkProblem, linkProblems, resolveRange } from '@/lib/url-state';
import { useDashboard } from '../use-dashboard';
import { TimeZoneSelect } from './time-zone-select';

const BROWSER_TZ = browserTimeZone();

const VIEWS: { to: string; label: string; end: boolean; needs?: Permission }[] = [
  { to: '/', label: 'Records', end: true },
  { to: '/spend', label: 'Spend', end: false, needs: 'money:read' },
  { to: '/outcomes', label: 'Outcomes', end: false },
  { to: '/callee', label: 'Callee lookup', end: false },
  { to: '/alerts', label: 'Alerts', end: false, needs: 'alerts:quality' },
  { to: '/reports', label: 'Reports', end: false, needs: 'export' },
  { to: '/audit', label: 'Audit', end: false, needs: 'audit:read' },
];

/** Moving between views keeps the filters and zone, not the page or the open record. */
function viewSearch(search: URLSearchParams): string {
  const next = new URLSearchParams(search);
  next.delete('page');
  next.delete('record');
  next.delete('rule');
  const text = next.toString();
  return text ? `?${text}` : '';
}

function ViewLoading() {
  return (
    <div className="view-loading" role="status" aria-busy="true" aria-label="Loading view">
      <span className="skeleton skeleton--block" />
      <span className="skeleton skeleton--chart" />
    </div>
  );
}

export function AppLayout() {
  const { state, update } = useDashboard();
  const health = useHealth();
  const user = useSession().data?.user;
  const canStartSync = useCan('sync:start');
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();

  // Pin the zone in the URL on arrival, so a copied link shows colleagues the same days; a link with values
  // that cannot be used is corrected in place, and a notice says what was wrong and what is shown instead.
  const [problems, setProblems] = useState<LinkProblem[]>([]);
  useEffect(() => {
    const found = linkProblems(searchParams, BROWSER_TZ);
    if (found.length === 0 && searchParams.has('tz')) return;
    if (found.length > 0) setProblems(found);
    setSearchParams(
      (current) => {
        const fixed = new URLSearchParams(current);
        for (const key of found.flatMap((problem) => problem.drop)) fixed.delete(key);
        fixed.set('tz', state.tz);
        return fixed;
      },
      { replace: true },
    );
  }, [searchParams, setSearchParams, state.tz]);
  const view = location.pathname.split('/')[1];
  const [noticeView, setNoticeView] = useState(view);
  if (noticeView !== view) {
    // Another view: the link's notice was about the one the user opened.
    setNoticeView(view);
    setProblems([]);
  }

  const range = resolveRange(state.filters, state.tz, Date.now());
  const fallback = resolvePreset('last7', state.tz, Date.now());
  const syncRange = { from: range.from ?? fallback.from!, to: range.to ?? fallback.to!, tz: state.tz };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__brand">
          <span className="logo" aria-hidden="true">
            ◉
          </span>
          <span className="app-header__name">Callboard</span>
          {health.data?.mode === 'demo' ? (
            <span className="demo-badge" title="The BFF is serving simulated calls, not your account's">
              Demo data
            </span>
          ) : null}
        </div>
        <nav className="app-nav" aria-label="Views">
          {VIEWS.filter((view) => !view.needs || (user && can(user.role, view.needs))).map((view) => (
            <NavLink
              key={view.to}
              to={{ pathname: view.to, search: viewSearch(searchParams) }}
              end={view.end}
              className={({ isActive }) => (isActive ? 'app-nav__link is-active' : 'app-nav__link')}
            >
              {view.label}
            </NavLink>
          ))}
        </nav>
        <div className="app-header__tools">
          <TimeZoneSelect value={state.tz} onChange={(tz) => update({ tz })} />
          <SyncIndicator
            range={syncRange}
            fallbackLastSyncAt={health.data?.lastSyncAt ?? null}
            canStart={canStartSync}
          />
          {user && can(user.role, 'alerts:quality') ? (
            <AlertBell
              tz={state.tz}
              alertsHref={(ruleId) => {
                const search = new URLSearchParams(viewSearch(searchParams));
                if (ruleId !== undefined) search.set('rule', String(ruleId));
                return `/alerts?${search}`;
              }}
            />
          ) : null}
          {user ? <UserMenu user={user} /> : null}
        </div>
      </header>
      <SyncProgress />
      {/* Keyed by view: moving to another view starts it afresh, error or not. */}
      <main id="main" className="app-main" key={view}>
        <LinkNotice problems={problems} onDismiss={() => setProblems([])} />
        <BackupNotice backup={health.data?.backup} />
        <div className="view-actions">
          <SavedViewMenu state={state} />
        </div>
        <RouteErrorBoundary>
          <Suspense fallback={<ViewLoading />}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
    </div>
  );
}
