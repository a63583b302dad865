import { DEFAULT_SHORT_CALL_SECONDS, SUMMARY_ACCESS, summaryQuerySchema } from '@callboard/contracts';
import { Router } from 'express';
import { requirePermission, sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';
import { coverageFor, resolve } from '../filters.js';
import type { QueryCache } from '../query-cache.js';
import { parseQuery } from '../validate.js';

export function summaryRouter({ store, sync, config, now }: AppDeps, cache: QueryCache): Router {
  const router = Router();
  router.use('/summary', requirePermission('records:read'));

  router.get('/summary', async (req, res) => {
    const query = parseQuery(summaryQuerySchema, req);
    const filters = await resolve(query, { config, store, now });
    const shortCallSeconds = query.shortCallSeconds ?? DEFAULT_SHORT_CALL_SECONDS;
    // Coverage first: a range nothing can answer is refused before any summary work starts.
    const coverage = await coverageFor(filters, store, sync);
    const figures = await cache.get(req, ['summary', filters, shortCallSeconds], () =>
      store.summary(filters, shortCallSeconds),
    );
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const range = { from: iso(filters.from), to: iso(filters.to), tz: filters.tz, shortCallSeconds };
    const summary = { range, ...figures, coverage };
    sendFor(req, res, SUMMARY_ACCESS, summary);
  });

  return router;
}
