import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { RequirePermission, RequireSession } from './require-session';
import { CalleeRoute } from './routes/callee';
import { NotFoundRoute } from './routes/not-found';
import { RecordsRoute } from './routes/records';
import { SignInRoute } from './routes/sign-in';

// Charts (recharts) load only when a chart view opens, keeping the first screen's JavaScript lean.
const SpendRoute = lazy(() => import('./routes/spend'));
const OutcomesRoute = lazy(() => import('./routes/outcomes'));

function ChartsFallback() {
  return (
    <div className="view-loading" aria-busy="true">
      <span className="skeleton skeleton--block" />
      <span className="skeleton skeleton--chart" />
    </div>
  );
}

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
                <Suspense fallback={<ChartsFallback />}>
                  <SpendRoute />
                </Suspense>
              </RequirePermission>
            }
          />
          <Route
            path="outcomes"
            element={
              <Suspense fallback={<ChartsFallback />}>
                <OutcomesRoute />
              </Suspense>
            }
          />
          <Route path="callee/:number?" element={<CalleeRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
