import { once } from 'node:events';
import {
  DEFAULT_SORT,
  exportQuerySchema,
  MONEY_COLUMN_IDS,
  RECORD_COLUMN_IDS,
  type RecordColumnId,
} from '@callboard/contracts';
import { Router } from 'express';
import type { AppDeps } from '../../app.js';
import { assertColumnsAllowed, canSeeMoney, requirePermission } from '../../auth/policy.js';
import { csvFileName, csvHeader } from '../csv.js';
import { resolve } from '../filters.js';
import { parseQuery } from '../validate.js';

export function exportRouter({ store, state, config, logger }: AppDeps): Router {
  const router = Router();

  // Streams every matching row; memory stays flat because batches are written as the store produces them
  // and the next batch waits for the socket to drain.
  router.get('/export.csv', requirePermission('export'), async (req, res) => {
    const query = parseQuery(exportQuerySchema, req);
    const filters = resolve(query, config.defaultTimeZone);
    const sort = query.sort ?? DEFAULT_SORT;
    assertColumnsAllowed(req, [sort.field], 'sort');
    if (query.columns) assertColumnsAllowed(req, query.columns, 'columns');
    const columns: RecordColumnId[] =
      query.columns ?? RECORD_COLUMN_IDS.filter((id) => canSeeMoney(req) || !MONEY_COLUMN_IDS.includes(id));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csvFileName(filters)}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.write(`\uFEFF${csvHeader(columns, filters.tz)}\r\n`);
    let rows = 0;
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    for await (const chunk of store.exportCsv(filters, sort, columns)) {
      rows += chunk.rows;
      if (abort.signal.aborted) break;
      if (!res.write(chunk.text)) await once(res, 'drain', { signal: abort.signal }).catch(() => undefined);
    }
    res.end();
    await state.audit({ username: req.user?.username ?? null, action: 'export', detail: { filters: req.query, rows, columns }, ip: req.ip ?? null });
    logger.info({ rows, requestId: req.id }, 'csv export');
  });

  return router;
}
