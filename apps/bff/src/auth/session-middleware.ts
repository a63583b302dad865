// Reads the session cookie, enforces idle and absolute expiry, and guards state-changing requests
// against CSRF: the Origin must be ours when sent, and the session's token must come back in a header.
import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@callboard/contracts';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../http/app-error.js';
import type { AppStateStore, SessionRecord } from './app-state-store.js';

export const SESSION_COOKIE = 'callboard_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOUCH_EVERY_MS = 60_000;

declare global {
  namespace Express {
    interface Request {
      user?: { id: number; username: string; role: Role };
      session?: SessionRecord;
    }
  }
}

export function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

export function sessionMiddleware(state: AppStateStore, options: { idleMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  // Express 5 passes a rejected promise (the app state store unreachable) to the error handler.
  return async (req: Request, _res: Response, next: NextFunction) => {
    const id = readCookie(req, SESSION_COOKIE);
    if (id) {
      const session = await state.findSession(id);
      const t = now();
      if (session && !session.user.disabled && session.expiresAt > t && session.lastSeenAt + options.idleMs > t) {
        req.session = session;
        req.user = { id: session.user.id, username: session.user.username, role: session.user.role };
        if (t - session.lastSeenAt > TOUCH_EVERY_MS) await state.touchSession(session.idHash, t);
      } else if (session) {
        await state.deleteSession(session.idHash);
      }
    }
    next();
  };
}

/** Same-origin check for every unsafe method; the CSRF token for all but signing in. */
export function csrfProtection(req: Request, _res: Response, next: NextFunction) {
  if (!UNSAFE.has(req.method)) return next();
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.headers.host) throw new AppError(403, 'bad_origin', 'This request came from another site (Origin does not match)');
  }
  if (req.method === 'POST' && req.path === '/session') return next();
  const token = req.headers['x-csrf-token'];
  const expected = req.session?.csrfToken;
  if (!expected) throw new AppError(401, 'unauthenticated', 'Sign in first: POST /api/session with your user name and password');
  if (typeof token !== 'string' || token.length !== expected.length || !timingSafeEqual(Buffer.from(token), Buffer.from(expected))) {
    throw new AppError(403, 'csrf', 'Missing or wrong X-CSRF-Token header: take the token from GET /api/session');
  }
  next();
}
