import {
  ROLE_PERMISSIONS,
  redactForRole,
  SESSION_ACCESS,
  type SessionResponse,
  signInRequestSchema,
} from '@callboard/contracts';
import { Router } from 'express';
import { DUMMY_HASH, verifyPassword } from '../../auth/passwords.js';
import { sendFor } from '../../auth/policy.js';
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from '../../auth/session-middleware.js';
import { SignInThrottle } from '../../auth/sign-in-throttle.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { parseInput } from '../validate.js';

export function sessionRouter({ state, config, demoAccounts, metrics }: AppDeps): Router {
  const router = Router();
  const throttle = new SignInThrottle(state, { maxFailures: config.auth.signInMaxFailures });

  router.post('/session', async (req, res) => {
    const { username, password } = parseInput(signInRequestSchema, req.body);
    const address = req.ip ?? 'unknown';
    const paused = await throttle.check(username, address);
    if (paused) {
      metrics.signInThrottled.inc();
      res.setHeader('Retry-After', String(paused.retryAfterSeconds));
      await state.audit({
        username,
        action: 'sign-in-failed',
        detail: { reason: 'throttled', scope: paused.scope },
        ip: req.ip ?? null,
      });
      throw new AppError(
        429,
        'too_many_attempts',
        `Too many failed sign-ins ${paused.scope}; try again in ${paused.retryAfterSeconds} s`,
      );
    }
    const user = await state.findUser(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || user.disabled) {
      metrics.signInFailures.inc();
      await throttle.failed(username, address);
      await state.audit({
        username,
        action: 'sign-in-failed',
        detail: { reason: user?.disabled ? 'disabled' : 'bad credentials' },
        ip: req.ip ?? null,
      });
      throw new AppError(401, 'bad_credentials', 'Wrong user name or password, or the account is disabled');
    }
    await throttle.succeeded(username, address);
    // A new session id at every sign-in; the old one (if any) is destroyed.
    if (req.session) await state.deleteSession(req.session.idHash);
    const session = await state.createSession(user.id, config.auth.sessionMaxMs);
    res.cookie(SESSION_COOKIE, session.id, {
      ...SESSION_COOKIE_OPTIONS(req),
      maxAge: config.auth.sessionMaxMs,
    });
    await state.audit({ username: user.username, action: 'sign-in', detail: {}, ip: req.ip ?? null });
    const body: SessionResponse = {
      user: { username: user.username, role: user.role },
      csrfToken: session.csrfToken,
      permissions: [...ROLE_PERMISSIONS[user.role]],
      demoAccounts: null,
    };
    res.status(201).json(redactForRole(body, SESSION_ACCESS, user.role));
  });

  router.get('/session', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, SESSION_ACCESS, {
      user: req.user ? { username: req.user.username, role: req.user.role } : null,
      csrfToken: req.session?.csrfToken ?? null,
      permissions: req.user ? [...ROLE_PERMISSIONS[req.user.role]] : [],
      demoAccounts: req.user ? null : demoAccounts,
    });
  });

  router.delete('/session', async (req, res) => {
    if (req.session) {
      await state.deleteSession(req.session.idHash);
      await state.audit({
        username: req.user?.username ?? null,
        action: 'sign-out',
        detail: {},
        ip: req.ip ?? null,
      });
    }
    res.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS(req));
    res.status(204).end();
  });

  return router;
}
