import { timingSafeEqual } from 'node:crypto';
import { type Request, Router } from 'express';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A scraper on this machine, talking to us directly: no proxy in between (a proxy forwards strangers). */
function fromLoopback(req: Request): boolean {
  return (
    LOOPBACK.has(req.socket.remoteAddress ?? '') &&
    req.headers['x-forwarded-for'] === undefined &&
    req.headers.forwarded === undefined
  );
}

function bearerMatches(req: Request, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  return (
    given !== undefined &&
    given.length === token.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(token))
  );
}

/**
 * `GET /metrics` in Prometheus text format: open to a scraper on loopback; from anywhere else only with
 * `Authorization: Bearer $CALLBOARD_METRICS_TOKEN` (and refused when no token is set).
 */
export function metricsRouter({ metrics, config }: AppDeps): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const token = config.metricsToken;
    if (!fromLoopback(req) && !(token && bearerMatches(req, token))) {
      throw new AppError(
        token ? 401 : 403,
        'metrics_forbidden',
        token
          ? 'Send Authorization: Bearer <CALLBOARD_METRICS_TOKEN>'
          : 'Metrics are served on loopback only; set CALLBOARD_METRICS_TOKEN to scrape from elsewhere',
      );
    }
    res.setHeader('Content-Type', metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.text());
  });
  return router;
}
