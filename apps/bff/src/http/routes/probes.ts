import { LIVE_ACCESS, READY_ACCESS } from '@callboard/contracts';
import { Router } from 'express';
import { sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';

const PING_TIMEOUT_MS = 2_000;

/** Resolves to 'ok', or 'unreachable' when the ping fails or takes longer than PING_TIMEOUT_MS. */
async function reachable(ping: () => Promise<void>): Promise<'ok' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'unreachable'>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping().then(() => 'ok' as const), timeout]);
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Probes for an orchestrator, mounted before sign-in so they never touch the session store: `live` says the
 * process answers (restart it if not), `ready` says it can serve (route traffic elsewhere if not): the
 * records store and the app state answer. An upstream outage does not make a replica unready: it still
 * serves what is stored, and says so.
 */
export function probesRouter({ store, state, sync }: AppDeps): Router {
  const router = Router();
  router.get('/health/live', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, LIVE_ACCESS, { status: 'live' });
  });
  router.get('/health/ready', async (req, res) => {
    const [records, appState] = await Promise.all([
      reachable(() => store.ping()),
      reachable(() => state.ping()),
    ]);
    const ready = records === 'ok' && appState === 'ok';
    res.setHeader('Cache-Control', 'no-store');
    const body = {
      status: ready ? 'ready' : 'not_ready',
      store: records,
      appState,
      sync: {
        lastSuccessAt: sync.status().lastSuccessAt,
        syncing: sync.syncing,
        upstreamFailing: sync.upstreamError !== null,
      },
    } as const;
    sendFor(req, res, READY_ACCESS, body, ready ? 200 : 503);
  });
  return router;
}
