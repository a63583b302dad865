import { describe, expect, it } from 'vitest';
import {
  envelopeSchema,
  recordPageEnvelopeSchema,
  recordPageSchema,
  upstreamRecordSchema,
} from './schemas.js';
import { seedRecord, successBody, usdRecord } from './test-support/fixtures.js';

describe('upstreamRecordSchema', () => {
  it('parses the seed sample record with money kept as exact strings', () => {
    const record = upstreamRecordSchema.parse(seedRecord);

    expect(record).toEqual(seedRecord);
    expect(record.cost).toBe('2');
    expect(record.settleRate).toBe('1.2793');
    expect(record.callDuration).toBe(5);
  });

  it('keeps money strings that a float would round, untouched', () => {
    const record = upstreamRecordSchema.parse({
      ...seedRecord,
      cost: '0.10000001',
      baseCost: '1234567890.12345678',
    });

    expect(record.cost).toBe('0.10000001');
    expect(record.baseCost).toBe('1234567890.12345678');
  });

  it('refuses an amount the stores could not hold exactly, naming the field', () => {
    const result = upstreamRecordSchema.safeParse({ ...seedRecord, baseCost: '12345678901.5' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['baseCost']);
  });

  it('turns absent, null or empty quote-currency fields into ""', () => {
    const absent = upstreamRecordSchema.parse(usdRecord('1'));
    const nulls = upstreamRecordSchema.parse({ ...seedRecord, currency: null, settleRate: null });
    const empty = upstreamRecordSchema.parse({ ...seedRecord, currency: '', settlePay: '' });

    expect([absent.currency, absent.settleRate, absent.quoteExchange, absent.settlePay]).toEqual([
      '',
      '',
      '',
      '',
    ]);
    expect([nulls.currency, nulls.settleRate]).toEqual(['', '']);
    expect([empty.currency, empty.settlePay]).toEqual(['', '']);
  });

  it('accepts empty times for calls never answered', () => {
    const record = upstreamRecordSchema.parse({
      ...seedRecord,
      answerTime: '',
      ringingTime: '',
      callDuration: 0,
    });

    expect(record.answerTime).toBe('');
  });

  it('accepts durations sent as numeric strings and converts them exactly', () => {
    const record = upstreamRecordSchema.parse({ ...seedRecord, callDuration: '42', chargedDuration: '60' });

    expect(record.callDuration).toBe(42);
    expect(record.chargedDuration).toBe(60);
  });

  it.each([
    ['cost as a number', { cost: 2 }, ['cost']],
    ['cost with a comma', { cost: '1,5' }, ['cost']],
    ['rate with 9 decimals', { rate: '0.123456789' }, ['rate']],
    ['time without offset', { submitTime: '2022-02-18 14:42:40' }, ['submitTime']],
    ['fractional duration', { callDuration: 1.5 }, ['callDuration']],
    ['duration "5s"', { chargedDuration: '5s' }, ['chargedDuration']],
    ['missing voiceId', { voiceId: undefined }, ['voiceId']],
    ['non-USD money field malformed', { settlePay: 'n/a' }, ['settlePay']],
  ])('rejects %s, naming the field', (_name, patch, path) => {
    const result = upstreamRecordSchema.safeParse({ ...seedRecord, ...patch });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});

describe('envelope and page', () => {
  it('parses a whole successful response', () => {
    const body = recordPageEnvelopeSchema.parse(successBody([seedRecord, usdRecord('2')], { total: 2 }));

    expect(body.data.total).toBe(2);
    expect(body.data.records[1]?.currency).toBe('');
  });

  it('keeps status a string, and turns a numeric status into one', () => {
    expect(envelopeSchema.parse({ status: '-1', reason: 'auth' }).status).toBe('-1');
    expect(envelopeSchema.parse({ status: -18 }).status).toBe('-18');
    expect(envelopeSchema.parse({ status: '-18', reason: null }).reason).toBe('');
  });

  it('names the path of a bad record inside a page', () => {
    const result = recordPageSchema.safeParse(successBody([seedRecord, { ...seedRecord, cost: 1 }]).data);

    expect(result.error?.issues[0]?.path).toEqual(['records', 1, 'cost']);
  });
});
