import { Router } from 'express';
import type { AppDeps } from '../../app.js';
import { requirePermission } from '../../auth/policy.js';

/** The accounts, for admins (names, roles, disabled); changes go through the `user` CLI. */
export function usersRouter({ state }: AppDeps): Router {
  const router = Router();
  router.get('/users', requirePermission('users:manage'), async (_req, res) => {
    res.json({ users: await state.listUsers() });
  });
  return router;
}
