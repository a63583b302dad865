import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { CalleeRoute } from './routes/callee';
import { NotFoundRoute } from './routes/not-found';
import { RecordsRoute } from './routes/records';

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

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<RecordsRoute />} />
          <Route
            path="spend"
            element={
              <Suspense fallback={<ChartsFallback />}>
                <SpendRoute />
              </Suspense>
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
      </Routes>
    </BrowserRouter>
  );
}
