import { ROLE_PERMISSIONS, signInRequestSchema } from '@callboard/contracts';
import { type Request, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppDeps } from '../../app.js';
import { DUMMY_HASH, verifyPassword } from '../../auth/passwords.js';
import { requirePermission } from '../../auth/policy.js';
import { SESSION_COOKIE } from '../../auth/session-middleware.js';
import { AppError } from '../app-error.js';
import { parseInput } from '../validate.js';

const WINDOW_MS = 15 * 60_000;

function tooMany(scope: string) {
  return (req: Request) => {
    const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : WINDOW_MS / 1000;
    throw new AppError(429, 'too_many_attempts', `Too many failed sign-ins ${scope}; try again in ${seconds} s`);
  };
}

export function sessionRouter({ state, config, demoAccounts }: AppDeps): Router {
  const router = Router();
  const max = config.auth.signInMaxFailures;
  // Only failures count; one account is paused after `max`, one address after four times as many.
  const perAccount = rateLimit({
    windowMs: WINDOW_MS,
    limit: max,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `account:${String(req.body?.username ?? '').toLowerCase().slice(0, 64)}`,
    handler: tooMany('for this account'),
  });
  const perAddress = rateLimit({
    windowMs: WINDOW_MS,
    limit: max * 4,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooMany('from this address'),
  });

  router.post('/session', perAddress, perAccount, async (req, res) => {
    const { username, password } = parseInput(signInRequestSchema, req.body);
    const user = await state.findUser(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || user.disabled) {
      await state.audit({ username, action: 'sign-in-failed', detail: { reason: user?.disabled ? 'disabled' : 'bad credentials' }, ip: req.ip ?? null });
      throw new AppError(401, 'bad_credentials', 'Wrong user name or password, or the account is disabled');
    }
    // A new session id at every sign-in; the old one (if any) is destroyed.
    if (req.session) await state.deleteSession(req.session.idHash);
    const session = await state.createSession(user.id, config.auth.sessionMaxMs);
    res.cookie(SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: config.auth.sessionMaxMs,
    });
    await state.audit({ username: user.username, action: 'sign-in', detail: {}, ip: req.ip ?? null });
    res.status(201).json({
      user: { username: user.username, role: user.role },
      csrfToken: session.csrfToken,
      permissions: [...ROLE_PERMISSIONS[user.role]],
      demoAccounts: null,
    });
  });

  router.get('/session', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      user: req.user ? { username: req.user.username, role: req.user.role } : null,
      csrfToken: req.session?.csrfToken ?? null,
      permissions: req.user ? [...ROLE_PERMISSIONS[req.user.role]] : [],
      demoAccounts: req.user ? null : demoAccounts,
    });
  });

  router.delete('/session', async (req, res) => {
    if (req.session) {
      await state.deleteSession(req.session.idHash);
      await state.audit({ username: req.user?.username ?? null, action: 'sign-out', detail: {}, ip: req.ip ?? null });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.secure });
    res.status(204).end();
  });

  router.get('/audit', requirePermission('audit:read'), async (req, res) => {
    const limit = Math.min(500, Math.max(1, Number(req.query.limit ?? 100) || 100));
    res.json({ entries: await state.auditLog(limit) });
  });

  router.get('/users', requirePermission('users:manage'), async (_req, res) => {
    res.json({ users: await state.listUsers() });
  });

  return router;
}
