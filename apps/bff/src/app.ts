// Builds the Express app without listening, so tests and index.ts assemble it the same way.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { csrfProtection, sessionMiddleware } from './auth/session-middleware.js';
import type { AppDeps } from './http/app-deps.js';
import { errorHandler, notFound } from './http/app-error.js';
import { QueryCache } from './http/query-cache.js';
import { perUserQueryLimit } from './http/query-limit.js';
import { alertsRouter } from './http/routes/alerts.js';
import { apiDocsRouter } from './http/routes/api-docs.js';
import { auditRouter } from './http/routes/audit.js';
import { compareRouter } from './http/routes/compare.js';
import { demoRouter } from './http/routes/demo.js';
import { exportRouter } from './http/routes/export.js';
import { facetsRouter } from './http/routes/facets.js';
import { healthRouter } from './http/routes/health.js';
import { metricsRouter } from './http/routes/metrics.js';
import { probesRouter } from './http/routes/probes.js';
import { recordsRouter } from './http/routes/records.js';
import { reportsRouter } from './http/routes/reports.js';
import { sessionRouter } from './http/routes/session.js';
import { summaryRouter } from './http/routes/summary.js';
import { syncRouter } from './http/routes/sync.js';
import { usersRouter } from './http/routes/users.js';
import { viewsRouter } from './http/routes/views.js';
import { webhooksRouter } from './http/routes/webhooks.js';

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.auth.trustProxy);
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: {
        ignore: (req) => req.url?.startsWith('/api/health') === true || req.url === '/api/sync/events',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  // Every answer counted by its route pattern (never the raw URL: bounded label values).
  app.use((req, res, next) => {
    const start = performance.now();
    res.once('finish', () => {
      // The mount point is noted on the way in: an error unwinds req.baseUrl before the answer is sent.
      const route = req.route ? `${String(res.locals.mount ?? '')}${String(req.route.path)}` : 'unmatched';
      deps.metrics.observeRequest(req.method, route, res.statusCode, (performance.now() - start) / 1000);
    });
    next();
  });
  app.use(metricsRouter(deps));

  const api = express.Router();
  api.use((req, res, next) => {
    res.locals.mount = req.baseUrl;
    next();
  });
  api.use(probesRouter(deps));
  api.use(express.json({ limit: '16kb' }));
  api.use(sessionMiddleware(deps.state, { idleMs: deps.config.auth.sessionIdleMs }));
  api.use(csrfProtection);
  api.use(healthRouter(deps));
  api.use(sessionRouter(deps));
  api.use(usersRouter(deps));
  api.use(auditRouter(deps));
  api.use(apiDocsRouter(deps));
  // Routes that query the store: a bounded number at once per user.
  api.use(
    ['/records', '/summary', '/compare', '/facets', '/export.csv', '/export.parquet', '/alert-rules'],
    perUserQueryLimit(deps.config.limits.maxQueriesPerUser),
  );
  const cache = new QueryCache(deps.store);
  api.use(recordsRouter(deps, cache));
  api.use(summaryRouter(deps, cache));
  api.use(compareRouter(deps, cache));
  api.use(facetsRouter(deps, cache));
  api.use(exportRouter(deps));
  api.use(syncRouter(deps));
  api.use(alertsRouter(deps));
  api.use(webhooksRouter(deps));
  api.use(viewsRouter(deps));
  api.use(reportsRouter(deps));
  api.use(demoRouter(deps));
  api.use((req) => notFound(req));
  app.use('/api', api);

  if (deps.webRoot && existsSync(path.join(deps.webRoot, 'index.html'))) {
    const webRoot = deps.webRoot;
    // Hashed assets never change: cache them for a year. index.html must always be revalidated.
    app.use(
      '/assets',
      express.static(path.join(webRoot, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    );
    app.use(express.static(webRoot, { index: false, maxAge: 0 }));
    app.get('/{*splat}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(webRoot, 'index.html'));
    });
  }
  app.use(errorHandler(deps.logger));
  return app;
}
