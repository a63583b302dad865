// Shared pieces of every benchmark: statistics, event-loop and memory probes, tables, paths, the machine.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const BENCH_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_ROOT, '..');
/** Cached stores and scratch directories (gitignored: `.data/`). */
export const DATA_ROOT = process.env.CALLBOARD_BENCH_DATA_DIR ?? path.join(BENCH_ROOT, '.data');

/** The clock every benchmark shares with its simulator, so a cached store stays valid across runs. */
export const BENCH_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
export const BENCH_KEY = 'bench-key';
export const BENCH_SECRET = 'bench-secret';
export { DAY_MS } from '@callboard/contracts';
/** Days of history generated: inside the upstream's two-month horizon, so a backfill reads all of it. */
export const HISTORY_DAYS = 58;

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

// ---- statistics -------------------------------------------------------------------------------------

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(quantile(sorted, 0.5), 2),
    p95: round(quantile(sorted, 0.95), 2),
    p99: round(quantile(sorted, 0.99), 2),
    max: round(sorted[sorted.length - 1] ?? Number.NaN, 2),
  };
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : round((sorted[mid - 1]! + sorted[mid]!) / 2, 2);
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

// ---- probes -----------------------------------------------------------------------------------------

/** Worst event-loop delay of this process while `run` runs, in ms (perf_hooks.monitorEventLoopDelay). */
export function eventLoopProbe() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      return { maxMs: round(histogram.max / 1e6, 1), p99Ms: round(histogram.percentile(99) / 1e6, 1) };
    },
  };
}

/** Samples this process's RSS every `everyMs` (peak and the series, for "RSS over the run"). */
export function rssProbe(everyMs = 50) {
  const start = process.memoryUsage.rss();
  let peak = start;
  const series: number[] = [];
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    series.push(rss);
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const end = process.memoryUsage.rss();
      peak = Math.max(peak, end);
      return { startMb: mb(start), peakMb: mb(peak), endMb: mb(end), growthMb: mb(peak - start), series };
    },
  };
}

// ---- output -----------------------------------------------------------------------------------------

export function table(title: string, header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `\n${title}`,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

// ---- machine ----------------------------------------------------------------------------------------

export function machine() {
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).trim();
    dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    commit: dirty ? `${commit} (+ uncommitted changes)` : commit,
  };
}

// ---- child processes --------------------------------------------------------------------------------

export interface SimulatorProcess {
  url: string;
  child: ChildProcess;
  /** Peak RSS of the simulator process, reported by it on exit (MB). */
  stop(): Promise<{ peakRssMb: number | null }>;
}

export interface SimulatorProcessOptions {
  callsPerDay: number;
  days?: number;
  latencyMs?: number;
  seed?: number;
  now?: number;
}

/** Starts the upstream simulator in its own process on loopback (an ephemeral port). */
export async function startSimulatorProcess(options: SimulatorProcessOptions): Promise<SimulatorProcess> {
  const script = path.join(BENCH_ROOT, 'dist', 'sim-process.js');
  const args = [
    script,
    '--calls-per-day',
    String(options.callsPerDay),
    '--days',
    String(options.days ?? HISTORY_DAYS),
    '--latency-ms',
    String(options.latencyMs ?? 0),
    '--seed',
    String(options.seed ?? 1),
    '--now',
    String(options.now ?? BENCH_NOW),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let peakRssMb: number | null = null;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator process exited early (${code})`)));
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { url?: string; peakRssMb?: number };
      if (message.url) resolve(message.url);
      if (message.peakRssMb !== undefined) peakRssMb = message.peakRssMb;
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve({ peakRssMb });
        child.once('exit', () => resolve({ peakRssMb }));
        child.kill('SIGTERM');
      }),
  };
}

/** Records per day for a target total over the generated history. */
export const callsPerDayFor = (records: number) => Math.max(10, Math.round(records / HISTORY_DAYS));
