import {
  createZonedFormatter,
  type Report,
  type ReportRun,
  type SavedView,
  type Schedule,
  WEEKDAYS,
  type Webhook,
} from '@callboard/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { errorMessage } from '@/lib/api-client';
import { currencyCode, formatCount, formatMoneyTotal } from '@/lib/format';
import { useCreateReport } from '../api/create-report';
import { useDeleteReport } from '../api/delete-report';
import { useReportRuns } from '../api/get-report-runs';
import { useReports } from '../api/get-reports';
import { useRunReport } from '../api/run-report';
import { useUpdateReport } from '../api/update-report';

const STATE_TEXT: Record<ReportRun['state'], string> = {
  pending: 'Queued',
  running: 'Running',
  done: 'Done',
  incomplete: 'Incomplete',
  failed: 'Failed',
};

/** The Reports page: schedule a saved view, run a report now, and download each run's file. */
interface ReportsViewProps {
  tz: string;
  /** The saved views the user may open (what can be scheduled). */
  views: SavedView[];
  /** Webhooks a run's summary can be sent to. */
  webhooks: Webhook[];
}

export function ReportsView({ tz, views, webhooks }: ReportsViewProps) {
  const reports = useReports();
  const runs = useReportRuns();
  const run = useRunReport();
  const update = useUpdateReport();
  const remove = useDeleteReport();
  const at = (iso: string | null) => (iso ? `${createZonedFormatter(tz).dateTime(Date.parse(iso))}` : '–');
  const failure = run.error ?? update.error ?? remove.error;
  return (
    <div className="reports-view">
      <ScheduleForm tz={tz} views={views} webhooks={webhooks} />
      <section className="card" aria-labelledby="reports-title">
        <header className="card__header">
          <h2 className="card__title" id="reports-title">
            Scheduled reports
          </h2>
          <p className="card__hint">Times in {tz}</p>
        </header>
        {reports.isError ? (
          <ErrorState
            error={reports.error}
            onRetry={() => void reports.refetch()}
            title="Could not load the reports"
          />
        ) : (reports.data?.reports.length ?? 0) === 0 ? (
          <p>No reports yet: save a view, then schedule it above.</p>
        ) : (
          <ul className="report-list">
            {reports.data?.reports.map((report: Report) => (
              <li key={report.id} className="report-list__item">
                <div>
                  <Link to={report.viewPath} className="report-list__name">
                    {report.viewName}
                  </Link>
                  <p className="card__hint">
                    {report.scheduleText} · {report.enabled ? `next run ${at(report.nextRunAt)}` : 'paused'} ·
                    keeps {report.keepRuns} files
                  </p>
                </div>
                <div className="report-list__actions">
                  <button
                    type="button"
                    className="button button--primary button--small"
                    aria-label={`Run ${report.viewName} now`}
                    disabled={run.isPending}
                    onClick={() => run.mutate(report.id)}
                  >
                    Run now
                  </button>
                  {report.editable ? (
                    <>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`${report.enabled ? 'Pause' : 'Resume'} ${report.viewName}`}
                        onClick={() => update.mutate({ id: report.id, patch: { enabled: !report.enabled } })}
                      >
                        {report.enabled ? 'Pause' : 'Resume'}
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Delete the report ${report.viewName}`}
                        onClick={() => remove.mutate(report.id)}
                      >
                        Delete
                      </button>
                    </>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        {failure ? <p role="alert">{errorMessage(failure)}</p> : null}
      </section>
      <section className="card" aria-labelledby="runs-title">
        <header className="card__header">
          <h2 className="card__title" id="runs-title">
            Runs
          </h2>
        </header>
        {runs.isError ? (
          <ErrorState
            error={runs.error}
            onRetry={() => void runs.refetch()}
            title="Could not load the runs"
          />
        ) : runs.isSuccess && runs.data.runs.length === 0 ? (
          <p>No runs yet: “Run now” makes one at once, the schedule makes the next.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table report-runs">
              <caption className="visually-hidden">Report runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Report</th>
                  <th scope="col">Due</th>
                  <th scope="col">State</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Totals</th>
                  <th scope="col">File</th>
                </tr>
              </thead>
              <tbody>
                {(runs.data?.runs ?? []).map((r) => (
                  <tr key={r.id}>
                    <td>{r.viewName}</td>
                    <td>{at(r.dueAt)}</td>
                    <td>
                      <span className={`run-state is-${r.state}`}>{STATE_TEXT[r.state]}</span>
                      {r.error ? <span className="card__hint"> {r.error}</span> : null}
                    </td>
                    <td>{r.rows === null ? '–' : formatCount(r.rows)}</td>
                    <td>
                      {r.totals.map((t) => (
                        <span key={t.currency} className="report-runs__total">
                          {currencyCode(t.currency)}: {formatCount(t.calls)} calls
                          {t.cost === undefined ? '' : `, ${formatMoneyTotal(t.cost, t.currency)}`}
                        </span>
                      ))}
                    </td>
                    <td>
                      {r.available && r.fileName ? (
                        <a href={`/api/report-runs/${r.id}/file`} download={r.fileName}>
                          Download<span className="visually-hidden"> {r.fileName}</span>
                        </a>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function ScheduleForm({ tz, views, webhooks }: ReportsViewProps) {
  const create = useCreateReport();
  const id = useId();
  const usable = views.filter((v) => v.usable);
  const [form, setForm] = useState({
    viewId: '',
    webhookId: '',
    frequency: 'monthly' as Schedule['frequency'],
    weekday: 1,
    dayOfMonth: 1,
    time: '07:00',
    keepRuns: 12,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const schedule: Schedule = {
      frequency: form.frequency,
      time: form.time,
      tz,
      ...(form.frequency === 'weekly' ? { weekday: form.weekday } : {}),
      ...(form.frequency === 'monthly' ? { dayOfMonth: form.dayOfMonth } : {}),
    };
    create.mutate({
      viewId: Number(form.viewId || usable[0]?.id),
      schedule,
      keepRuns: form.keepRuns,
      webhookId: form.webhookId ? Number(form.webhookId) : null,
    });
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        Schedule a saved view
      </h2>
      {usable.length === 0 ? (
        <p>Save a view first (the “Saved views” menu), then schedule it here.</p>
      ) : (
        <form className="schedule-form" onSubmit={onSubmit}>
          <label className="field">
            <span className="field__label">Saved view</span>
            <select value={form.viewId} onChange={(e) => setForm({ ...form, viewId: e.target.value })}>
              {usable.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">Repeat</span>
            <select
              value={form.frequency}
              onChange={(e) => setForm({ ...form, frequency: e.target.value as Schedule['frequency'] })}
            >
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
              <option value="monthly">Monthly</option>
            </select>
          </label>
          {form.frequency === 'weekly' ? (
            <label className="field">
              <span className="field__label">On</span>
              <select
                value={form.weekday}
                onChange={(e) => setForm({ ...form, weekday: Number(e.target.value) })}
              >
                {WEEKDAYS.map((day, i) => (
                  <option key={day} value={i + 1}>
                    {day}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {form.frequency === 'monthly' ? (
            <label className="field field--narrow">
              <span className="field__label">Day of month</span>
              <input
                type="number"
                min={1}
                max={31}
                value={form.dayOfMonth}
                onChange={(e) => setForm({ ...form, dayOfMonth: Number(e.target.value) })}
              />
            </label>
          ) : null}
          <label className="field field--narrow">
            <span className="field__label">At ({tz})</span>
            <input
              type="time"
              required
              value={form.time}
              onChange={(e) => setForm({ ...form, time: e.target.value })}
            />
          </label>
          {webhooks.length > 0 ? (
            <label className="field">
              <span className="field__label">Send the summary to</span>
              <select
                value={form.webhookId}
                onChange={(e) => setForm({ ...form, webhookId: e.target.value })}
              >
                <option value="">No webhook</option>
                {webhooks.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="field field--narrow">
            <span className="field__label">Files to keep</span>
            <input
              type="number"
              min={1}
              max={365}
              value={form.keepRuns}
              onChange={(e) => setForm({ ...form, keepRuns: Number(e.target.value) })}
            />
          </label>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Schedule
          </button>
          {create.isSuccess ? <p role="status">Scheduled: {create.data.report.scheduleText}</p> : null}
          {create.isError ? <p role="alert">{errorMessage(create.error)}</p> : null}
        </form>
      )}
    </section>
  );
}
