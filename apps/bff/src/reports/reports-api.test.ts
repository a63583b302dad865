// Saved views, scheduled reports and period comparison through the HTTP API of a real server (simulator over
// HTTP, DuckDB and SQLite files in a temp dir, one fixed clock): role rules on save and on open, a report run's
// file compared row for row and byte for byte with /api/export.csv for the same query, the incomplete mark,
// retention, and exactly-once across a restart.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type {
  CompareResponse,
  ReportResponse,
  ReportRunResponse,
  ReportRunsResponse,
  ReportsResponse,
  SavedViewResponse,
  SavedViewsResponse,
  SummaryResponse,
} from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../test-support/csv-parse.js';
import { FIXED_NOW, type Harness, startHarness } from '../test-support/harness.js';
import { BFF_DIR } from '../test-support/processes.js';
import { snapshotOf } from './report-runner.js';

const run = promisify(execFile);
let h: Harness;
const DAY = 86_400_000;
/** "Last month" at FIXED_NOW (2026-11-20) in London: October 2026, which ends in GMT after starting in BST. */
const OCTOBER = { from: Date.parse('2026-09-30T23:00:00Z'), to: Date.parse('2026-11-01T00:00:00Z') };

const LAST_MONTH_EUR = {
  name: 'Last month, EUR, by operator',
  page: 'spend',
  params: { range: 'lastMonth', currency: ['EUR'], tz: 'Europe/London', sort: 'code:asc' },
};

beforeAll(async () => {
  h = await startHarness({
    callsPerDay: 120,
    reports: false,
    env: { CALLBOARD_REPORT_COVERAGE_WAIT_SECONDS: '0' },
  });
  await h.server.sync.request(OCTOBER.from - 2 * DAY, FIXED_NOW, 'manual');
  await h.server.sync.idle();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** Runs what is queued, as the runner does in the background. */
const runQueued = () => h.server.reporting.runner.tick();

describe('saved views', () => {
  it('finance saves, lists, opens, renames, shares and deletes a view', async () => {
    const finance = await h.as('finance');
    const created = await finance.send<SavedViewResponse>('POST', '/api/views', LAST_MONTH_EUR);
    expect(created.status).toBe(201);
    const { view } = created.body;
    expect(view).toMatchObject({
      name: 'Last month, EUR, by operator',
      page: 'spend',
      params: { range: 'lastMonth', currency: ['EUR'], tz: 'Europe/London', sort: 'code:asc' },
      shared: false,
      owner: 'finance-user',
      usesMoney: true,
      usable: true,
      editable: true,
      path: `/views/${view.id}`,
    });
    expect((await finance.get<SavedViewResponse>(`/api/views/${view.id}`)).body.view.name).toBe(view.name);

    const renamed = await finance.send<SavedViewResponse>('PATCH', `/api/views/${view.id}`, {
      name: 'October EUR',
      shared: true,
      params: { ...LAST_MONTH_EUR.params, code: ['44-1'] },
    });
    expect(renamed.body.view).toMatchObject({
      name: 'October EUR',
      shared: true,
      params: { code: ['44-1'] },
    });
    expect((await finance.get<SavedViewsResponse>('/api/views')).body.views.map((v) => v.name)).toContain(
      'October EUR',
    );
    expect((await finance.send('DELETE', `/api/views/${view.id}`)).status).toBe(204);
    expect((await finance.get(`/api/views/${view.id}`)).status).toBe(404);
    const audit = await h.get<{ entries: Array<{ action: string }> }>('/api/audit?limit=50');
    expect(audit.body.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['view-create', 'view-update', 'view-delete']),
    );
  });

  it('refuses money views to support, on save and on open, and says why', async () => {
    const support = await h.as('support');
    const finance = await h.as('finance');
    const spend = await support.send<{ error: { message: string } }>('POST', '/api/views', LAST_MONTH_EUR);
    expect(spend.status).toBe(403);
    expect(spend.body.error.message).toMatch(/shows the spend page.*your role \(support\) may not see/);
    const costColumn = await support.send<{ error: { message: string } }>('POST', '/api/views', {
      name: 'Cost column',
      page: 'records',
      params: { columns: ['submitTime', 'cost'] },
    });
    expect(costColumn.status).toBe(403);
    expect(costColumn.body.error.message).toMatch(/money columns \(cost\)/);

    // A shared money view is listed for support as not usable, and refused on open.
    const shared = await finance.send<SavedViewResponse>('POST', '/api/views', {
      ...LAST_MONTH_EUR,
      shared: true,
    });
    const listed = (await support.get<SavedViewsResponse>('/api/views')).body.views.find(
      (v) => v.id === shared.body.view.id,
    );
    expect(listed).toMatchObject({ usable: false, usesMoney: true, editable: false });
    const opened = await support.get<{ error: { message: string } }>(`/api/views/${shared.body.view.id}`);
    expect(opened.status).toBe(403);
    expect(opened.body.error.message).toMatch(/cannot be opened/);
    // Not theirs: support may not change it; a private one of finance's does not exist for support.
    expect((await support.send('PATCH', `/api/views/${shared.body.view.id}`, { name: 'x' })).status).toBe(
      403,
    );
    const mine = await finance.send<SavedViewResponse>('POST', '/api/views', {
      ...LAST_MONTH_EUR,
      name: 'mine',
    });
    expect((await support.get(`/api/views/${mine.body.view.id}`)).status).toBe(404);

    // Support's own view without money works.
    const outcomes = await support.send<SavedViewResponse>('POST', '/api/views', {
      name: 'Unanswered this month',
      page: 'outcomes',
      params: { range: 'thisMonth', outcome: 'unanswered' },
    });
    expect(outcomes.status).toBe(201);
    expect(outcomes.body.view.usesMoney).toBe(false);
  });

  it('answers bad input with a 400 that names the field', async () => {
    const finance = await h.as('finance');
    const both = await finance.send<{ error: { param: string; message: string } }>('POST', '/api/views', {
      name: 'Both',
      page: 'records',
      params: { range: 'lastMonth', from: '2026-10-01' },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe(
      'params.range: either a relative range or fixed from/to dates, not both',
    );
    const page = await finance.send<{ error: { message: string } }>('POST', '/api/views', {
      name: 'x',
      page: 'nowhere',
      params: {},
    });
    expect(page.body.error.message).toBe('page: one of records, spend, outcomes, callee');
    const reversed = await finance.send<{ error: { message: string } }>('POST', '/api/views', {
      name: 'x',
      page: 'records',
      params: { from: '2026-10-05', to: '2026-10-01' },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toMatch(/end must be after the start/);
  });
});

describe('period comparison', () => {
  it('compares October with September per currency, exactly, from the same figures as the summary', async () => {
    const finance = await h.as('finance');
    const range = 'from=2026-10-01&to=2026-11-01&tz=Europe/London';
    const { comparison } = (await finance.get<CompareResponse>(`/api/compare?${range}`)).body;
    expect(comparison.basis).toBe('month');
    expect(comparison.previous).toEqual({ from: '2026-08-31T23:00:00.000Z', to: '2026-09-30T23:00:00.000Z' });
    const october = (await finance.get<SummaryResponse>(`/api/summary?${range}`)).body;
    const september = (
      await finance.get<SummaryResponse>('/api/summary?from=2026-09-01&to=2026-10-01&tz=Europe/London')
    ).body;
    for (const row of comparison.currencies) {
      const now = october.currencies.find((c) => c.currency === row.currency);
      const before = september.currencies.find((c) => c.currency === row.currency);
      expect(row.cost?.current).toBe(now?.cost ?? '0');
      expect(row.cost?.previous).toBe(before?.cost ?? '0');
      expect(row.calls.current).toBe(String(now?.calls ?? 0));
    }
    const eur = comparison.currencies.find((c) => c.currency === 'EUR')!;
    // Absolute change is exact: current − previous with decimals as the store returns them.
    const [cur, prev] = [eur.cost!.current!, eur.cost!.previous!];
    expect(Number(eur.cost!.absolute)).toBeCloseTo(Number(cur) - Number(prev), 6);
    expect(comparison.overall.calls.current).toBe(String(october.overall.calls));

    // Support gets the same counts and no amounts.
    const support = await (await h.as('support')).get<CompareResponse>(`/api/compare?${range}`);
    expect(support.body.comparison.currencies.every((c) => c.cost === undefined)).toBe(true);
    expect(support.body.comparison.byCode.every((c) => c.cost === undefined)).toBe(true);
  });
});

describe('scheduled reports', () => {
  it('runs a view into a file with the same bytes and rows as /api/export.csv, and lists it for download', async () => {
    const finance = await h.as('finance');
    const { view } = (await finance.send<SavedViewResponse>('POST', '/api/views', LAST_MONTH_EUR)).body;
    const created = await finance.send<ReportResponse>('POST', '/api/reports', {
      viewId: view.id,
      schedule: { frequency: 'monthly', dayOfMonth: 1, time: '07:00', tz: 'Europe/London' },
    });
    expect(created.status).toBe(201);
    const { report } = created.body;
    expect(report).toMatchObject({
      scheduleText: 'Monthly on day 1 at 07:00 (Europe/London)',
      nextRunAt: '2026-12-01T07:00:00.000Z',
      keepRuns: 12,
    });
    const queued = await finance.send<ReportRunResponse>('POST', `/api/reports/${report.id}/run`);
    expect(queued.status).toBe(202);
    expect(queued.body.run.state).toBe('pending');
    await runQueued();

    const { runs } = (await finance.get<ReportRunsResponse>(`/api/report-runs?reportId=${report.id}`)).body;
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({
      state: 'done',
      trigger: 'manual',
      triggeredBy: 'finance-user',
      available: true,
    });
    expect(run.fileName).toBe('last-month-eur-by-operator_2026-10-01_to_2026-10-31_Europe-London.csv');
    const file = await finance.get<string>(`/api/report-runs/${run.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(run.fileName!);
    const exported = await finance.get<string>(`/api/export.csv?${run.exportQuery}`);
    expect(exported.status).toBe(200);
    // Byte for byte, and row for row (the same rows in the same order with the same cells).
    expect(file.text).toBe(exported.text);
    const rows = parseCsv(file.text.replace(/^\uFEFF/, ''));
    const exportedRows = parseCsv(exported.text.replace(/^\uFEFF/, ''));
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.length - 1).toBe(run.rows);
    for (const [i, row] of rows.entries()) expect(row).toEqual(exportedRows[i]);
    // Every row is EUR, in October (London time), and the summary totals match the file's exact sum.
    const header = rows[0]!;
    const currency = header.indexOf('Currency');
    expect(rows.slice(1).every((r) => r[currency] === 'EUR')).toBe(true);
    expect(run.totals.map((t) => t.currency)).toEqual(['EUR']);
    expect(run.totals[0]!.calls).toBe(run.rows);
    expect(run.comparison?.basis).toBe('month');
    // The run is audited; support does not see a money report's runs or file.
    const audit = await h.get<{ entries: Array<{ action: string }> }>('/api/audit?action=report-run');
    expect(audit.body.entries).toHaveLength(1);
    const support = await h.as('support');
    expect(
      (await support.get<ReportRunsResponse>('/api/report-runs')).body.runs.map((r) => r.id),
    ).not.toContain(run.id);
    expect((await support.get(`/api/report-runs/${run.id}/file`)).status).toBe(404);
    expect((await support.get<ReportsResponse>('/api/reports')).body.reports.map((r) => r.id)).not.toContain(
      report.id,
    );
  });

  it('refuses support a report of a money view, and marks a run over an unsynced range incomplete', async () => {
    const finance = await h.as('finance');
    const support = await h.as('support');
    const { view } = (
      await finance.send<SavedViewResponse>('POST', '/api/views', { ...LAST_MONTH_EUR, shared: true })
    ).body;
    const refused = await support.send<{ error: { message: string } }>('POST', '/api/reports', {
      viewId: view.id,
      schedule: { frequency: 'daily', time: '06:00', tz: 'UTC' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/cannot be scheduled/);

    // A fixed range in the future of the ledger: the sync has not covered it, the wait is 0 s.
    const unsynced = (
      await support.send<SavedViewResponse>('POST', '/api/views', {
        name: 'Ahead',
        page: 'records',
        params: { from: '2026-11-20T12:00:00Z', to: '2026-11-20T12:00:30Z', tz: 'UTC' },
      })
    ).body.view;
    h.clock.now = FIXED_NOW + 3_600_000;
    try {
      const { report } = (
        await support.send<ReportResponse>('POST', '/api/reports', {
          viewId: unsynced.id,
          schedule: { frequency: 'weekly', weekday: 5, time: '06:00', tz: 'UTC' },
          keepRuns: 1,
        })
      ).body;
      await support.send('POST', `/api/reports/${report.id}/run`);
      await runQueued();
      await support.send('POST', `/api/reports/${report.id}/run`);
      await runQueued();
      const { runs } = (await support.get<ReportRunsResponse>(`/api/report-runs?reportId=${report.id}`)).body;
      expect(runs.map((r) => r.state)).toEqual(['incomplete', 'incomplete']);
      expect(runs[0]!.missing.length).toBeGreaterThan(0);
      expect(runs[0]!.error).toMatch(/had not covered the whole range/);
      // Retention keeps one file: the older run is listed without it.
      expect(runs.map((r) => r.available)).toEqual([true, false]);
      expect((await support.get(`/api/report-runs/${runs[1]!.id}/file`)).status).toBe(410);
      expect(readdirSync(path.join(h.dataDir, 'reports', String(report.id)))).toEqual([
        `run-${runs[0]!.id}.csv`,
      ]);
    } finally {
      h.clock.now = FIXED_NOW;
    }
  });

  it('runs a due occurrence exactly once across a restart, also when the runner died holding it', async () => {
    const finance = await h.as('finance');
    const { view } = (await finance.send<SavedViewResponse>('POST', '/api/views', LAST_MONTH_EUR)).body;
    const { report } = (
      await finance.send<ReportResponse>('POST', '/api/reports', {
        viewId: view.id,
        schedule: { frequency: 'daily', time: '13:00', tz: 'UTC' },
      })
    ).body;
    const due = Date.parse(report.nextRunAt!);
    expect(due).toBe(FIXED_NOW + 3_600_000);
    h.clock.now = due + 60_000;
    try {
      // A runner queues the occurrence, claims it and dies before finishing.
      const { reports, views } = h.server.reporting;
      const stored = (await reports.get(report.id))!;
      const runId = await reports.queueScheduled(
        stored,
        due,
        h.clock.now,
        snapshotOf((await views.get(view.id))!),
      );
      expect(runId).not.toBeNull();
      expect((await reports.claimNext('dead-runner', h.clock.now, 60_000)).map((r) => r.id)).toEqual([runId]);
      // A second try at the same occurrence queues nothing.
      expect(
        await reports.queueScheduled(stored, due, h.clock.now, snapshotOf((await views.get(view.id))!)),
      ).toBeNull();

      await h.restart();
      await runQueued();
      const before = (
        await (await h.as('finance')).get<ReportRunsResponse>(`/api/report-runs?reportId=${report.id}`)
      ).body.runs;
      expect(before.map((r) => r.state)).toEqual(['running']);
      // Once the dead runner's lease is over, the restarted instance takes the run over and finishes it once.
      h.clock.now += 61_000;
      await runQueued();
      await h.restart();
      await runQueued();
      const after = (
        await (await h.as('finance')).get<ReportRunsResponse>(`/api/report-runs?reportId=${report.id}`)
      ).body.runs;
      expect(after.map((r) => [r.id, r.state, r.trigger])).toEqual([[runId, 'done', 'schedule']]);
      const run = (await h.server.reporting.reports.run(runId!))!;
      expect(run.attempts).toBe(2);
      expect(existsSync(path.join(h.dataDir, run.file!))).toBe(true);
      expect(readFileSync(path.join(h.dataDir, run.file!), 'utf8').startsWith('\uFEFF')).toBe(true);
      const audited = (
        await h.get<{ entries: Array<{ detail: { run: number } }> }>('/api/audit?action=report-run')
      ).body.entries.filter((e) => e.detail.run === runId);
      expect(audited).toHaveLength(1);
      // The next occurrence is tomorrow's.
      expect((await h.server.reporting.reports.get(report.id))!.nextRunAt).toBe(due + DAY);
    } finally {
      h.clock.now = FIXED_NOW;
    }
  }, 60_000);

  it('lists and runs reports from the command line while the server runs', async () => {
    await run(path.join(BFF_DIR, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: BFF_DIR });
    const finance = await h.as('finance');
    const { view } = (
      await finance.send<SavedViewResponse>('POST', '/api/views', { ...LAST_MONTH_EUR, name: 'CLI view' })
    ).body;
    const { report } = (
      await finance.send<ReportResponse>('POST', '/api/reports', {
        viewId: view.id,
        schedule: { frequency: 'weekly', weekday: 1, time: '08:00', tz: 'Europe/London' },
      })
    ).body;
    const env = {
      ...process.env,
      CALLBOARD_DATA_DIR: h.dataDir,
      ITNIO_BASE_URL: h.simulator.url,
      ITNIO_API_KEY: 'test-key',
      ITNIO_API_SECRET: 'cli-does-not-sign',
      LOG_LEVEL: 'warn',
    };
    const cli = (...args: string[]) =>
      run(process.execPath, ['dist/cli/report.js', ...args], { cwd: BFF_DIR, env });
    const queued = await cli('run', String(report.id));
    expect(queued.stdout).toMatch(new RegExp(`run (\\d+) of report ${report.id} \\(CLI view\\) queued`));
    await runQueued();
    const listed = (await cli('list')).stdout.split('\n').find((line) => line.startsWith(`${report.id}\t`));
    expect(listed).toMatch(
      /CLI view\tMondays at 08:00 \(Europe\/London\)\tnext 2026-11-23T08:00:00.000Z\trun \d+\tdone\t\d+ rows\t/,
    );
    await expect(cli('run', '999999')).rejects.toMatchObject({
      stderr: expect.stringMatching(/no report 999999/),
    });
  }, 60_000);
});
