#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { faultOptionsError, startSimulator } from './server.js';
import type { FaultOptions, SimulatorOptions } from './types.js';

const USAGE = `usage: itnio-simulator [--port N] [--host H] [--seed S] [--days N] [--calls-per-day N]
  [--key K] [--secret S] [--skew-seconds N] [--retention-months N] [--allow-ip IP]...
  [--latency-ms N] [--latency-jitter-ms N] [--error-rate X] [--http-error-rate X]
  [--drop-rate X] [--truncate-rate X] [--drift-rate X] [--fault-seed S]
  [--degrade-code CODE [--degrade-answer-rate X]]   one destination answers less (default 0.1), from start;
                                                   switch it at run time with POST/DELETE /__sim/degrade`;

const numeric = [
  'port',
  'seed',
  'days',
  'calls-per-day',
  'skew-seconds',
  'retention-months',
  'latency-ms',
  'latency-jitter-ms',
  'error-rate',
  'http-error-rate',
  'drop-rate',
  'truncate-rate',
  'drift-rate',
  'fault-seed',
  'degrade-answer-rate',
] as const;

function fail(message: string): never {
  console.error(`itnio simulator: ${message}\n${USAGE}`);
  process.exit(2);
}

function parse(): SimulatorOptions {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options }>>;
  const options = {
    ...Object.fromEntries(numeric.map((name) => [name, { type: 'string' as const }])),
    host: { type: 'string' },
    key: { type: 'string' },
    secret: { type: 'string' },
    'degrade-code': { type: 'string' },
    'allow-ip': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ options, strict: true, allowPositionals: false });
  } catch (error) {
    fail((error as Error).message);
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name: (typeof numeric)[number]): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value))
      fail(`--${name} must be a number`);
    return value;
  };
  const faults: FaultOptions = {};
  const setFault = (name: keyof FaultOptions, flag: (typeof numeric)[number]) => {
    const value = num(flag);
    if (value !== undefined) faults[name] = value;
  };
  setFault('latencyMs', 'latency-ms');
  setFault('latencyJitterMs', 'latency-jitter-ms');
  setFault('errorRate', 'error-rate');
  setFault('httpErrorRate', 'http-error-rate');
  setFault('dropRate', 'drop-rate');
  setFault('truncateRate', 'truncate-rate');
  setFault('driftRate', 'drift-rate');
  const faultError = faultOptionsError(faults);
  if (faultError) fail(faultError);

  const result: SimulatorOptions = { faults };
  const assign = <K extends keyof SimulatorOptions>(name: K, value: SimulatorOptions[K] | undefined) => {
    if (value !== undefined) result[name] = value;
  };
  assign('port', num('port'));
  assign('seed', num('seed'));
  assign('days', num('days'));
  assign('callsPerDay', num('calls-per-day'));
  assign('skewSeconds', num('skew-seconds'));
  assign('retentionMonths', num('retention-months'));
  assign('faultSeed', num('fault-seed'));
  assign('host', values.host as string | undefined);
  assign('key', values.key as string | undefined);
  assign('secret', values.secret as string | undefined);
  assign('allowIps', values['allow-ip'] as string[] | undefined);
  const degradeCode = values['degrade-code'] as string | undefined;
  const degradeRate = num('degrade-answer-rate');
  if (degradeRate !== undefined && (degradeRate < 0 || degradeRate > 1))
    fail('--degrade-answer-rate must be from 0 to 1');
  if (degradeRate !== undefined && !degradeCode) fail('--degrade-answer-rate needs --degrade-code');
  if (degradeCode) assign('degrade', { code: degradeCode, answerRate: degradeRate ?? 0.1 });
  return result;
}

const options = parse();
const simulator = await startSimulator(options);
// Never print the secret: logs of demo and CI runs are shared.
console.log(`itnio simulator listening on ${simulator.url} (key ${options.key ?? 'demo-key'})`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  const { requests } = simulator.stats();
  console.log(`itnio simulator: ${signal}, stopping after ${requests} requests`);
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
