import { DEMO_DEGRADE_ACCESS, type DemoDegradeStatus, demoDegradeRequestSchema } from '@callboard/contracts';
import { destinationCodes } from '@callboard/itnio-simulator';
import { Router } from 'express';
import { DEMO_QUALITY_CODE } from '../../alerts/demo-rules.js';
import { requirePermission, sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { parseBody } from '../validate.js';

/** Destinations the toggle offers: the busiest, the demo rule's first. */
const CODES = [DEMO_QUALITY_CODE, ...destinationCodes.filter((c) => c !== DEMO_QUALITY_CODE).slice(0, 19)];

/**
 * Demo mode only: degrade one operator's answer rate in the built-in simulator, so a quality alert can be
 * seen firing and, after switching it off, resolving. Live mode has no simulator and no such routes (404).
 */
export function demoRouter({ simulator, state }: AppDeps): Router {
  const router = Router();
  if (!simulator) return router;
  router.use('/demo', requirePermission('records:read'));

  const status = (): DemoDegradeStatus => {
    const current = simulator.degradation();
    return {
      degraded: current && {
        code: current.code,
        answerRate: current.answerRate,
        since: new Date(current.since).toISOString(),
      },
      codes: CODES,
    };
  };

  router.get('/demo/degrade', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, DEMO_DEGRADE_ACCESS, status());
  });

  router.post('/demo/degrade', async (req, res) => {
    const body = parseBody(demoDegradeRequestSchema, req.body);
    if (!CODES.includes(body.code))
      throw new AppError(400, 'invalid_parameter', `code: one of ${CODES.join(', ')}`, { param: 'code' });
    simulator.degrade(body.code, body.answerRate ?? 0);
    await state.audit({
      username: req.user?.username ?? null,
      action: 'demo-degrade',
      detail: { code: body.code, answerRate: body.answerRate ?? 0 },
      ip: req.ip ?? null,
    });
    sendFor(req, res, DEMO_DEGRADE_ACCESS, status());
  });

  router.delete('/demo/degrade', async (req, res) => {
    simulator.restore();
    await state.audit({
      username: req.user?.username ?? null,
      action: 'demo-degrade',
      detail: { restored: true },
      ip: req.ip ?? null,
    });
    sendFor(req, res, DEMO_DEGRADE_ACCESS, status());
  });

  return router;
}
