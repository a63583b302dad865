// Reads the session cookie, enforces idle and absolute expiry, and guards state-changing requests
// against CSRF: the Origin must be ours when sent, and the session's token must come back in a header.
import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@callboard/contracts';
import { parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import type { AppStateStore, SessionRecord } from '../app-state/app-state-store.js';
import { AppError } from '../http/app-error.js';

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

/** A session id as createSession makes it: 32 random bytes, base64url. Anything else never reaches the store. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The cookie's value, or null when absent; a malformed Cookie header is no session, never an error. */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  return parseCookie(header)[name] ?? null;
}

export function sessionMiddleware(state: AppStateStore, options: { idleMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  // Express 5 passes a rejected promise (the app state store unreachable) to the error handler.
  return async (req: Request, res: Response, next: NextFunction) => {
    const id = readCookie(req, SESSION_COOKIE);
    if (id !== null) {
      const session = SESSION_ID.test(id) ? await state.findSession(id).catch(unavailable) : null;
      const t = now();
      if (session && isLive(session, t, options.idleMs)) {
        req.session = session;
        req.user = { id: session.user.id, username: session.user.username, role: session.user.role };
        if (t - session.lastSeenAt > TOUCH_EVERY_MS) await state.touchSession(session.idHash, t);
      } else {
        if (session) await state.deleteSession(session.idHash);
        // A stale, ended or planted cookie is dropped, so it cannot keep a browser signed out.
        res.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS(req));
      }
    }
    next();
  };
}

/** The app state database did not answer: nobody can be signed in now, which is a 503, not a crash. */
function unavailable(): never {
  throw new AppError(
    503,
    'unavailable',
    'Sign-in is unavailable: the database does not answer right now; try again shortly',
  );
}

/** Valid now: not disabled, not past its absolute expiry, not idle too long. */
export function isLive(session: SessionRecord, now: number, idleMs: number): boolean {
  return !session.user.disabled && session.expiresAt > now && session.lastSeenAt + idleMs > now;
}

/** The session cookie's attributes (without maxAge), shared by setting and clearing it. */
export const SESSION_COOKIE_OPTIONS = (req: Request) =>
  ({ httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' }) as const;

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
    if (host !== req.headers.host)
      throw new AppError(403, 'bad_origin', 'This request came from another site (Origin does not match)');
  }
  // Signing in has no session yet; signing out without one only clears a stale cookie: nothing to protect.
  if (req.path === '/session' && (req.method === 'POST' || (req.method === 'DELETE' && !req.session)))
    return next();
  const token = req.headers['x-csrf-token'];
  const expected = req.session?.csrfToken;
  if (!expected)
    throw new AppError(
      401,
      'unauthenticated',
      'Sign in first: POST /api/session with your user name and password',
    );
  if (
    typeof token !== 'string' ||
    token.length !== expected.length ||
    !timingSafeEqual(Buffer.from(token), Buffer.from(expected))
  ) {
    throw new AppError(
      403,
      'csrf',
      'Missing or wrong X-CSRF-Token header: take the token from GET /api/session',
    );
  }
  next();
}
