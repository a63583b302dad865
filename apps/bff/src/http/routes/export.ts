import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  CSV_BOM,
  DEFAULT_SORT,
  exportFileName,
  exportQuerySchema,
  exportSources,
  MONEY_COLUMN_IDS,
  RECORD_COLUMN_IDS,
  type RecordColumnId,
  recordCsvColumns,
  recordCsvHeader,
} from '@callboard/contracts';
import { type Request, type Response, Router } from 'express';
import { assertColumnsAllowed, canSeeMoney, requirePermission } from '../../auth/policy.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { coverageFor, resolve } from '../filters.js';
import { Slots, SlotsBusyError } from '../slots.js';
import { parseQuery } from '../validate.js';

/**
 * Exports running at once on this replica (each holds a store connection for as long as it takes); more wait
 * up to 15 s for a slot, then get a 429 with Retry-After.
 */
const MAX_EXPORTS = 2;
const EXPORT_SLOT_LIMITS = { maxWaiting: 50, maxWaitMs: 15_000 };

export function exportRouter({ store, state, sync, config, logger, now, metrics }: AppDeps): Router {
  const router = Router();
  const slots = new Slots(MAX_EXPORTS, EXPORT_SLOT_LIMITS);

  /** The checks every export shares: filters, sort and columns the role may use, coverage, the concurrency cap. */
  const prepare = async (req: Request, res: Response) => {
    const query = parseQuery(exportQuerySchema, req);
    const sort = query.sort ?? DEFAULT_SORT;
    assertColumnsAllowed(req, [sort.field], 'sort');
    if (query.columns) assertColumnsAllowed(req, query.columns, 'columns');
    const filters = await resolve(query, { config, store, now });
    await coverageFor(filters, store, sync);
    const release = await slots.acquire().catch((error: unknown) => {
      if (!(error instanceof SlotsBusyError)) throw error;
      res.setHeader('Retry-After', '10');
      throw new AppError(
        429,
        'exports_busy',
        `too many exports are running right now (${error.message}); try again in a few seconds`,
      );
    });
    const columns: RecordColumnId[] =
      query.columns ?? RECORD_COLUMN_IDS.filter((id) => canSeeMoney(req) || !MONEY_COLUMN_IDS.includes(id));
    return { filters, sort, columns, csvColumns: recordCsvColumns(columns, filters.tz), release };
  };

  const audit = (req: Request, format: 'csv' | 'parquet', rows: number, columns: RecordColumnId[]) =>
    state.audit({
      username: req.user?.username ?? null,
      action: 'export',
      detail: { format, filters: req.query, rows, columns },
      ip: req.ip ?? null,
    });

  // Streams every matching row; memory stays flat because batches are written as the store produces them
  // and the next batch waits for the socket to drain.
  router.get('/export.csv', requirePermission('export'), async (req, res) => {
    const { filters, sort, columns, csvColumns, release } = await prepare(req, res);
    try {
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
      await audit(req, 'csv', rows, columns);
      logger.info({ rows, requestId: req.id }, 'csv export');
    } finally {
      release();
    }
  });

  // The same rows and columns as the CSV, typed, as Parquet: DuckDB writes the file (it cannot write Parquet
  // to a socket), then it is streamed and removed. The range cap bounds its size.
  router.get('/export.parquet', requirePermission('export'), async (req, res) => {
    const { filters, sort, columns, csvColumns, release } = await prepare(req, res);
    let dir: string | undefined;
    try {
      dir = await mkdtemp(path.join(config.dataDir, 'export-'));
      const file = path.join(dir, 'calls.parquet');
      const rows = await store.exportParquet(filters, sort, exportSources(csvColumns), file);
      res.setHeader('Content-Type', 'application/vnd.apache.parquet');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${exportFileName('calls', filters, 'parquet')}"`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Length', String((await stat(file)).size));
      await pipeline(createReadStream(file), res);
      metrics.exportRows.inc(rows);
      await audit(req, 'parquet', rows, columns);
      logger.info({ rows, requestId: req.id }, 'parquet export');
    } finally {
      release();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  });

  return router;
}
