import { USERS_ACCESS } from '@callboard/contracts';
import { Router } from 'express';
import { requirePermission, sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';

/** The accounts, for admins (names, roles, disabled); changes go through the `user` CLI. */
export function usersRouter({ state }: AppDeps): Router {
  const router = Router();
  router.get('/users', requirePermission('users:manage'), async (req, res) => {
    sendFor(req, res, USERS_ACCESS, { users: await state.listUsers() });
  });
  return router;
}
