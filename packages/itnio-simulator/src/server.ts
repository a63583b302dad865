import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordJsonAt, SimDataset } from './dataset.js';
import { parseIsoInstant } from './iso-time.js';
import { checkBody, REASONS, STATUS, type VendorStatus } from './protocol.js';
import { createRng, foldSeed, type Rng } from './random.js';
import { sign } from './sign.js';
import type { FaultOptions, Simulator, SimulatorOptions, SimulatorStats } from './types.js';

export const ENDPOINT_PATH = '/voice/recordGroupQuery';
const MAX_BODY_BYTES = 1 << 20;
const JSON_TYPE = 'application/json;charset=UTF-8';

const FAULT_RATES = ['errorRate', 'httpErrorRate', 'dropRate', 'truncateRate', 'driftRate'] as const;
const FAULT_DELAYS = ['latencyMs', 'latencyJitterMs'] as const;

/** Checks admin/CLI fault input; returns a message naming the bad key, or null. */
export function faultOptionsError(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'faults must be a JSON object';
  for (const [key, v] of Object.entries(value)) {
    if ((FAULT_RATES as readonly string[]).includes(key)) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `${key} must be a number from 0 to 1`;
    } else if ((FAULT_DELAYS as readonly string[]).includes(key)) {
      if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) return `${key} must be a number >= 0`;
    } else {
      return `unknown fault option ${key}`;
    }
  }
  return null;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(bytes > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function signMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function normaliseIp(address: string | undefined): string {
  return address?.startsWith('::ffff:') ? address.slice(7) : (address ?? '');
}

function send(
  res: ServerResponse,
  httpStatus: number,
  body: string,
  contentType = JSON_TYPE,
  extra = {},
): void {
  res.writeHead(httpStatus, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function envelope(status: VendorStatus, reason = REASONS[status]): string {
  return JSON.stringify({ status, reason, data: null });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the simulator on loopback (port 0 = ephemeral) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const key = options.key ?? 'demo-key';
  const secret = options.secret ?? 'demo-secret';
  const seed = options.seed ?? 1;
  const skewMs = (options.skewSeconds ?? 60) * 1000;
  const retentionMonths = options.retentionMonths ?? 2;
  const now = options.now ?? Date.now;
  const allowIps = options.allowIps ? new Set(options.allowIps.map(normaliseIp)) : null;
  const dataset = new SimDataset({
    seed,
    days: options.days ?? 62,
    callsPerDay: options.callsPerDay ?? 2000,
    now,
  });
  if (options.degrade) dataset.degrade(options.degrade.code, options.degrade.answerRate, now());

  let faults: FaultOptions = { ...options.faults };
  const faultRng: Rng = createRng(foldSeed(options.faultSeed ?? seed) ^ 0x5bd1e995);
  let httpErrorCount = 0;
  const stats: SimulatorStats = { requests: 0, byStatus: {} };
  const count = (key: string) => {
    stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
  };
  // Draw only for active faults, so enabling one fault does not reshuffle the others.
  const roll = (rate: number | undefined) => rate !== undefined && rate > 0 && faultRng() < rate;

  const answer = (res: ServerResponse, status: VendorStatus, reason?: string) => {
    count(status);
    send(res, 200, envelope(status, reason));
  };

  async function handleQuery(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const delay =
      (faults.latencyMs ?? 0) + (faults.latencyJitterMs ? faultRng() * faults.latencyJitterMs : 0);
    if (delay > 0) await sleep(delay);
    if (roll(faults.dropRate)) {
      count('dropped');
      req.socket.destroy();
      return;
    }
    if (roll(faults.httpErrorRate)) {
      // Cycle through 503/429 with HTML and JSON bodies, like gateways in front of real APIs do.
      const n = httpErrorCount++;
      const httpStatus = n % 2 === 0 ? 503 : 429;
      count(`http-${httpStatus}`);
      const extra = httpStatus === 429 ? { 'Retry-After': '1' } : {};
      if (Math.floor(n / 2) % 2 === 0) {
        const title = httpStatus === 503 ? '503 Service Temporarily Unavailable' : '429 Too Many Requests';
        send(res, httpStatus, `<html><body><h1>${title}</h1></body></html>`, 'text/html', extra);
      } else {
        send(
          res,
          httpStatus,
          JSON.stringify({ error: httpStatus === 503 ? 'Service Unavailable' : 'Too Many Requests' }),
          JSON_TYPE,
          extra,
        );
      }
      return;
    }
    if (roll(faults.errorRate)) return answer(res, STATUS.systemError);

    const nowMs = now();
    if (allowIps && !allowIps.has(normaliseIp(req.socket.remoteAddress)))
      return answer(res, STATUS.ipNotAllowed);
    const apiKey = headerValue(req, 'api-key');
    const timestamp = headerValue(req, 'timestamp');
    const signature = headerValue(req, 'sign');
    if (apiKey !== key || timestamp === undefined || signature === undefined)
      return answer(res, STATUS.authFailed);
    if (!signMatches(sign(key, secret, timestamp), signature)) return answer(res, STATUS.authFailed);
    if (!/^\d{1,15}$/.test(timestamp) || Math.abs(Number(timestamp) * 1000 - nowMs) > skewMs) {
      return answer(res, STATUS.timestampExpired);
    }
    if (raw === null) return answer(res, STATUS.paramError, 'parameter error: body too large');
    const checked = checkBody(raw, nowMs, retentionMonths);
    if (!checked.ok) return answer(res, checked.status, checked.reason);
    const { current, size, fromMs, toMs } = checked.query;

    if (current > 1 && roll(faults.driftRate)) dataset.insertDriftRecord(fromMs, toMs, nowMs);
    const page = dataset.page(fromMs, toMs, current, size, nowMs);
    const records = page.items.map((item) => recordJsonAt(item, nowMs)).join(',');
    const body =
      `{"status":"0","reason":"success","data":{"total":${page.total},"size":${size},"current":${current},` +
      `"pages":${Math.ceil(page.total / size)},"searchCount":true,"records":[${records}]}}`;
    if (roll(faults.truncateRate)) {
      count('truncated');
      const bytes = Buffer.from(body, 'utf8');
      const cut = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
      res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': cut.length });
      res.end(cut);
      return;
    }
    count(STATUS.ok);
    send(res, 200, body);
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /__sim/health') {
      return send(
        res,
        200,
        JSON.stringify({ status: 'ok', seed, key, now: new Date(now()).toISOString(), stats }),
      );
    }
    if (route === 'GET /__sim/truth') {
      const from = parseIsoInstant(url.searchParams.get('from') ?? '');
      const to = parseIsoInstant(url.searchParams.get('to') ?? '');
      if (from === null || to === null) {
        return send(res, 400, JSON.stringify({ error: 'from and to must be ISO 8601 instants with offset' }));
      }
      return send(res, 200, JSON.stringify(dataset.aggregate(from, to)));
    }
    if (route === 'POST /__sim/faults') {
      const raw = await readBody(req);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw ?? '');
      } catch {
        return send(res, 400, JSON.stringify({ error: 'body must be JSON FaultOptions' }));
      }
      const error = faultOptionsError(parsed);
      if (error) return send(res, 400, JSON.stringify({ error }));
      faults = { ...(parsed as FaultOptions) };
      return send(res, 200, JSON.stringify({ faults }));
    }
    if (route === 'POST /__sim/degrade') {
      let parsed: { code?: unknown; answerRate?: unknown };
      try {
        parsed = JSON.parse((await readBody(req)) ?? '') as typeof parsed;
      } catch {
        return send(
          res,
          400,
          JSON.stringify({ error: 'body must be JSON {"code": "...", "answerRate": 0.1}' }),
        );
      }
      const answerRate = parsed.answerRate ?? 0.1;
      if (
        typeof parsed.code !== 'string' ||
        parsed.code === '' ||
        typeof answerRate !== 'number' ||
        !(answerRate >= 0 && answerRate <= 1)
      ) {
        return send(
          res,
          400,
          JSON.stringify({
            error: 'code must be a destination like "Philippines(Globe)", answerRate a number from 0 to 1',
          }),
        );
      }
      dataset.degrade(parsed.code, answerRate, now());
      return send(res, 200, JSON.stringify({ degradation: dataset.currentDegradation() }));
    }
    if (route === 'DELETE /__sim/degrade') {
      dataset.restore(now());
      return send(res, 200, JSON.stringify({ degradation: null }));
    }
    send(res, 404, JSON.stringify({ error: 'not found' }));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (!url.pathname.startsWith('/__sim/')) stats.requests++;
    let work: Promise<void>;
    // Admin calls stay out of the stats, so benchmarks count only vendor traffic.
    if (url.pathname.startsWith('/__sim/')) {
      work = handleAdmin(req, res, url);
    } else if (url.pathname === ENDPOINT_PATH) {
      if (req.method === 'POST') {
        work = handleQuery(req, res);
      } else {
        count('http-405');
        send(res, 405, JSON.stringify({ error: 'method not allowed' }), JSON_TYPE, { Allow: 'POST' });
        return;
      }
    } else {
      count('http-404');
      send(res, 404, JSON.stringify({ error: 'not found' }));
      return;
    }
    work.catch((error: unknown) => {
      // A bug here must still answer like the vendor would, and stay visible in the stats.
      console.error('itnio simulator: request failed', error);
      if (!res.headersSent) answer(res, STATUS.systemError);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    dataset,
    setFaults(next: FaultOptions) {
      faults = { ...next };
    },
    degrade(code: string, answerRate: number) {
      dataset.degrade(code, answerRate, now());
    },
    restore() {
      dataset.restore(now());
    },
    degradation: () => dataset.currentDegradation(),
    stats: () => ({ requests: stats.requests, byStatus: { ...stats.byStatus } }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
