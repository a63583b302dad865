export interface FaultOptions {
  /** Added delay per request (default 0). */
  latencyMs?: number;
  /** Random extra delay 0..jitter. */
  latencyJitterMs?: number;
  /** Probability 0..1 of answering vendor status "-18" (HTTP 200, vendor envelope). */
  errorRate?: number;
  /** Probability of an HTTP 503 or 429 (alternating) with a non-JSON or JSON body (alternating). */
  httpErrorRate?: number;
  /** Probability of destroying the socket without answering (connection reset). */
  dropRate?: number;
  /** Probability of sending a 200 with truncated JSON. */
  truncateRate?: number;
  /** Probability, per page request with current>1, of inserting one new record into the queried window. */
  driftRate?: number;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  key?: string;
  secret?: string;
  /** How many days of history exist before "now" (default 62). */
  days?: number;
  /** Average calls per day (default 2000), with daily and weekly rhythm. */
  callsPerDay?: number;
  /** Allowed |Timestamp - now| in seconds (default 60). */
  skewSeconds?: number;
  /** When set, other callers get "-2". */
  allowIps?: string[];
  /** The simulator's clock in epoch ms (default Date.now). */
  now?: () => number;
  /** strTime older than now minus this many calendar months (UTC) => "-25" (default 2). */
  retentionMonths?: number;
  faults?: FaultOptions;
  /** Seeds fault randomness so fault tests are repeatable. */
  faultSeed?: number;
  /** From start: calls to this destination are answered at this rate (0–1) instead of about 0.55. */
  degrade?: { code: string; answerRate: number };
}

/** A destination answering less than usual, from `since` (epoch ms). */
export interface Degradation {
  code: string;
  answerRate: number;
  since: number;
}

export interface SimulatorStats {
  requests: number;
  byStatus: Record<string, number>;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:41234 (no trailing slash); the endpoint is `${url}/voice/recordGroupQuery`. */
  url: string;
  close(): Promise<void>;
  dataset: Dataset;
  setFaults(faults: FaultOptions): void;
  /** Calls to `code` submitted from now on are answered at `answerRate` (0–1); one destination at a time. */
  degrade(code: string, answerRate: number): void;
  /** Ends the degradation: calls submitted from now on are answered normally. */
  restore(): void;
  degradation(): Degradation | null;
  stats(): SimulatorStats;
}

export interface Aggregate {
  count: number;
  costByCurrency: Record<string, string>;
  baseCostUsd: string;
}

export interface Dataset {
  /** Exactly the records the API would return for [fromMs, toMs) at clock time atMs (default now()), in API order. */
  recordsBetween(fromMs: number, toMs: number, atMs?: number): VendorRecord[];
  /** Same set, aggregated: count and exact cost per currency as decimal strings ('USD' for empty/absent currency). */
  aggregate(fromMs: number, toMs: number, atMs?: number): Aggregate;
  countBetween(fromMs: number, toMs: number, atMs?: number): number;
}

export type VendorRecord = {
  voiceId: string;
  callee: string;
  displayNum: string;
  code: string;
  submitTime: string;
  callTime: string;
  ringingTime: string;
  answerTime: string;
  hangupTime: string;
  callDuration: number;
  chargedDuration: number;
  terminationCode: string;
  terminationReason: string;
  cost: string;
  billPeriod: string;
  rate: string;
  baseCost: string;
  voiceFileId: string;
  feedbackValue: string;
  calledInfo: string;
  settleRate?: string;
  quoteExchange?: string;
  settlePay?: string;
  currency?: string;
};
