import { HEALTH_ACCESS } from '@callboard/contracts';
import { Router } from 'express';
import { sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';

export function healthRouter({ store, sync, config, mode, version, backups }: AppDeps): Router {
  const router = Router();
  // Public liveness; store figures and upstream errors only for someone signed in.
  router.get('/health', async (req, res) => {
    const stats = req.user ? await store.stats() : { records: 0, oldest: null, newest: null };
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    sendFor(req, res, HEALTH_ACCESS, {
      status: 'ok',
      mode,
      version,
      defaultTimeZone: config.defaultTimeZone,
      store: {
        engine: store.engine,
        records: stats.records,
        oldest: iso(stats.oldest),
        newest: iso(stats.newest),
      },
      lastSyncAt: sync.status().lastSuccessAt,
      syncing: sync.syncing,
      upstreamError: req.user ? sync.upstreamError : null,
      // Where and how backups go is an operator's concern: admins only.
      backup:
        backups && req.user?.role === 'admin'
          ? (({ dir: _dir, ...status }) => status)(backups.status())
          : null,
    });
  });
  return router;
}
