// The webhook body of a finished report run: what ran, its state, rows and where to download the file, with the
// totals per currency and their change when the webhook may receive amounts (one that receives spend alerts).
import type { WebhookFormat } from '@callboard/contracts';
import { slackBody } from '../webhooks/payload-format.js';
import type { RunOutcome, StoredRun } from './report-store.js';

export function reportWebhookBody(
  run: StoredRun,
  outcome: RunOutcome,
  format: WebhookFormat,
  withAmounts: boolean,
): { event: string; body: string } {
  const event = `report.${outcome.state}`;
  const download = `/api/report-runs/${run.id}/file`;
  const totals = outcome.totals.map((t) => ({
    currency: t.currency,
    calls: t.calls,
    ...(withAmounts ? { cost: t.cost } : {}),
  }));
  const changes = (outcome.comparison?.currencies ?? []).map((c) => ({
    currency: c.currency,
    calls: c.calls,
    ...(withAmounts && c.cost ? { cost: c.cost } : {}),
  }));
  if (format === 'slack') {
    const figures = totals
      .map((t) => `${t.currency}: ${t.calls} calls${t.cost === undefined ? '' : `, ${t.cost} ${t.currency}`}`)
      .join('; ');
    const text =
      outcome.state === 'failed'
        ? `Report "${run.viewName}" failed: ${outcome.error ?? 'unknown error'}`
        : `Report "${run.viewName}" ${outcome.state === 'incomplete' ? 'is ready but INCOMPLETE' : 'is ready'}: ${outcome.rows ?? 0} rows. ${figures}`;
    return { event, body: slackBody(text, `Callboard · run ${run.id} · ${download}`) };
  }
  return {
    event,
    body: JSON.stringify({
      type: event,
      report: { id: run.reportId, view: run.viewName },
      run: {
        id: run.id,
        trigger: run.trigger,
        dueAt: new Date(run.dueAt).toISOString(),
        state: outcome.state,
        rows: outcome.rows,
        file: outcome.file ? download : null,
        range: outcome.comparison ? outcome.comparison.current : null,
        previous: outcome.comparison ? outcome.comparison.previous : null,
        missing: outcome.missing,
        error: outcome.error,
      },
      totals,
      changes,
    }),
  };
}
