// Two Callboard instances on one PostgreSQL database, both running the report scheduler at the same moments:
// every due occurrence and every "run now" is run exactly once (one run row, one finish, one audit entry) and
// its signed webhook delivery reaches a real receiver once.
import type {
  ReportResponse,
  ReportRunsResponse,
  SavedViewResponse,
  WebhookCreatedResponse,
} from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, type Harness, startHarness } from '../test-support/harness.js';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';

const DAY = 86_400_000;
let database: TestDatabase;
let receiver: WebhookReceiver;
let a: Harness;
let b: Harness;

beforeAll(async () => {
  database = await createTestDatabase('report_replicas');
  receiver = await startWebhookReceiver();
  const replica = () =>
    startHarness({
      callsPerDay: 60,
      reports: false,
      env: {
        CALLBOARD_DATABASE_URL: database.url,
        CALLBOARD_WEBHOOK_ALLOW_PRIVATE: 'true',
        CALLBOARD_WEBHOOK_RETRY_BASE_MS: '100',
        CALLBOARD_REPORT_COVERAGE_WAIT_SECONDS: '0',
      },
    });
  a = await replica();
  b = await replica();
  await a.server.sync.request(FIXED_NOW - 2 * DAY, FIXED_NOW, 'manual');
  await a.server.sync.idle();
}, 60_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await receiver?.close();
  await database?.drop();
});

describe('reports on two replicas sharing PostgreSQL', () => {
  it('run each occurrence and each manual run exactly once, with one signed delivery each', async () => {
    const finance = await a.as('finance');
    const { secret, webhook } = (
      await finance.send<WebhookCreatedResponse>('POST', '/api/webhooks', {
        name: 'accounts',
        url: receiver.url,
        kinds: ['spend'],
      })
    ).body;
    const { view } = (
      await finance.send<SavedViewResponse>('POST', '/api/views', {
        name: 'Yesterday by operator',
        page: 'spend',
        params: { range: 'yesterday', tz: 'UTC' },
      })
    ).body;
    const { report } = (
      await finance.send<ReportResponse>('POST', '/api/reports', {
        viewId: view.id,
        schedule: { frequency: 'daily', time: '12:30', tz: 'UTC' },
        webhookId: webhook.id,
      })
    ).body;
    expect(report.nextRunAt).toBe(new Date(FIXED_NOW + 30 * 60_000).toISOString());
    // The occurrence has come for both; three runs asked for by hand on either replica as well.
    a.clock.now = b.clock.now = FIXED_NOW + 31 * 60_000;
    const financeB = await b.as('finance');
    for (const client of [finance, financeB, finance]) {
      expect((await client.send('POST', `/api/reports/${report.id}/run`)).status).toBe(202);
    }
    const tick = (h: Harness) => h.server.reporting.runner.tick();
    for (let round = 0; round < 3; round++) await Promise.all([tick(a), tick(b), tick(a), tick(b)]);

    const { runs } = (await finance.get<ReportRunsResponse>(`/api/report-runs?reportId=${report.id}`)).body;
    expect(runs.map((r) => r.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(runs.filter((r) => r.trigger === 'schedule')).toHaveLength(1);
    for (const run of runs) expect((await a.server.reporting.reports.run(run.id))!.attempts).toBe(1);
    const audited = (
      await a.get<{ entries: Array<{ detail: { run: number } }> }>('/api/audit?action=report-run')
    ).body.entries.map((e) => e.detail.run);
    expect(audited.sort()).toEqual(runs.map((r) => r.id).sort());

    await receiver.until((r) => r.filter((d) => d.event === 'report.done').length >= 4, 20_000);
    const delivered = receiver.received.filter((d) => d.event === 'report.done');
    expect(delivered).toHaveLength(4);
    expect(new Set(delivered.map((d) => (JSON.parse(d.body) as { run: { id: number } }).run.id)).size).toBe(
      4,
    );
    expect(receiver.allSigned(secret)).toBe(true);
    const body = JSON.parse(delivered[0]!.body) as { totals: Array<{ currency: string; cost?: string }> };
    expect(body.totals.length).toBeGreaterThan(0);
    expect(body.totals.every((t) => typeof t.cost === 'string')).toBe(true);
    // The next occurrence is tomorrow's, moved on once.
    expect((await b.server.reporting.reports.get(report.id))!.nextRunAt).toBe(FIXED_NOW + 30 * 60_000 + DAY);
  }, 60_000);
});
