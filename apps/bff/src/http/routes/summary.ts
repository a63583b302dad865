import { filterQuerySchema, summaryQuerySchema } from '@callboard/contracts';
import { Router } from 'express';
import type { AppDeps } from '../../app.js';
import { canSeeMoney, requirePermission, summaryWithoutMoney } from '../../auth/policy.js';
import { coverageFor, resolve } from '../filters.js';
import type { QueryCache } from '../query-cache.js';
import { parseQuery } from '../validate.js';

export function summaryRouter({ store, sync, config }: AppDeps, cache: QueryCache): Router {
  const router = Router();
  router.use(['/summary', '/facets'], requirePermission('records:read'));

  router.get('/summary', async (req, res) => {
    const query = parseQuery(summaryQuerySchema, req);
    const filters = resolve(query, config.defaultTimeZone);
    const top = query.top ?? 10;
    const [coverage, figures] = await Promise.all([
      coverageFor(filters, store, sync),
      cache.get(req, ['summary', filters, top], () => store.summary(filters, top)),
    ]);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const summary = { range: { from: iso(filters.from), to: iso(filters.to), tz: filters.tz }, ...figures, coverage };
    res.json(canSeeMoney(req) ? summary : summaryWithoutMoney(summary));
  });

  router.get('/facets', async (req, res) => {
    const filters = resolve(parseQuery(filterQuerySchema, req), config.defaultTimeZone);
    const [coverage, facets] = await Promise.all([
      coverageFor(filters, store, sync),
      cache.get(req, ['facets', filters], () => store.facets(filters)),
    ]);
    res.json({ ...facets, coverage });
  });

  return router;
}
