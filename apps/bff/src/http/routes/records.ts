import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_SORT,
  RECORD_DETAIL_ACCESS,
  RECORDS_RESPONSE_ACCESS,
  recordsQuerySchema,
} from '@callboard/contracts';
import { Router } from 'express';
import { assertColumnsAllowed, requirePermission, sendFor } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { coverageFor, resolve } from '../filters.js';
import type { QueryCache } from '../query-cache.js';
import { parseQuery } from '../validate.js';

export function recordsRouter({ store, sync, config, now }: AppDeps, cache: QueryCache): Router {
  const router = Router();
  router.use(['/records', '/records/:voiceId'], requirePermission('records:read'));

  router.get('/records', async (req, res) => {
    const query = parseQuery(recordsQuerySchema, req);
    const sort = query.sort ?? DEFAULT_SORT;
    assertColumnsAllowed(req, [sort.field], 'sort');
    const filters = await resolve(query, { config, store, now });
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const coverage = await coverageFor(filters, store, sync);
    const result = await cache.get(req, ['records', filters, sort, page, pageSize], () =>
      store.queryRecords(filters, sort, page, pageSize),
    );
    sendFor(req, res, RECORDS_RESPONSE_ACCESS, {
      rows: result.rows,
      total: result.total,
      page,
      pageSize,
      coverage,
    });
  });

  router.get('/records/:voiceId', async (req, res) => {
    const voiceId = req.params.voiceId;
    if (!/^[\w.-]{1,64}$/.test(voiceId)) {
      throw new AppError(
        400,
        'invalid_parameter',
        'voiceId: letters, digits, dot, dash or underscore, at most 64',
        { param: 'voiceId' },
      );
    }
    if (Object.keys(req.query).length > 0) {
      throw new AppError(400, 'invalid_parameter', `unknown parameters ${Object.keys(req.query).join(', ')}`);
    }
    const record = await store.getRecord(voiceId);
    if (!record)
      throw new AppError(404, 'not_found', `No call record with voiceId ${voiceId} in the store`, {
        param: 'voiceId',
      });
    sendFor(req, res, RECORD_DETAIL_ACCESS, record);
  });

  return router;
}
