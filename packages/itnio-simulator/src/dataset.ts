import { createHash } from 'node:crypto';
import {
  ANSWERED_SIP,
  ANSWERED_VENDOR,
  DEMO_CALLEE,
  type Destination,
  DTMF_KEYS,
  demoDestination,
  destinationForHash,
  displayNumbers,
  longCalledInfos,
  NEVER_RANG,
  RANG_NOT_ANSWERED_SIP,
  RANG_NOT_ANSWERED_VENDOR,
  shortCalledInfos,
  type Termination,
} from './catalog.js';
import {
  compactOfPlus8,
  DAY_MS,
  dayStampPlus8,
  formatPlus8,
  HOUR_MS,
  SECOND_MS,
  VENDOR_OFFSET_MS,
} from './iso-time.js';
import { Lru } from './lru.js';
import { formatMoney, multiplyMoney } from './money.js';
import { createRng, foldSeed, hash3, type Rng, unit } from './random.js';
import type { Aggregate, Dataset, VendorRecord } from './types.js';

/** One generated call: its final record plus the event instants needed to show it at an earlier clock. */
export interface CallItem {
  submitMs: number;
  callMs: number;
  /** NaN when the call never rang. */
  ringMs: number;
  /** NaN when the call was not answered. */
  answerMs: number;
  hangupMs: number;
  /** Latest event; from then on the record no longer changes. */
  settledMs: number;
  /** Clock time from which the record exists at all (drift inserts appear mid-sync). */
  visibleFromMs: number;
  currency: 'USD' | 'EUR';
  costScaled: bigint;
  baseCostScaled: bigint;
  /** 19 digits: yyMMddHHmmss (+08:00) of submitTime, then a sequence; so string order is API order. */
  voiceId: string;
  /** Serialisation of the final record; the record object is parsed from it on demand. */
  json: string;
}

export interface DatasetConfig {
  seed: number;
  days: number;
  callsPerDay: number;
  now: () => number;
}

export interface PageResult {
  total: number;
  items: CallItem[];
}

interface HourContext {
  voiceFiles: string[];
  exchange: bigint;
  exchangeText: string;
}

interface HourTotals {
  count: number;
  usdCount: number;
  eurCount: number;
  usd: bigint;
  eur: bigint;
  baseUsd: bigint;
  maxSettledMs: number;
  maxVisibleFromMs: number;
}

// Hour-of-day weights in +08:00: quiet before dawn in Asia, a daytime peak, an evening shoulder
// for Europe and the Americas.
const RAW_DAILY = [
  0.35, 0.25, 0.18, 0.15, 0.15, 0.2, 0.3, 0.5, 0.9, 1.3, 1.6, 1.7, 1.4, 1.5, 1.7, 1.8, 1.7, 1.6, 1.4, 1.2,
  1.1, 1.0, 0.8, 0.55,
];
// Sunday..Saturday in +08:00: weekends lower.
const RAW_WEEKLY = [0.55, 1.08, 1.1, 1.1, 1.1, 1.05, 0.7];
const normalise = (xs: number[]): number[] => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.map((x) => x / mean);
};
const DAILY = normalise(RAW_DAILY);
const WEEKLY = normalise(RAW_WEEKLY);

// Purposes mixed into the hour hash so each stream is independent.
const P_COUNT_NOISE = 1;
const P_COUNT_ROUND = 2;
const P_OFFSETS = 3;
const P_RECORDS = 4;
const P_DEMO = 5;
const P_DEMO_INDEX = 6;
const P_CALLEE_A = 7;
const P_CALLEE_B = 8;
const P_EXCHANGE = 9;
const P_DRIFT = 10;
const P_DEGRADE = 11;
/** Share of calls answered in generated traffic (before any degradation). */
export const ANSWER_RATE = 0.55;

const BASE_SEQUENCE = 1_000_000;
// Drift inserts sort after every generated call of the same second, i.e. they are the newest.
const DRIFT_SEQUENCE = 9_000_000;

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** chargedDuration for billPeriod `F+N`: nothing for no talk, F for up to F seconds, then whole N blocks. */
export function chargedSeconds(callDuration: number, firstSeconds: number, blockSeconds: number): number {
  if (callDuration <= 0) return 0;
  if (callDuration <= firstSeconds) return firstSeconds;
  return firstSeconds + Math.ceil((callDuration - firstSeconds) / blockSeconds) * blockSeconds;
}

/** Lazily generated, deterministic call history. Every query reads through the same hour buckets. */
export class SimDataset implements Dataset {
  readonly historyStartMs: number;
  private readonly seed: number;
  private readonly callsPerDay: number;
  private readonly calleePoolSize: number;
  private readonly now: () => number;
  private readonly hourCounts = new Map<number, number>();
  private readonly offsetCache = new Lru<number, Int32Array>(4096);
  private readonly bucketCache = new Lru<number, CallItem[]>(16);
  private readonly totalsCache = new Map<number, HourTotals>();
  private readonly extras = new Map<number, CallItem[]>();
  private readonly voiceFiles = new Map<string, string[]>();
  private driftCount = 0;
  /** Periods in which one destination answered less; kept so regenerated hours come out the same. */
  private readonly degradations: Degradation[] = [];

  constructor(config: DatasetConfig) {
    this.seed = foldSeed(config.seed);
    this.callsPerDay = Math.max(0, config.callsPerDay);
    this.now = config.now;
    // Fixed at start so history does not slide away while a live clock advances.
    this.historyStartMs = (Math.floor(config.now() / HOUR_MS) - Math.round(config.days * 24)) * HOUR_MS;
    this.calleePoolSize = Math.max(50, Math.round((this.callsPerDay * config.days) / 5));
  }

  recordsBetween(fromMs: number, toMs: number, atMs = this.now()): VendorRecord[] {
    const { items } = this.page(fromMs, toMs, 1, Number.MAX_SAFE_INTEGER, atMs);
    return items.map((item) => recordAt(item, atMs));
  }

  countBetween(fromMs: number, toMs: number, atMs = this.now()): number {
    const range = this.range(fromMs, toMs, atMs);
    if (!range) return 0;
    let total = 0;
    for (let h = range.lastHour; h >= range.firstHour; h--)
      total += this.countInHour(h, range.lo, range.hi, atMs);
    return total;
  }

  aggregate(fromMs: number, toMs: number, atMs = this.now()): Aggregate {
    const sum: HourTotals = emptyTotals();
    const range = this.range(fromMs, toMs, atMs);
    if (range) {
      for (let h = range.firstHour; h <= range.lastHour; h++) {
        const start = h * HOUR_MS;
        const whole = start >= range.lo && start + HOUR_MS <= range.hi;
        const cached = whole ? this.hourTotals(h) : undefined;
        if (cached && cached.maxSettledMs <= atMs && cached.maxVisibleFromMs <= atMs) {
          addTotals(sum, cached);
          continue;
        }
        for (const item of this.itemsInHour(h, range.lo, range.hi, atMs)) addItem(sum, item, atMs);
      }
    }
    const costByCurrency: Record<string, string> = {};
    if (sum.usdCount > 0) costByCurrency.USD = formatMoney(sum.usd);
    if (sum.eurCount > 0) costByCurrency.EUR = formatMoney(sum.eur);
    return { count: sum.count, costByCurrency, baseCostUsd: formatMoney(sum.baseUsd) };
  }

  /** One API page: records with submitTime in [fromMs, toMs) and submitTime <= atMs, newest first. */
  page(fromMs: number, toMs: number, current: number, size: number, atMs: number): PageResult {
    const range = this.range(fromMs, toMs, atMs);
    if (!range) return { total: 0, items: [] };
    const hours: number[] = [];
    const counts: number[] = [];
    let total = 0;
    for (let h = range.lastHour; h >= range.firstHour; h--) {
      const n = this.countInHour(h, range.lo, range.hi, atMs);
      if (n > 0) {
        hours.push(h);
        counts.push(n);
        total += n;
      }
    }
    let skip = (current - 1) * size;
    const items: CallItem[] = [];
    if (skip >= total) return { total, items };
    for (let i = 0; i < hours.length && items.length < size; i++) {
      const n = counts[i]!;
      if (skip >= n) {
        skip -= n;
        continue;
      }
      const inHour = this.itemsInHour(hours[i]!, range.lo, range.hi, atMs);
      const end = Math.min(inHour.length, skip + (size - items.length));
      for (let j = skip; j < end; j++) items.push(inHour[j]!);
      skip = 0;
    }
    return { total, items };
  }

  /**
   * Page drift: adds one call at the newest second of [fromMs, toMs) that has already happened, so it
   * lands on page 1 and shifts every later page. It stays in the dataset (and the ground truth) from
   * then on. Returns null when the window has no second that is both past and in history.
   */
  insertDriftRecord(fromMs: number, toMs: number, atMs: number): CallItem | null {
    const newest = Math.floor(Math.min(toMs - 1, atMs) / SECOND_MS) * SECOND_MS;
    if (newest < fromMs || newest < this.historyStartMs) return null;
    const sequence = DRIFT_SEQUENCE + (this.driftCount % 1_000_000);
    const rng = createRng(hash3(this.seed, this.driftCount, P_DRIFT));
    this.driftCount++;
    const item = this.buildItem(rng, newest, sequence, false, this.hourContext(newest));
    item.visibleFromMs = atMs;
    const hour = Math.floor(newest / HOUR_MS);
    const list = this.extras.get(hour) ?? [];
    list.push(item);
    this.extras.set(hour, list);
    this.bucketCache.delete(hour);
    this.totalsCache.delete(hour);
    return item;
  }

  /**
   * From `atMs` on, calls to `code` are answered at `answerRate` (0–1) instead of about 0.55, until
   * `restore`. Calls submitted before are unchanged, so what was already synced stays true.
   */
  degrade(code: string, answerRate: number, atMs: number): void {
    this.restore(atMs);
    this.degradations.push({
      code,
      answerRate: Math.min(ANSWER_RATE, Math.max(0, answerRate)),
      from: atMs,
      to: Number.POSITIVE_INFINITY,
    });
    this.forgetFrom(atMs);
  }

  /** Ends the current degradation at `atMs`: calls submitted from then on are answered normally again. */
  restore(atMs: number): void {
    const open = this.degradations.find((d) => d.to === Number.POSITIVE_INFINITY);
    if (!open) return;
    open.to = Math.max(open.from, atMs);
    this.forgetFrom(atMs);
  }

  currentDegradation(): { code: string; answerRate: number; since: number } | null {
    const open = this.degradations.find((d) => d.to === Number.POSITIVE_INFINITY);
    return open ? { code: open.code, answerRate: open.answerRate, since: open.from } : null;
  }

  /** Generated hours from `atMs` on are built again with the new answer rates. */
  private forgetFrom(atMs: number): void {
    const first = Math.floor(atMs / HOUR_MS);
    for (let h = first; h <= first + 24 * 7; h++) {
      this.bucketCache.delete(h);
      this.totalsCache.delete(h);
    }
  }

  /** True when this answered call falls in a degradation of its destination and loses the draw. */
  private degradedAway(code: string, submitMs: number, sequence: number): boolean {
    const period = this.degradations.find((d) => d.code === code && submitMs >= d.from && submitMs < d.to);
    if (!period) return false;
    return (
      unit(hash3(this.seed ^ P_DEGRADE, Math.floor(submitMs / SECOND_MS), sequence)) >=
      period.answerRate / ANSWER_RATE
    );
  }

  private range(fromMs: number, toMs: number, atMs: number) {
    const lo = Math.max(fromMs, this.historyStartMs);
    // A call exists once submitted: submitTime <= atMs.
    const hi = Math.min(toMs, Math.floor(atMs) + 1);
    if (!(hi > lo)) return null;
    return { lo, hi, firstHour: Math.floor(lo / HOUR_MS), lastHour: Math.floor((hi - 1) / HOUR_MS) };
  }

  /** Calls generated for hour h, before drift; from a hash with daily and weekly rhythm. */
  private baseCount(h: number): number {
    let n = this.hourCounts.get(h);
    if (n === undefined) {
      const shifted = h * HOUR_MS + VENDOR_OFFSET_MS;
      const hourOfDay = Math.floor(shifted / HOUR_MS) % 24;
      const dayOfWeek = (Math.floor(shifted / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday
      const expected = (this.callsPerDay / 24) * DAILY[hourOfDay]! * WEEKLY[dayOfWeek]!;
      const noise = 0.85 + 0.3 * unit(hash3(this.seed, h, P_COUNT_NOISE));
      n =
        h * HOUR_MS < this.historyStartMs
          ? 0
          : Math.floor(expected * noise + unit(hash3(this.seed, h, P_COUNT_ROUND)));
      this.hourCounts.set(h, n);
    }
    return n;
  }

  /** Sorted second-of-hour of each generated call; cheap enough that counting never builds records. */
  private offsets(h: number): Int32Array {
    let offsets = this.offsetCache.get(h);
    if (!offsets) {
      const n = this.baseCount(h);
      const rng = createRng(hash3(this.seed, h, P_OFFSETS));
      offsets = new Int32Array(n);
      for (let i = 0; i < n; i++) offsets[i] = Math.floor(rng() * 3600);
      offsets.sort();
      this.offsetCache.set(h, offsets);
    }
    return offsets;
  }

  private countInHour(h: number, lo: number, hi: number, atMs: number): number {
    const start = h * HOUR_MS;
    let n: number;
    if (start >= lo && start + HOUR_MS <= hi) {
      n = this.baseCount(h);
    } else {
      const offsets = this.offsets(h);
      const first = Math.max(0, Math.ceil((lo - start) / SECOND_MS));
      const end = Math.min(3600, Math.ceil((hi - start) / SECOND_MS));
      n = end > first ? lowerBound(offsets, end) - lowerBound(offsets, first) : 0;
    }
    const extra = this.extras.get(h);
    if (extra) {
      for (const item of extra) {
        if (item.submitMs >= lo && item.submitMs < hi && item.visibleFromMs <= atMs) n++;
      }
    }
    return n;
  }

  private itemsInHour(h: number, lo: number, hi: number, atMs: number): CallItem[] {
    const items = this.bucket(h);
    const start = h * HOUR_MS;
    if (start >= lo && start + HOUR_MS <= hi && !this.extras.has(h)) return items;
    return items.filter((it) => it.submitMs >= lo && it.submitMs < hi && it.visibleFromMs <= atMs);
  }

  private hourTotals(h: number): HourTotals {
    let totals = this.totalsCache.get(h);
    if (!totals) {
      this.bucket(h);
      totals = this.totalsCache.get(h)!;
    }
    return totals;
  }

  /** All calls of hour h in API order (newest first), drift inserts merged in. */
  private bucket(h: number): CallItem[] {
    const cached = this.bucketCache.get(h);
    if (cached) return cached;
    const offsets = this.offsets(h);
    const start = h * HOUR_MS;
    const rng = createRng(hash3(this.seed, h, P_RECORDS));
    const n = offsets.length;
    // Roughly seven calls a day to the demo number, at random hours.
    const demoIndex =
      n > 0 && unit(hash3(this.seed, h, P_DEMO)) < 0.3 ? hash3(this.seed, h, P_DEMO_INDEX) % n : -1;
    let items: CallItem[] = new Array(n);
    const context = this.hourContext(start);
    for (let i = 0; i < n; i++) {
      // Stored newest first; generated oldest first so the random stream is fixed per position.
      const submitMs = start + offsets[i]! * SECOND_MS;
      items[n - 1 - i] = this.buildItem(rng, submitMs, BASE_SEQUENCE + i, i === demoIndex, context);
    }
    const extra = this.extras.get(h);
    if (extra) {
      items = items.concat(extra);
      items.sort((a, b) => (a.voiceId < b.voiceId ? 1 : a.voiceId > b.voiceId ? -1 : 0));
    }
    if (!this.totalsCache.has(h)) {
      const totals = emptyTotals();
      for (const item of items) addItem(totals, item, Number.POSITIVE_INFINITY);
      this.totalsCache.set(h, totals);
    }
    this.bucketCache.set(h, items);
    return items;
  }

  private callee(rng: Rng): { callee: string; destination: Destination } {
    // Squaring a uniform draw skews towards low indexes: a few numbers get called very often.
    const u = rng();
    const index = Math.floor(this.calleePoolSize * u * u);
    const a = hash3(this.seed, index, P_CALLEE_A);
    const b = hash3(this.seed, index, P_CALLEE_B);
    const destination = destinationForHash(a);
    const digits =
      String(1 + (a % 9)) +
      String(b % 1_000_000_000).padStart(9, '0') +
      String((a >>> 8) % 100_000).padStart(5, '0');
    const national = (destination.lead + digits).slice(0, destination.nationalLength);
    return { callee: destination.callingCode + national, destination };
  }

  /** Values shared by every call of one hour: that day's campaign files and exchange rate. */
  private hourContext(ms: number): HourContext {
    const day = dayStampPlus8(ms);
    let files = this.voiceFiles.get(day);
    if (!files) {
      if (this.voiceFiles.size > 512) this.voiceFiles.clear();
      // A few campaign recordings per day, shared by many calls, as group calls are.
      files = [0, 1, 2, 3].map(
        (k) => `1${day}${createHash('md5').update(`${this.seed}:${day}:${k}`).digest('hex')}.mp3`,
      );
      this.voiceFiles.set(day, files);
    }
    // One exchange rate per +08:00 day, 0.9000..0.9699.
    const dayIndex = Math.floor((ms + VENDOR_OFFSET_MS) / DAY_MS);
    const exchange = BigInt(9000 + (hash3(this.seed, dayIndex, P_EXCHANGE) % 700)) * 10_000n;
    return { voiceFiles: files, exchange, exchangeText: formatMoney(exchange) };
  }

  private buildItem(
    rng: Rng,
    submitMs: number,
    sequence: number,
    demo: boolean,
    context: HourContext,
  ): CallItem {
    let callee: string;
    let destination: Destination;
    if (demo) {
      rng();
      callee = DEMO_CALLEE;
      destination = demoDestination;
    } else {
      ({ callee, destination } = this.callee(rng));
    }
    const displayNum = pick(displayNumbers, rng);
    const voiceFileId = pick(context.voiceFiles, rng);
    let callMs = submitMs + Math.floor(rng() * 4) * SECOND_MS;
    // Every draw below happens as drawn here, so a degraded call leaves the calls after it unchanged.
    const drawnAnswered = rng() < ANSWER_RATE;
    let answered = drawnAnswered;
    let termination: Termination;
    if (answered) termination = destination.sipStyle ? ANSWERED_SIP : ANSWERED_VENDOR;
    else if (rng() < 0.3) termination = pick(NEVER_RANG, rng);
    else termination = pick(destination.sipStyle ? RANG_NOT_ANSWERED_SIP : RANG_NOT_ANSWERED_VENDOR, rng);
    const ringMs = termination.rang ? callMs + (1 + Math.floor(rng() * 5)) * SECOND_MS : Number.NaN;
    let answerMs = Number.NaN;
    let hangupMs: number;
    let callDuration = 0;
    if (answered) {
      answerMs = ringMs + (2 + Math.floor(rng() * 24)) * SECOND_MS;
      callDuration = Math.min(3600, 1 + Math.floor(-Math.log(1 - rng()) * 50));
      hangupMs = answerMs + callDuration * SECOND_MS;
    } else if (termination.rang) {
      hangupMs = ringMs + (3 + Math.floor(rng() * 43)) * SECOND_MS;
    } else {
      hangupMs = callMs + (1 + Math.floor(rng() * 30)) * SECOND_MS;
    }
    // The seed's sample has callTime after ringingTime; about 1% of rung calls copy that quirk.
    if (termination.rang && rng() < 0.01) callMs = ringMs + (1 + Math.floor(rng() * 120)) * SECOND_MS;
    let feedbackValue = answered && rng() < 0.3 ? DTMF_KEYS[Math.floor(rng() * DTMF_KEYS.length)]! : '-1';
    const calledInfo = this.calledInfo(rng);
    const currencyDraw = rng();
    if (drawnAnswered && !demo && this.degradedAway(destination.code, submitMs, sequence)) {
      // Rang but nobody answered: the outcome comes from its own hash, not the shared stream.
      const h = hash3(this.seed ^ P_DEGRADE, sequence, Math.floor(submitMs / SECOND_MS));
      const outcomes = destination.sipStyle ? RANG_NOT_ANSWERED_SIP : RANG_NOT_ANSWERED_VENDOR;
      answered = false;
      termination = outcomes[h % outcomes.length]!;
      answerMs = Number.NaN;
      callDuration = 0;
      feedbackValue = '-1';
      hangupMs = ringMs + (3 + (h % 43)) * SECOND_MS;
    }
    const chargedDuration = chargedSeconds(callDuration, destination.firstSeconds, destination.blockSeconds);
    const blocks = BigInt(chargedDuration / destination.blockSeconds);
    const eur = currencyDraw < 0.2;
    const costScaled = (eur ? destination.eurRateScaled : destination.rateScaled) * blocks;
    const baseCostScaled = destination.baseRateScaled * blocks;
    const submitTime = formatPlus8(submitMs);
    // Joined, not `+`: a flat 19-character string instead of a retained tree of slices.
    const voiceId = [compactOfPlus8(submitTime), sequence].join('');
    // Serialised by hand, once: every value but code and calledInfo is digits, ISO times or fixed ASCII,
    // and those two are JSON-escaped from a memo. JSON.stringify per record dominated page cost. Array
    // join yields one flat string; `+` would keep a tree of ~60 string pieces alive per cached record.
    const parts = [
      '{"voiceId":"',
      voiceId,
      '","callee":"',
      callee,
      '","displayNum":"',
      displayNum,
      '","code":',
      jsonString(destination.code),
      ',"submitTime":"',
      submitTime,
      '","callTime":"',
      formatPlus8(callMs),
      '","ringingTime":"',
      termination.rang ? formatPlus8(ringMs) : '',
      '","answerTime":"',
      answered ? formatPlus8(answerMs) : '',
      '","hangupTime":"',
      formatPlus8(hangupMs),
      '","callDuration":',
      String(callDuration),
      ',"chargedDuration":',
      String(chargedDuration),
      ',"terminationCode":"',
      termination.code,
      '","terminationReason":"',
      termination.reason,
      '","cost":"',
      formatMoney(costScaled),
      '","billPeriod":"',
      destination.billPeriod,
      '","rate":"',
      eur ? destination.eurRate : destination.rate,
      '","baseCost":"',
      formatMoney(baseCostScaled),
      '","voiceFileId":"',
      voiceFileId,
      '","feedbackValue":"',
      feedbackValue,
      '","calledInfo":',
      jsonString(calledInfo),
    ];
    if (eur) {
      parts.push(
        ',"settleRate":"',
        formatMoney(multiplyMoney(destination.eurRateScaled, context.exchange)),
        '","quoteExchange":"',
        context.exchangeText,
        '","currency":"EUR","settlePay":"',
        formatMoney(multiplyMoney(costScaled, context.exchange)),
        '"}',
      );
    } else if (currencyDraw < 0.47) {
      // USD shown four ways, as real accounts do: absent, empty, or explicit with or without settle fields.
      parts.push('}');
    } else if (currencyDraw < 0.74) {
      parts.push(',"settleRate":"","quoteExchange":"","currency":"","settlePay":""}');
    } else if (currencyDraw < 0.87) {
      parts.push(',"settleRate":"","quoteExchange":"","currency":"USD","settlePay":""}');
    } else {
      parts.push(',"currency":"USD"}');
    }
    const json = parts.join('');
    return {
      voiceId,
      submitMs,
      callMs,
      ringMs,
      answerMs,
      hangupMs,
      settledMs: Math.max(callMs, hangupMs),
      visibleFromMs: Number.NEGATIVE_INFINITY,
      currency: eur ? 'EUR' : 'USD',
      costScaled,
      baseCostScaled,
      json,
    };
  }

  private calledInfo(rng: Rng): string {
    const u = rng();
    if (u < 0.6) return '';
    if (u < 0.9) return pick(shortCalledInfos, rng);
    if (u < 0.985) return `${pick(shortCalledInfos, rng)}, ${pick(shortCalledInfos, rng)}`;
    return pick(longCalledInfos, rng);
  }
}

/** The record as the API shows it at clock atMs: events after atMs are not known yet. */
export function recordAt(item: CallItem, atMs: number): VendorRecord {
  const r = JSON.parse(item.json) as VendorRecord;
  if (item.settledMs <= atMs) return r;
  if (item.callMs > atMs) r.callTime = '';
  if (item.ringMs > atMs) r.ringingTime = '';
  if (item.answerMs > atMs) r.answerTime = '';
  if (item.hangupMs > atMs) {
    r.hangupTime = '';
    r.callDuration = 0;
    r.chargedDuration = 0;
    r.terminationCode = '';
    r.terminationReason = '';
    r.cost = '0';
    r.baseCost = '0';
    r.feedbackValue = '-1';
    if (item.currency === 'EUR') r.settlePay = '0';
  }
  return r;
}

/** JSON of the record at clock atMs; only calls still in progress are re-serialised. */
export function recordJsonAt(item: CallItem, atMs: number): string {
  return item.settledMs <= atMs ? item.json : JSON.stringify(recordAt(item, atMs));
}

const escaped = new Map<string, string>();

/** JSON.stringify of a string, memoised: codes and free texts come from small pools. */
function jsonString(text: string): string {
  let json = escaped.get(text);
  if (json === undefined) {
    if (escaped.size > 10_000) escaped.clear();
    json = JSON.stringify(text);
    escaped.set(text, json);
  }
  return json;
}

interface Degradation {
  code: string;
  answerRate: number;
  from: number;
  to: number;
}

function emptyTotals(): HourTotals {
  return {
    count: 0,
    usdCount: 0,
    eurCount: 0,
    usd: 0n,
    eur: 0n,
    baseUsd: 0n,
    maxSettledMs: Number.NEGATIVE_INFINITY,
    maxVisibleFromMs: Number.NEGATIVE_INFINITY,
  };
}

function addItem(totals: HourTotals, item: CallItem, atMs: number): void {
  const settled = item.hangupMs <= atMs;
  totals.count++;
  if (item.currency === 'EUR') {
    totals.eurCount++;
    if (settled) totals.eur += item.costScaled;
  } else {
    totals.usdCount++;
    if (settled) totals.usd += item.costScaled;
  }
  if (settled) totals.baseUsd += item.baseCostScaled;
  totals.maxSettledMs = Math.max(totals.maxSettledMs, item.settledMs);
  totals.maxVisibleFromMs = Math.max(totals.maxVisibleFromMs, item.visibleFromMs);
}

function addTotals(into: HourTotals, from: HourTotals): void {
  into.count += from.count;
  into.usdCount += from.usdCount;
  into.eurCount += from.eurCount;
  into.usd += from.usd;
  into.eur += from.eur;
  into.baseUsd += from.baseUsd;
}
