import { COMPARE_ACCESS, filterQuerySchema } from '@callboard/contracts';
import { Router } from 'express';
import { requirePermission, sendFor } from '../../auth/policy.js';
import { comparePeriods } from '../../reports/comparison.js';
import type { AppDeps } from '../app-deps.js';
import { coverageFor, resolve } from '../filters.js';
import type { QueryCache } from '../query-cache.js';
import { parseQuery } from '../validate.js';

/** The range beside the previous comparable period (KPI cards, spend and outcome tables); money per role. */
export function compareRouter({ store, sync, config, now }: AppDeps, cache: QueryCache): Router {
  const router = Router();
  router.get('/compare', requirePermission('records:read'), async (req, res) => {
    const query = parseQuery(filterQuerySchema, req);
    const filters = await resolve(query, { config, store, now });
    const coverage = await coverageFor(filters, store, sync);
    const { comparison, previous } = await cache.get(req, ['compare', filters], () =>
      comparePeriods(store, filters),
    );
    const previousCoverage = await sync.coverage(previous.from, previous.to);
    sendFor(req, res, COMPARE_ACCESS, { comparison, coverage, previousCoverage });
  });
  return router;
}
