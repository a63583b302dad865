// Prometheus metrics an operator can alert on: HTTP traffic by route and status with latencies, how far the
// sync lags behind (age of the newest stored call, windows missing in the freshness range), upstream requests
// by the vendor's status and the HTTP status, records stored, export rows, sign-in failures and throttles,
// and Node's own (event-loop delay, heap). One registry per server, so tests can run several in one process.
import client from 'prom-client';
import type { RecordStore } from './store/record-store.js';
import type { SyncEngine } from './sync/sync-engine.js';

export interface MetricsSources {
  store: RecordStore;
  sync: SyncEngine;
  now: () => number;
  freshnessMs: number;
}

export class Metrics {
  readonly registry = new client.Registry();
  readonly httpRequests = new client.Counter({
    name: 'callboard_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new client.Histogram({
    name: 'callboard_http_request_duration_seconds',
    help: 'Time to answer HTTP requests (to the last byte), by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly upstreamRequests = new client.Counter({
    name: 'callboard_upstream_requests_total',
    help: 'Requests to the itniotech API, by vendor status (0 = success, -1 auth, -16 clock, -18 system, ...) and HTTP status',
    labelNames: ['vendor_status', 'http_status'] as const,
    registers: [this.registry],
  });
  readonly exportRows = new client.Counter({
    name: 'callboard_export_rows_total',
    help: 'Rows written to CSV exports',
    registers: [this.registry],
  });
  readonly signInFailures = new client.Counter({
    name: 'callboard_sign_in_failures_total',
    help: 'Failed sign-ins (wrong name or password, disabled account)',
    registers: [this.registry],
  });
  readonly signInThrottled = new client.Counter({
    name: 'callboard_sign_in_throttled_total',
    help: 'Sign-ins refused because the account/address was paused after failures',
    registers: [this.registry],
  });
  /** Set by the backup scheduler; absent until a backup ran. */
  readonly lastBackup = new client.Gauge({
    name: 'callboard_backup_last_success_timestamp_seconds',
    help: 'When the last scheduled backup completed (Unix time)',
    registers: [this.registry],
  });
  readonly backupFailures = new client.Counter({
    name: 'callboard_backup_failures_total',
    help: 'Scheduled backups that failed',
    registers: [this.registry],
  });

  constructor() {
    client.collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 5 });
  }

  /** Adds the gauges read from the store and the sync engine at scrape time (they exist after the counters). */
  watch(sources: MetricsSources): void {
    const { store, sync, now, freshnessMs } = sources;
    // Store figures are read when scraped; a store that does not answer leaves them out rather than failing the scrape.
    new client.Gauge({
      name: 'callboard_records_stored',
      help: 'Call records in the store',
      registers: [this.registry],
      async collect() {
        const stats = await store.stats().catch(() => null);
        if (stats) this.set(stats.records);
      },
    });
    new client.Gauge({
      name: 'callboard_sync_lag_seconds',
      help: 'Age of the newest stored call: grows when the sync falls behind (or when no calls are made)',
      registers: [this.registry],
      async collect() {
        const stats = await store.stats().catch(() => null);
        if (stats?.newest != null) this.set((now() - stats.newest) / 1000);
      },
    });
    new client.Gauge({
      name: 'callboard_sync_missing_windows',
      help: 'Parts of the freshness range (CALLBOARD_FRESHNESS_HOURS) not yet synced',
      registers: [this.registry],
      async collect() {
        const coverage = await sync.coverage(now() - freshnessMs, now()).catch(() => null);
        if (coverage) this.set(coverage.missing.length);
      },
    });
    new client.Gauge({
      name: 'callboard_sync_last_success_timestamp_seconds',
      help: 'When a sync window last completed (Unix time)',
      registers: [this.registry],
      collect() {
        const at = sync.status().lastSuccessAt;
        if (at) this.set(Date.parse(at) / 1000);
      },
    });
    new client.Gauge({
      name: 'callboard_upstream_failing',
      help: '1 while the last sync failed against the upstream (credentials, allow-list, outage), else 0',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const problem = sync.upstreamError;
        if (problem) this.set({ kind: problem.kind }, 1);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
