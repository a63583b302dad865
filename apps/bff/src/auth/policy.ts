// Role rules as data (contracts' ROLE_PERMISSIONS and access.ts), applied here: one middleware per route
// that needs a permission, and one way out for every JSON body: `sendFor` keeps only the fields the caller's
// role may see, by the response's classification in contracts (an allow-list: unclassified fields never leave).
import {
  type AccessTree,
  can,
  MONEY_COLUMN_IDS,
  type Permission,
  type RecordColumnId,
  redactForRole,
} from '@callboard/contracts';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../http/app-error.js';

export function requirePermission(permission: Permission) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user)
      throw new AppError(
        401,
        'unauthenticated',
        'Sign in first: POST /api/session with your user name and password',
      );
    if (!can(req.user.role, permission)) {
      throw new AppError(403, 'forbidden', `Your role (${req.user.role}) may not do this (${permission})`);
    }
    next();
  };
}

export const canSeeMoney = (req: Request) => req.user !== undefined && can(req.user.role, 'money:read');

/** `body` as the signed-in role may see it (someone signed out gets what the most restricted role gets). */
export function viewFor<T>(req: Request, tree: AccessTree<T>, body: T): T {
  return redactForRole(body, tree, req.user?.role ?? 'support');
}

/** Sends `body` as JSON, redacted for the caller's role by its classification. */
export function sendFor<T>(req: Request, res: Response, tree: AccessTree<T>, body: T, status = 200): void {
  res.status(status).json(viewFor(req, tree, body));
}

const MONEY_FIELDS = new Set<string>(MONEY_COLUMN_IDS);

/** A role without money may neither export nor sort by a money column (order alone would leak it). */
export function assertColumnsAllowed(req: Request, columns: readonly RecordColumnId[], param: string): void {
  if (canSeeMoney(req)) return;
  const money = columns.filter((c) => MONEY_FIELDS.has(c));
  if (money.length > 0) {
    throw new AppError(
      403,
      'forbidden',
      `${param}: your role (${req.user?.role}) may not see money columns (${money.join(', ')})`,
      {
        param,
      },
    );
  }
}
