import { Router } from 'express';
import type { AppDeps } from '../../app.js';

export function healthRouter({ store, sync, config, mode, version }: AppDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const stats = await store.stats();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    res.json({
      status: 'ok',
      mode,
      version,
      defaultTimeZone: config.defaultTimeZone,
      store: { engine: store.engine, records: stats.records, oldest: iso(stats.oldest), newest: iso(stats.newest) },
      lastSyncAt: sync.status().lastSuccessAt,
      syncing: sync.syncing,
      upstreamError: sync.upstreamError,
    });
  });
  return router;
}
