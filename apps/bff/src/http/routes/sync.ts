import {
  parseInstantOrDate,
  SYNC_START_ACCESS,
  SYNC_STATUS_ACCESS,
  type SyncStatus,
  syncRequestSchema,
} from '@callboard/contracts';
import { Router } from 'express';
import { requirePermission, sendFor, viewFor } from '../../auth/policy.js';
import { isLive } from '../../auth/session-middleware.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { parseInput } from '../validate.js';

/** How often an event stream re-checks its session, and the longest a stream stays open. */
export const STREAM_RECHECK_MS = 3_000;
export const STREAM_MAX_MS = 30 * 60_000;

export function syncRouter({ sync, state, config }: AppDeps): Router {
  const router = Router();

  router.get(['/sync', '/sync/events'], requirePermission('records:read'));
  router.post('/sync', requirePermission('sync:start'));

  router.get('/sync', (req, res) => {
    sendFor(req, res, SYNC_STATUS_ACCESS, sync.status());
  });

  router.post('/sync', async (req, res) => {
    const body = parseInput(syncRequestSchema, req.body);
    const tz = body.tz ?? config.defaultTimeZone;
    const from = parseInstantOrDate(body.from, tz);
    const to = parseInstantOrDate(body.to, tz);
    if (to <= from)
      throw new AppError(
        400,
        'invalid_parameter',
        'The end must be after the start: choose a later end or an earlier start',
        { param: 'to' },
      );
    if (to <= sync.horizon()) {
      throw new AppError(
        422,
        'range_unavailable',
        `The upstream keeps two months of records: choose a range after ${new Date(sync.horizon()).toISOString()}`,
        { param: 'from' },
      );
    }
    const job = await sync.request(from, to, 'manual');
    await state.audit({
      username: req.user?.username ?? null,
      action: 'sync-start',
      detail: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), job: job?.id ?? null },
      ip: req.ip ?? null,
    });
    sendFor(req, res, SYNC_START_ACCESS, { job, status: sync.status() }, 202);
  });

  // Server-sent events: the same status as GET /api/sync, pushed as it changes. A stream lives no longer
  // than its session: it re-checks the session every few seconds (sign-out, disabled user, expiry, on any
  // replica) and ends after STREAM_MAX_MS anyway; EventSource reconnects, through the session check again.
  router.get('/sync/events', (req, res) => {
    const idHash = req.session!.idHash;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    const send = (status: SyncStatus) =>
      res.write(`event: status\ndata: ${JSON.stringify(viewFor(req, SYNC_STATUS_ACCESS, status))}\n\n`);
    const end = () => {
      clearInterval(keepAlive);
      clearInterval(recheck);
      clearTimeout(lifetime);
      sync.events.off('status', send);
      res.end();
    };
    send(sync.status());
    sync.events.on('status', send);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    const recheck = setInterval(() => {
      state
        .findSessionByHash(idHash)
        .then((session) => {
          if (!session || !isLive(session, Date.now(), config.auth.sessionIdleMs)) end();
        })
        // The app state unreachable: end the stream (fail closed); the browser reconnects when it is back.
        .catch(end);
    }, STREAM_RECHECK_MS);
    const lifetime = setTimeout(end, STREAM_MAX_MS);
    req.on('close', end);
  });

  return router;
}
