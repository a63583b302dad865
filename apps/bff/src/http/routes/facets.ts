import { FACETS_ACCESS, filterQuerySchema } from '@callboard/contracts';
import { Router } from 'express';
import { requirePermission, sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';
import { coverageFor, resolve } from '../filters.js';
import type { QueryCache } from '../query-cache.js';
import { parseQuery } from '../validate.js';

/** The values each filter can take in a range, with counts (each facet ignores its own filter). */
export function facetsRouter({ store, sync, config, now }: AppDeps, cache: QueryCache): Router {
  const router = Router();
  router.get('/facets', requirePermission('records:read'), async (req, res) => {
    const filters = await resolve(parseQuery(filterQuerySchema, req), { config, store, now });
    const coverage = await coverageFor(filters, store, sync);
    const facets = await cache.get(req, ['facets', filters], () => store.facets(filters));
    sendFor(req, res, FACETS_ACCESS, { ...facets, coverage });
  });
  return router;
}
