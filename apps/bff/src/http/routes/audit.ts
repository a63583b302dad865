import {
  AUDIT_ACCESS,
  auditQuerySchema,
  parseInstantOrDate,
  visibleExportSchema,
} from '@callboard/contracts';
import { Router } from 'express';
import { assertColumnsAllowed, requirePermission, sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput, parseQuery } from '../validate.js';

export function auditRouter({ state, config }: AppDeps): Router {
  const router = Router();

  // Admins read the log: newest first, by user, action and time (dates in `tz`), paged back with `before`.
  router.get('/audit', requirePermission('audit:read'), async (req, res) => {
    const query = parseQuery(auditQuerySchema, req);
    const tz = query.tz ?? config.defaultTimeZone;
    const instant = (value: string | undefined) =>
      value === undefined ? undefined : parseInstantOrDate(value, tz);
    const entries = await state.auditLog({
      ...(query.username ? { username: query.username } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.from ? { from: instant(query.from) } : {}),
      ...(query.to ? { to: instant(query.to) } : {}),
      ...(query.before ? { before: instant(query.before) } : {}),
      limit: query.limit ?? 100,
    });
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, AUDIT_ACCESS, { entries });
  });

  // "Export visible" is written by the browser; it reports what it wrote, so every export is in the log.
  router.post('/audit/visible-export', requirePermission('export'), async (req, res) => {
    const body = parseInput(visibleExportSchema, req.body);
    assertColumnsAllowed(req, body.columns, 'columns');
    await state.audit({
      username: req.user?.username ?? null,
      action: 'visible-export',
      detail: body,
      ip: req.ip ?? null,
    });
    res.status(204).end();
  });

  return router;
}
