import { once } from 'node:events';
import {
  CSV_BOM,
  DEFAULT_SORT,
  exportFileName,
  exportQuerySchema,
  MONEY_COLUMN_IDS,
  RECORD_COLUMN_IDS,
  type RecordColumnId,
  recordCsvColumns,
  recordCsvHeader,
} from '@callboard/contracts';
import { Router } from 'express';
import type { AppDeps } from '../app-deps.js';
import { assertColumnsAllowed, canSeeMoney, requirePermission } from '../../auth/policy.js';
import { AppError } from '../app-error.js';
import { coverageFor, resolve } from '../filters.js';
import { parseQuery } from '../validate.js';

/** Exports streaming at once on this replica: each holds a store connection for as long as it downloads. */
const MAX_EXPORTS = 2;

export function exportRouter({ store, state, sync, config, logger, now, metrics }: AppDeps): Router {
  const router = Router();
  let running = 0;

  // Streams every matching row; memory stays flat because batches are written as the store produces them
  // and the next batch waits for the socket to drain.
  router.get('/export.csv', requirePermission('export'), async (req, res) => {
    const query = parseQuery(exportQuerySchema, req);
    const sort = query.sort ?? DEFAULT_SORT;
    assertColumnsAllowed(req, [sort.field], 'sort');
    if (query.columns) assertColumnsAllowed(req, query.columns, 'columns');
    const filters = await resolve(query, { config, store, now });
    await coverageFor(filters, store, sync);
    if (running >= MAX_EXPORTS) {
      res.setHeader('Retry-After', '10');
      throw new AppError(429, 'exports_busy', `${running} exports are downloading right now; try again in a few seconds`);
    }
    running++;
    try {
      const columns: RecordColumnId[] =
        query.columns ?? RECORD_COLUMN_IDS.filter((id) => canSeeMoney(req) || !MONEY_COLUMN_IDS.includes(id));
      const csvColumns = recordCsvColumns(columns, filters.tz);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${exportFileName('calls', filters)}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.write(CSV_BOM + recordCsvHeader(csvColumns));
      let rows = 0;
      const abort = new AbortController();
      req.on('close', () => abort.abort());
      for await (const chunk of store.exportCsv(filters, sort, csvColumns)) {
        rows += chunk.rows;
        if (abort.signal.aborted) break;
        if (!res.write(chunk.text)) await once(res, 'drain', { signal: abort.signal }).catch(() => undefined);
      }
      res.end();
      metrics.exportRows.inc(rows);
      await state.audit({ username: req.user?.username ?? null, action: 'export', detail: { filters: req.query, rows, columns }, ip: req.ip ?? null });
      logger.info({ rows, requestId: req.id }, 'csv export');
    } finally {
      running--;
    }
  });

  return router;
}
