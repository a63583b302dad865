import { z } from 'zod';
import { MAX_PAGE_SIZE, MAX_REPEATED, single, timeText, timeZoneSchema } from './filters.js';
import { recordColumnIdSchema } from './records.js';

export const ROLES = ['admin', 'finance', 'support'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * What each role may do. The BFF enforces this on every endpoint; the SPA reads the same table only to
 * hide what the server would refuse anyway.
 */
export const ROLE_PERMISSIONS = {
  admin: [
    'records:read',
    'money:read',
    'export',
    'sync:start',
    'users:manage',
    'audit:read',
    'alerts:spend',
    'alerts:quality',
    'alerts:manage-spend',
    'alerts:manage-quality',
    'webhooks:manage',
  ],
  finance: [
    'records:read',
    'money:read',
    'export',
    'alerts:spend',
    'alerts:quality',
    'alerts:manage-spend',
    'webhooks:manage',
  ],
  support: ['records:read', 'export', 'alerts:quality', 'alerts:manage-quality', 'webhooks:manage'],
} as const satisfies Record<Role, readonly string[]>;
export type Permission = (typeof ROLE_PERMISSIONS)[Role][number];

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
}

/**
 * The alert kinds a role sees (`read`: rules, state, history, webhook payloads) or manages (`manage`: rules,
 * budgets, and webhooks receiving that kind). An allow-list: a kind not granted here is invisible.
 */
export function alertKindsFor(role: Role, access: 'read' | 'manage'): Array<'spend' | 'quality'> {
  const kinds: Array<'spend' | 'quality'> = [];
  if (can(role, access === 'read' ? 'alerts:spend' : 'alerts:manage-spend')) kinds.push('spend');
  if (can(role, access === 'read' ? 'alerts:quality' : 'alerts:manage-quality')) kinds.push('quality');
  return kinds;
}

export const signInRequestSchema = z.strictObject({
  username: z.string().min(1, 'your user name').max(64),
  password: z.string().min(1, 'your password').max(256),
});

export const sessionUserSchema = z.object({ username: z.string(), role: roleSchema });

export const sessionResponseSchema = z.object({
  user: sessionUserSchema.nullable(),
  /** Send back as X-CSRF-Token on every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string().nullable(),
  permissions: z.array(z.string()),
  /** Demo mode only: the seeded accounts, shown on the sign-in page. */
  demoAccounts: z
    .array(z.object({ username: z.string(), password: z.string(), role: roleSchema }))
    .nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const auditEntrySchema = z.object({
  at: z.string(),
  username: z.string().nullable(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Every action the audit log records. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'export',
  'visible-export',
  'sync-start',
  'user-add',
  'user-reset',
  'user-disable',
  'user-enable',
  'alert-rule-create',
  'alert-rule-update',
  'alert-rule-delete',
  'webhook-create',
  'webhook-update',
  'webhook-delete',
  'webhook-test',
  'webhook-delivery',
  'demo-degrade',
  'view-create',
  'view-update',
  'view-delete',
  'report-create',
  'report-update',
  'report-delete',
  'report-trigger',
  'report-run',
  'report-download',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `GET /api/audit`: newest first, filtered by user, action and time (dates in `tz`), paged back with `before`. */
export const auditQuerySchema = z.strictObject({
  username: single(z.string().min(1).max(64)),
  action: single(z.enum(AUDIT_ACTIONS, { message: `one of ${AUDIT_ACTIONS.join(', ')}` })),
  from: single(timeText),
  to: single(timeText),
  before: single(timeText),
  tz: single(timeZoneSchema),
  limit: single(z.coerce.number().int().min(1, 'from 1 to 500').max(500, 'from 1 to 500')),
});

/** The audit query resolved to instants (epoch ms). */
export interface AuditQuery {
  username?: string;
  action?: string;
  from?: number;
  to?: number;
  before?: number;
}

export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditResponse = z.infer<typeof auditResponseSchema>;

export const usersResponseSchema = z.object({
  users: z.array(
    z.object({ id: z.number().int(), username: z.string(), role: roleSchema, disabled: z.boolean() }),
  ),
});
export type UsersResponse = z.infer<typeof usersResponseSchema>;

/** `POST /api/audit/visible-export`: the browser wrote the table on screen to a file; the log says so. */
export const visibleExportSchema = z.strictObject({
  rows: z.number().int().min(0).max(MAX_PAGE_SIZE),
  columns: z.array(recordColumnIdSchema).max(60),
  filters: z
    .record(
      z.string().max(40),
      z.union([z.string().max(200), z.array(z.string().max(200)).max(MAX_REPEATED)]),
    )
    .refine((f) => Object.keys(f).length <= 30, 'at most 30 filter parameters'),
});
export type VisibleExport = z.infer<typeof visibleExportSchema>;
