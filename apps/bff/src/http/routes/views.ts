// Saved views: list (own and shared), save, open, rename/update/share, delete. The role check runs on save and
// on open: a view showing money (the spend page, a money column or sort) is refused for a role without spend,
// with a message that says what in the view needs it.
import {
  can,
  SAVED_VIEW_RESPONSE_ACCESS,
  SAVED_VIEWS_ACCESS,
  type SavedView,
  savedViewInputSchema,
  savedViewPatchSchema,
  type ViewPage,
  type ViewParams,
  viewMoneyParts,
  viewParamsOut,
  viewRangeOrdered,
} from '@callboard/contracts';
import { type Request, Router } from 'express';
import { requirePermission, sendFor } from '../../auth/policy.js';
import { MAX_VIEWS_PER_USER, type StoredView } from '../../reports/view-store.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { parseBody } from '../validate.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const mayEdit = (req: Request, owner: string | null) =>
  req.user?.role === 'admin' || owner === req.user?.username;
const mayList = (req: Request, view: StoredView) => view.shared || mayEdit(req, view.owner);

/** A 403 naming what in the view needs money, when the caller's role has none. */
export function assertViewAllowed(req: Request, page: ViewPage, params: ViewParams, doing: string): void {
  const parts = viewMoneyParts(page, params);
  if (parts.length === 0 || (req.user && can(req.user.role, 'money:read'))) return;
  throw new AppError(
    403,
    'forbidden',
    `This view shows ${parts.join(' and ')}, which your role (${req.user?.role}) may not see, so it cannot be ${doing}. Choose the records or outcomes page without money columns.`,
    { param: parts[0] === 'the spend page' ? 'page' : 'params' },
  );
}

export function idParam(req: Request, what: string): number {
  if (!/^\d{1,12}$/.test(String(req.params.id)) || Number(req.params.id) < 1) {
    throw new AppError(400, 'invalid_parameter', `id: a ${what} id`, { param: 'id' });
  }
  return Number(req.params.id);
}

export function savedViewOut(req: Request, view: StoredView): SavedView {
  const usesMoney = viewMoneyParts(view.page, view.params).length > 0;
  return {
    id: view.id,
    name: view.name,
    page: view.page,
    params: viewParamsOut(view.params),
    shared: view.shared,
    owner: view.owner,
    usesMoney,
    usable: !usesMoney || (req.user !== undefined && can(req.user.role, 'money:read')),
    editable: mayEdit(req, view.owner),
    path: `/views/${view.id}`,
    createdAt: iso(view.createdAt),
    updatedAt: iso(view.updatedAt),
  };
}

export function viewsRouter({ reporting, state, config, now }: AppDeps): Router {
  const router = Router();
  const { views } = reporting;
  router.use('/views', requirePermission('records:read'));

  const audit = (req: Request, action: string, detail: Record<string, unknown>) =>
    state.audit({ username: req.user?.username ?? null, action, detail, ip: req.ip ?? null });

  /** The view, if the caller may see it listed (others' private views are a 404, not a 403). */
  const find = async (req: Request) => {
    const view = await views.get(idParam(req, 'saved view'));
    if (!view || !mayList(req, view))
      throw new AppError(404, 'not_found', `No saved view ${req.params.id}`, { param: 'id' });
    return view;
  };
  const editable = (req: Request, view: StoredView) => {
    if (!mayEdit(req, view.owner))
      throw new AppError(
        403,
        'forbidden',
        `Only ${view.owner ?? 'its owner'} or an admin may change the view "${view.name}": save a copy under your own name instead`,
      );
  };
  const assertRange = (params: ViewParams) => {
    if (!viewRangeOrdered(params, config.defaultTimeZone))
      throw new AppError(400, 'invalid_parameter', 'params.to: the end must be after the start', {
        param: 'params.to',
      });
  };

  router.get('/views', async (req, res) => {
    const list = await views.visibleTo(req.user!.username, false);
    sendFor(req, res, SAVED_VIEWS_ACCESS, { views: list.map((v) => savedViewOut(req, v)) });
  });

  router.post('/views', async (req, res) => {
    const input = parseBody(savedViewInputSchema, req.body);
    assertRange(input.params);
    assertViewAllowed(req, input.page, input.params, 'saved');
    if ((await views.countOwnedBy(req.user!.username)) >= MAX_VIEWS_PER_USER)
      throw new AppError(
        409,
        'too_many_views',
        `You have ${MAX_VIEWS_PER_USER} saved views, the most one person may keep: delete one first`,
      );
    const id = await views.create({
      name: input.name,
      page: input.page,
      params: input.params,
      shared: input.shared ?? false,
      owner: req.user!.username,
      now: now(),
    });
    await audit(req, 'view-create', {
      id,
      name: input.name,
      page: input.page,
      shared: input.shared ?? false,
    });
    sendFor(req, res, SAVED_VIEW_RESPONSE_ACCESS, { view: savedViewOut(req, (await views.get(id))!) }, 201);
  });

  router.get('/views/:id', async (req, res) => {
    const view = await find(req);
    assertViewAllowed(req, view.page, view.params, 'opened');
    sendFor(req, res, SAVED_VIEW_RESPONSE_ACCESS, { view: savedViewOut(req, view) });
  });

  router.patch('/views/:id', async (req, res) => {
    const view = await find(req);
    editable(req, view);
    const patch = parseBody(savedViewPatchSchema, req.body);
    const params = patch.params ?? view.params;
    assertRange(params);
    assertViewAllowed(req, patch.page ?? view.page, params, 'saved');
    await views.update(view.id, patch, now());
    await audit(req, 'view-update', {
      id: view.id,
      name: patch.name ?? view.name,
      fields: Object.keys(patch),
    });
    sendFor(req, res, SAVED_VIEW_RESPONSE_ACCESS, { view: savedViewOut(req, (await views.get(view.id))!) });
  });

  router.delete('/views/:id', async (req, res) => {
    const view = await find(req);
    editable(req, view);
    await views.delete(view.id);
    await audit(req, 'view-delete', { id: view.id, name: view.name });
    res.status(204).end();
  });

  return router;
}
