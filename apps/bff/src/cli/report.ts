// `pnpm --filter @callboard/bff report list | run ID [--wait]`: scheduled reports for scripts. `run` queues a
// run (the server's report runner, or any replica's, picks it up within its poll interval); `--wait` waits for
// it to finish and prints where its file is. Works while the server runs.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeSchedule } from '@callboard/contracts';
import { ConfigError } from '../config.js';
import { snapshotOf } from '../reports/report-runner.js';
import { ReportStore, type StoredRun } from '../reports/report-store.js';
import { ViewStore } from '../reports/view-store.js';
import { openCliAppState } from './app-state.js';

const USAGE = `usage: report list                  (id, view, schedule, next run, last run)
       report run ID [--wait]       (queue a run now; --wait: until it has finished)
       [--demo] works on the demo-mode app state instead`;

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
const FINISHED = new Set(['done', 'incomplete', 'failed']);

function describeRun(run: StoredRun, dataDir: string): string {
  const file = run.file ? path.join(dataDir, run.file) : '-';
  return `run ${run.id}\t${run.state}\t${run.rows ?? '-'} rows\t${file}${run.error ? `\t${run.error}` : ''}`;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      wait: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  const [command, id] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const { config, state, close } = await openCliAppState(values.demo);
  const reports = new ReportStore(state.state);
  const views = new ViewStore(state.state);
  try {
    if (command === 'list') {
      const last = await reports.lastRuns();
      for (const report of await reports.list()) {
        const view = await views.get(report.viewId);
        const run = last.get(report.id);
        console.log(
          [
            report.id,
            view?.name ?? '(view deleted)',
            describeSchedule(report.schedule),
            report.enabled ? `next ${iso(report.nextRunAt)}` : 'off',
            run ? describeRun(run, config.dataDir) : 'never run',
          ].join('\t'),
        );
      }
      return;
    }
    if (command !== 'run') throw new Error(`unknown command ${command}\n${USAGE}`);
    if (!id || !/^\d+$/.test(id)) throw new Error(`give a report id (see report list)\n${USAGE}`);
    const report = await reports.get(Number(id));
    const view = report ? await views.get(report.viewId) : null;
    if (!report || !view) throw new Error(`no report ${id}`);
    const runId = await reports.queueManual(report.id, Date.now(), null, snapshotOf(view));
    await state.audit({
      username: null,
      action: 'report-trigger',
      detail: { id: report.id, view: view.name, run: runId, via: 'cli' },
      ip: null,
    });
    console.log(`run ${runId} of report ${report.id} (${view.name}) queued`);
    if (!values.wait) return;
    // A script waits here: the server's runner looks for queued runs every few seconds.
    const deadline = Date.now() + 30 * 60_000;
    for (;;) {
      const run = (await reports.run(runId))!;
      if (FINISHED.has(run.state)) {
        console.log(describeRun(run, config.dataDir));
        if (run.state === 'failed') process.exitCode = 2;
        return;
      }
      if (Date.now() > deadline)
        throw new Error(`run ${runId} has not finished after 30 minutes: is the server running?`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `report: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
