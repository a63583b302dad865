import { BrowserRouter, Route, Routes } from 'react-router';
import { RouteErrorBoundary } from '@/components/route-error-boundary';
import { lazyWithRetry } from '@/lib/lazy-with-retry';
import { AppLayout } from './layout/app-layout';
import { RequirePermission, RequireSession } from './require-session';
import { AuditRoute } from './routes/audit';
import { CalleeRoute } from './routes/callee';
import { NotFoundRoute } from './routes/not-found';
import { RecordsRoute } from './routes/records';
import { ReportsRoute } from './routes/reports';
import { SavedViewRoute } from './routes/saved-view';
import { SignInRoute } from './routes/sign-in';

// Charts (recharts) load only when a chart view opens, keeping the first screen's JavaScript lean. The
// layout's error boundary and Suspense show a failed or slow chunk inside the page.
const SpendRoute = lazyWithRetry(() => import('./routes/spend'));
const OutcomesRoute = lazyWithRetry(() => import('./routes/outcomes'));
const AlertsRoute = lazyWithRetry(() => import('./routes/alerts'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="sign-in" element={<SignInRoute />} />
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<RecordsRoute />} />
          <Route
            path="spend"
            element={
              <RequirePermission permission="money:read" what="spend">
                <SpendRoute />
              </RequirePermission>
            }
          />
          <Route path="outcomes" element={<OutcomesRoute />} />
          <Route path="callee/:number?" element={<CalleeRoute />} />
          <Route
            path="alerts"
            element={
              <RequirePermission permission="alerts:quality" what="alerts">
                <AlertsRoute />
              </RequirePermission>
            }
          />
          <Route path="views/:id" element={<SavedViewRoute />} />
          <Route
            path="reports"
            element={
              <RequirePermission permission="export" what="reports">
                <ReportsRoute />
              </RequirePermission>
            }
          />
          <Route
            path="audit"
            element={
              <RequirePermission permission="audit:read" what="the audit log">
                <AuditRoute />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      {/* Last line of defence (the layout itself failing): a message with "Try again", never a white page. */}
      <RouteErrorBoundary>
        <AppRoutes />
      </RouteErrorBoundary>
    </BrowserRouter>
  );
}
