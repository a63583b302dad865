// The upstream simulator in its own process, on a fixed clock shared with the benchmark. Prints one JSON line
// with its URL when listening, and one with its peak RSS when stopped (SIGTERM).
import { parseArgs } from 'node:util';
import { startSimulator } from '@callboard/itnio-simulator';
import { BENCH_KEY, BENCH_SECRET } from './common.js';

const { values } = parseArgs({
  options: {
    'calls-per-day': { type: 'string' },
    days: { type: 'string' },
    'latency-ms': { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
  },
});
const now = Number(values.now);
const latencyMs = Number(values['latency-ms'] ?? 0);
let peak = process.memoryUsage.rss();
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 100).unref();

const simulator = await startSimulator({
  host: '127.0.0.1',
  port: 0,
  key: BENCH_KEY,
  secret: BENCH_SECRET,
  seed: Number(values.seed ?? 1),
  days: Number(values.days ?? 58),
  callsPerDay: Number(values['calls-per-day']),
  now: () => now,
  faults: latencyMs > 0 ? { latencyMs } : {},
});
process.stdout.write(`${JSON.stringify({ url: simulator.url })}\n`);

process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ peakRssMb: Math.round(peak / 1024 / 102.4) / 10 })}\n`);
  simulator.close().finally(() => process.exit(0));
});
