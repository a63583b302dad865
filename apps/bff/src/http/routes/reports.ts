// Scheduled reports and their runs: schedule a saved view, change or delete the schedule, run it now, list the
// runs and download a run's file. A report is usable by whoever may open its view (a money view never by a role
// without spend); its creator or an admin may change it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  can,
  describeSchedule,
  parseInstantOrDate,
  REPORT_RESPONSE_ACCESS,
  REPORT_RUN_RESPONSE_ACCESS,
  REPORT_RUNS_ACCESS,
  REPORTS_ACCESS,
  type Report,
  type ReportRun,
  reportInputSchema,
  reportPatchSchema,
  reportRunsQuerySchema,
  viewMoneyParts,
} from '@callboard/contracts';
import { type Request, Router } from 'express';
import { requirePermission, sendFor } from '../../auth/policy.js';
import { snapshotOf } from '../../reports/report-runner.js';
import { MAX_REPORTS, type StoredReport, type StoredRun } from '../../reports/report-store.js';
import type { StoredView } from '../../reports/view-store.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { parseBody, parseQuery } from '../validate.js';
import { assertViewAllowed, idParam, mayEdit } from './views.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const seesMoney = (req: Request) => req.user !== undefined && can(req.user.role, 'money:read');

/** May the caller see this run (and download its file)? Its view was theirs or shared, and money only for spend roles. */
const mayReadRun = (req: Request, run: StoredRun) =>
  (!run.usesMoney || seesMoney(req)) && (run.shared || mayEdit(req, run.owner));

export function runOut(run: StoredRun): ReportRun {
  return {
    id: run.id,
    reportId: run.reportId,
    viewName: run.viewName,
    trigger: run.trigger,
    dueAt: iso(run.dueAt)!,
    state: run.state,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    exportQuery: run.exportQuery,
    rows: run.rows,
    bytes: run.bytes,
    fileName: run.fileName,
    available: run.file !== null,
    missing: run.missing,
    totals: run.totals,
    comparison: run.comparison,
    error: run.error,
    triggeredBy: run.triggeredBy,
  };
}

export function reportsRouter({ reporting, alerting, state, config, now }: AppDeps): Router {
  const router = Router();
  const { reports, views, runner } = reporting;
  router.use(['/reports', '/report-runs'], requirePermission('export'));

  const audit = (req: Request, action: string, detail: Record<string, unknown>) =>
    state.audit({ username: req.user?.username ?? null, action, detail, ip: req.ip ?? null });

  /** The view a report may be made from or read through: visible to the caller, and allowed for the role. */
  const usableView = async (req: Request, viewId: number, doing: string) => {
    const view = await views.get(viewId);
    if (!view || !(view.shared || mayEdit(req, view.owner)))
      throw new AppError(404, 'not_found', `No saved view ${viewId}: save the view first, then schedule it`, {
        param: 'viewId',
      });
    assertViewAllowed(req, view.page, view.params, doing);
    return view;
  };

  const reportOut = (
    req: Request,
    report: StoredReport,
    view: StoredView,
    last: StoredRun | undefined,
  ): Report => ({
    id: report.id,
    viewId: report.viewId,
    viewName: view.name,
    viewPath: `/views/${view.id}`,
    schedule: report.schedule,
    scheduleText: describeSchedule(report.schedule),
    webhookId: report.webhookId,
    keepRuns: report.keepRuns,
    enabled: report.enabled,
    nextRunAt: iso(report.nextRunAt),
    createdBy: report.createdBy,
    editable: mayEdit(req, report.createdBy),
    createdAt: iso(report.createdAt)!,
    updatedAt: iso(report.updatedAt)!,
    lastRun: last && mayReadRun(req, last) ? runOut(last) : null,
  });

  /** The report and its view, if the caller may use it (else 404: reports of views one cannot see do not exist). */
  const find = async (req: Request) => {
    const report = await reports.get(idParam(req, 'report'));
    const view = report ? await views.get(report.viewId) : null;
    const visible =
      report && view && (view.shared || mayEdit(req, view.owner) || mayEdit(req, report.createdBy));
    if (!report || !view || !visible)
      throw new AppError(404, 'not_found', `No report ${req.params.id}`, { param: 'id' });
    assertViewAllowed(req, view.page, view.params, 'run or read');
    return { report, view };
  };
  const editable = (req: Request, report: StoredReport) => {
    if (!mayEdit(req, report.createdBy))
      throw new AppError(
        403,
        'forbidden',
        `Only ${report.createdBy ?? 'its creator'} or an admin may change this report`,
      );
  };

  /** A webhook a report may deliver to: one the caller's role may manage, receiving spend when the view shows money. */
  const assertWebhook = async (req: Request, webhookId: number | null | undefined, view: StoredView) => {
    if (webhookId === null || webhookId === undefined) return;
    const webhook = await alerting.webhooks.get(webhookId);
    const roleKinds: string[] = seesMoney(req) ? ['spend', 'quality'] : ['quality'];
    if (!webhook?.kinds.every((k) => roleKinds.includes(k)))
      throw new AppError(400, 'invalid_parameter', `webhookId: no webhook ${webhookId} you may use`, {
        param: 'webhookId',
      });
    if (viewMoneyParts(view.page, view.params).length > 0 && !webhook!.kinds.includes('spend'))
      throw new AppError(
        400,
        'invalid_parameter',
        `webhookId: the view shows money, and "${webhook!.name}" does not receive spend alerts: choose a webhook that does`,
        { param: 'webhookId' },
      );
  };

  router.get('/reports', async (req, res) => {
    const [all, last] = await Promise.all([reports.list(), reports.lastRuns()]);
    const out: Report[] = [];
    for (const report of all) {
      const view = await views.get(report.viewId);
      if (!view || !(view.shared || mayEdit(req, view.owner) || mayEdit(req, report.createdBy))) continue;
      if (viewMoneyParts(view.page, view.params).length > 0 && !seesMoney(req)) continue;
      out.push(reportOut(req, report, view, last.get(report.id)));
    }
    sendFor(req, res, REPORTS_ACCESS, { reports: out });
  });

  router.post('/reports', async (req, res) => {
    const input = parseBody(reportInputSchema, req.body);
    const view = await usableView(req, input.viewId, 'scheduled');
    await assertWebhook(req, input.webhookId, view);
    if ((await reports.count()) >= MAX_REPORTS)
      throw new AppError(
        409,
        'too_many_reports',
        `There are ${MAX_REPORTS} reports, the most Callboard keeps: delete one first`,
      );
    const id = await reports.create({
      viewId: view.id,
      schedule: input.schedule,
      webhookId: input.webhookId ?? null,
      keepRuns: input.keepRuns ?? 12,
      enabled: input.enabled ?? true,
      createdBy: req.user!.username,
      now: now(),
    });
    await audit(req, 'report-create', { id, view: view.name, schedule: describeSchedule(input.schedule) });
    sendFor(
      req,
      res,
      REPORT_RESPONSE_ACCESS,
      { report: reportOut(req, (await reports.get(id))!, view, undefined) },
      201,
    );
  });

  router.patch('/reports/:id', async (req, res) => {
    const { report, view } = await find(req);
    editable(req, report);
    const patch = parseBody(reportPatchSchema, req.body);
    await assertWebhook(req, patch.webhookId, view);
    await reports.update(report.id, patch, now());
    await audit(req, 'report-update', { id: report.id, view: view.name, fields: Object.keys(patch) });
    const last = (await reports.lastRuns()).get(report.id);
    sendFor(req, res, REPORT_RESPONSE_ACCESS, {
      report: reportOut(req, (await reports.get(report.id))!, view, last),
    });
  });

  router.delete('/reports/:id', async (req, res) => {
    const { report, view } = await find(req);
    editable(req, report);
    await reports.delete(report.id);
    await audit(req, 'report-delete', { id: report.id, view: view.name });
    res.status(204).end();
  });

  router.post('/reports/:id/run', async (req, res) => {
    const { report, view } = await find(req);
    const id = await reports.queueManual(report.id, now(), req.user!.username, snapshotOf(view));
    await audit(req, 'report-trigger', { id: report.id, view: view.name, run: id });
    runner.kick();
    sendFor(req, res, REPORT_RUN_RESPONSE_ACCESS, { run: runOut((await reports.run(id))!) }, 202);
  });

  router.get('/report-runs', async (req, res) => {
    const query = parseQuery(reportRunsQuerySchema, req);
    const runs = await reports.runs({
      ...(query.reportId === undefined ? {} : { reportId: query.reportId }),
      ...(query.before === undefined
        ? {}
        : { before: parseInstantOrDate(query.before, config.defaultTimeZone) }),
      limit: query.limit ?? 50,
    });
    sendFor(req, res, REPORT_RUNS_ACCESS, { runs: runs.filter((r) => mayReadRun(req, r)).map(runOut) });
  });

  router.get('/report-runs/:id/file', async (req, res) => {
    const run = await reports.run(idParam(req, 'report run'));
    if (!run || !mayReadRun(req, run))
      throw new AppError(404, 'not_found', `No report run ${req.params.id}`, { param: 'id' });
    if (!run.file || !run.fileName)
      throw new AppError(
        410,
        'file_gone',
        run.state === 'pending' || run.state === 'running'
          ? 'This run has not finished yet: try again in a moment'
          : 'This run has no file (it failed, or retention removed it): run the report again',
      );
    const file = path.join(config.dataDir, run.file);
    const size = (await stat(file).catch(() => null))?.size;
    if (size === undefined)
      throw new AppError(
        410,
        'file_gone',
        'The file is no longer in the data directory: run the report again',
      );
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${run.fileName}"`);
    res.setHeader('Content-Length', String(size));
    res.setHeader('Cache-Control', 'no-store');
    await audit(req, 'report-download', { run: run.id, report: run.reportId, view: run.viewName });
    await pipeline(createReadStream(file), res);
  });

  return router;
}
