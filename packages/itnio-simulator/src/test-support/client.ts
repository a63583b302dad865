import { sign } from '../sign.js';
import type { Simulator, VendorRecord } from '../types.js';

/** 2024-06-01T00:00:00+08:00: a fixed clock for tests. */
export const NOW = Date.UTC(2024, 4, 31, 16, 0, 0);
export const fixedClock = () => NOW;

export interface QueryOptions {
  key?: string;
  secret?: string;
  timestamp?: string;
  /** Replaces the computed headers entirely when given. */
  headers?: Record<string, string>;
  /** Raw body text instead of JSON.stringify(body). */
  rawBody?: string;
  clock?: () => number;
}

export interface PageData {
  total: number;
  size: number;
  current: number;
  pages: number;
  searchCount: boolean;
  records: VendorRecord[];
}

export interface Envelope {
  status: string;
  reason: string;
  data: PageData | null;
}

export function signedHeaders(options: QueryOptions = {}): Record<string, string> {
  const key = options.key ?? 'demo-key';
  const secret = options.secret ?? 'demo-secret';
  const timestamp = options.timestamp ?? String(Math.floor((options.clock ?? fixedClock)() / 1000));
  return {
    'Content-Type': 'application/json;charset=UTF-8',
    'Api-Key': key,
    Timestamp: timestamp,
    Sign: sign(key, secret, timestamp),
  };
}

export function rawQuery(simulator: Simulator, body: unknown, options: QueryOptions = {}): Promise<Response> {
  return fetch(`${simulator.url}/voice/recordGroupQuery`, {
    method: 'POST',
    headers: options.headers ?? signedHeaders(options),
    body: options.rawBody ?? JSON.stringify(body),
  });
}

export async function query(
  simulator: Simulator,
  body: unknown,
  options: QueryOptions = {},
): Promise<Envelope> {
  const response = await rawQuery(simulator, body, options);
  return (await response.json()) as Envelope;
}

export const window = (strTime: string, endTime: string, extra: Record<string, unknown> = {}) => ({
  current: 1,
  size: 100,
  params: { strTime, endTime },
  ...extra,
});

/** Every page of a window, in order, as the client would fetch them. */
export async function allPages(
  simulator: Simulator,
  strTime: string,
  endTime: string,
  size = 100,
  options: QueryOptions = {},
): Promise<{ totals: number[]; records: VendorRecord[] }> {
  const totals: number[] = [];
  const records: VendorRecord[] = [];
  let pages = 1;
  for (let current = 1; current <= pages; current++) {
    const envelope = await query(simulator, { current, size, params: { strTime, endTime } }, options);
    if (envelope.status !== '0' || !envelope.data)
      throw new Error(`status ${envelope.status}: ${envelope.reason}`);
    totals.push(envelope.data.total);
    pages = envelope.data.pages;
    records.push(...envelope.data.records);
  }
  return { totals, records };
}
