import { z } from 'zod';

export const ROLES = ['admin', 'finance', 'support'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * What each role may do. The BFF enforces this on every endpoint; the SPA reads the same table only to
 * hide what the server would refuse anyway.
 */
export const ROLE_PERMISSIONS = {
  admin: ['records:read', 'money:read', 'export', 'sync:start', 'users:manage', 'audit:read'],
  finance: ['records:read', 'money:read', 'export'],
  support: ['records:read', 'export'],
} as const satisfies Record<Role, readonly string[]>;
export type Permission = (typeof ROLE_PERMISSIONS)[Role][number];

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
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
  demoAccounts: z.array(z.object({ username: z.string(), password: z.string(), role: roleSchema })).nullable(),
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
