// Role rules as data (contracts' ROLE_PERMISSIONS), applied here: one middleware per router, and one
// function that strips money from anything a role without `money:read` would receive.
import { can, MONEY_COLUMN_IDS, type Permission, type RecordColumnId } from '@callboard/contracts';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../http/app-error.js';

export function requirePermission(permission: Permission) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) throw new AppError(401, 'unauthenticated', 'Sign in first: POST /api/session with your user name and password');
    if (!can(req.user.role, permission)) {
      throw new AppError(403, 'forbidden', `Your role (${req.user.role}) may not do this (${permission})`);
    }
    next();
  };
}

export const canSeeMoney = (req: Request) => req.user !== undefined && can(req.user.role, 'money:read');

const MONEY_FIELDS = new Set<string>(MONEY_COLUMN_IDS);

/** Record rows and details without cost, rate, baseCost, settle* and quoteExchange. */
export function withoutMoney<T extends object>(row: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!MONEY_FIELDS.has(key)) copy[key] = value;
  return copy as T;
}

/** A summary with every money figure removed, from totals, operators, days and billing rows alike. */
export function summaryWithoutMoney<T extends Record<string, unknown>>(summary: T): T {
  const drop = (list: unknown, keys: string[]) =>
    (list as Array<Record<string, unknown>>).map((item) =>
      Object.fromEntries(Object.entries(item).filter(([key]) => !keys.includes(key))),
    );
  return {
    ...summary,
    currencies: drop(summary.currencies, ['cost', 'baseCostUsd', 'settlePay', 'overheadCost']),
    byCode: drop(summary.byCode, ['cost']),
    byDay: drop(summary.byDay, ['cost']),
    byBillPeriod: drop(summary.byBillPeriod, ['overheadCost']),
  };
}

/** A role without money may neither export nor sort by a money column (order alone would leak it). */
export function assertColumnsAllowed(req: Request, columns: readonly RecordColumnId[], param: string): void {
  if (canSeeMoney(req)) return;
  const money = columns.filter((c) => MONEY_FIELDS.has(c));
  if (money.length > 0) {
    throw new AppError(403, 'forbidden', `${param}: your role (${req.user?.role}) may not see money columns (${money.join(', ')})`, {
      param,
    });
  }
}
