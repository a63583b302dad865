// Upstream record (vendor strings) → stored row: instants in UTC ms, money validated as exact decimals,
// and the derived fields the dashboard needs. Anything that does not parse is an error naming the record
// and field: a sync stops loudly rather than storing a guess.
import { MONEY_SCALE } from '@callboard/contracts';
import type { UpstreamRecord } from '@callboard/itnio-client';

export interface StoredRecord {
  voiceId: string;
  callee: string;
  displayNum: string;
  code: string;
  submitAt: number;
  callAt: number | null;
  ringingAt: number | null;
  answerAt: number | null;
  hangupAt: number | null;
  submitTimeRaw: string;
  callTimeRaw: string;
  ringingTimeRaw: string;
  answerTimeRaw: string;
  hangupTimeRaw: string;
  callDuration: number;
  chargedDuration: number;
  terminationCode: string;
  terminationReason: string;
  billPeriod: string;
  voiceFileId: string;
  feedbackValue: string;
  calledInfo: string;
  currency: string;
  cost: string;
  rate: string;
  baseCost: string;
  settleRate: string | null;
  quoteExchange: string | null;
  settlePay: string | null;
  answered: boolean;
  ringSeconds: number | null;
  answerDelaySeconds: number | null;
  overheadSeconds: number;
  syncedAt: number;
}

export class RecordMappingError extends Error {
  constructor(
    readonly voiceId: string,
    readonly field: string,
    value: string,
    expected: string,
  ) {
    super(
      `Upstream record ${voiceId}: field ${field} is ${JSON.stringify(value.slice(0, 60))}, expected ${expected}`,
    );
  }
}

const DECIMAL = new RegExp(`^-?\\d{1,10}(\\.\\d{1,${MONEY_SCALE}})?$`);
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function instant(record: UpstreamRecord, field: keyof UpstreamRecord, required: boolean): number | null {
  const value = String(record[field] ?? '');
  if (value === '') {
    if (required)
      throw new RecordMappingError(record.voiceId, field, value, 'an ISO 8601 time with an offset');
    return null;
  }
  const ms = ISO_WITH_ZONE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new RecordMappingError(record.voiceId, field, value, 'an ISO 8601 time with an offset');
  return ms;
}

function money(record: UpstreamRecord, field: keyof UpstreamRecord, required: true): string;
function money(record: UpstreamRecord, field: keyof UpstreamRecord, required: false): string | null;
function money(record: UpstreamRecord, field: keyof UpstreamRecord, required: boolean): string | null {
  const value = String(record[field] ?? '').trim();
  if (value === '') {
    // A call that never connected may come with an empty cost: that is zero, not unknown.
    return required ? '0' : null;
  }
  if (!DECIMAL.test(value)) {
    throw new RecordMappingError(
      record.voiceId,
      field,
      value,
      `a decimal with at most ${MONEY_SCALE} decimal places`,
    );
  }
  return value;
}

const seconds = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : Math.round((to - from) / 1000);

export function toStoredRecord(record: UpstreamRecord, syncedAt: number): StoredRecord {
  const submitAt = instant(record, 'submitTime', true)!;
  const ringingAt = instant(record, 'ringingTime', false);
  const answerAt = instant(record, 'answerTime', false);
  const hangupAt = instant(record, 'hangupTime', false);
  const callDuration = record.callDuration;
  const chargedDuration = record.chargedDuration;
  const currency = (record.currency ?? '').trim().toUpperCase() || 'USD';
  return {
    voiceId: record.voiceId,
    callee: record.callee,
    displayNum: record.displayNum,
    code: record.code,
    submitAt,
    callAt: instant(record, 'callTime', false),
    ringingAt,
    answerAt,
    hangupAt,
    submitTimeRaw: record.submitTime,
    callTimeRaw: record.callTime,
    ringingTimeRaw: record.ringingTime,
    answerTimeRaw: record.answerTime,
    hangupTimeRaw: record.hangupTime,
    callDuration,
    chargedDuration,
    terminationCode: record.terminationCode,
    terminationReason: record.terminationReason,
    billPeriod: record.billPeriod,
    voiceFileId: record.voiceFileId,
    feedbackValue: record.feedbackValue,
    calledInfo: record.calledInfo,
    currency,
    cost: money(record, 'cost', true),
    rate: money(record, 'rate', true),
    baseCost: money(record, 'baseCost', true),
    settleRate: money(record, 'settleRate', false),
    quoteExchange: money(record, 'quoteExchange', false),
    settlePay: money(record, 'settlePay', false),
    // Codes differ between conventions (1000/success, 200/OK, 0): answered is what the times say.
    answered: answerAt !== null || callDuration > 0,
    ringSeconds: ringingAt === null ? null : seconds(ringingAt, answerAt ?? hangupAt),
    answerDelaySeconds: seconds(submitAt, answerAt),
    overheadSeconds: Math.max(0, chargedDuration - callDuration),
    syncedAt,
  };
}
