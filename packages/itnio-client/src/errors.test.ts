import { describe, expect, it } from 'vitest';
import { describeSkew, errorFromVendorStatus, ItnioError, isItnioError } from './errors.js';

const ctx = {
  strTime: '2024-05-02T00:00:00+08:00',
  endTime: '2024-05-03T00:00:00+08:00',
  current: 2,
  size: 100,
};

describe('errorFromVendorStatus', () => {
  it.each([
    ['-1', 'auth', false],
    ['-2', 'ip-not-allowed', false],
    ['-16', 'clock-skew', false],
    ['-18', 'upstream-error', true],
    ['-22', 'bad-request', false],
    ['-25', 'out-of-range', false],
  ] as const)('maps %s to %s (retryable: %s)', (status, kind, retryable) => {
    const error = errorFromVendorStatus(status, 'reason text', ctx);

    expect(error).toBeInstanceOf(ItnioError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ kind, status, retryable, vendorReason: 'reason text' });
    expect(isItnioError(error, kind)).toBe(true);
  });

  it('serialises the fields an API response or a log needs, message included', () => {
    const json = JSON.parse(JSON.stringify(errorFromVendorStatus('-25', 'too old', ctx)));

    expect(json).toMatchObject({ name: 'ItnioError', kind: 'out-of-range', status: '-25', retryable: false });
    expect(json.message).toContain('window 2024-05-02T00:00:00+08:00 to 2024-05-03T00:00:00+08:00, page 2');
  });

  it('keeps the cause out of JSON', () => {
    const error = new ItnioError({
      kind: 'transport',
      retryable: true,
      message: 'x',
      cause: { secret: 'y' },
    });

    expect(JSON.stringify(error)).not.toContain('secret');
    expect(error.cause).toEqual({ secret: 'y' });
  });
});

describe('describeSkew', () => {
  it('says which way and by how much', () => {
    expect(describeSkew(-600)).toContain('off by about 600 s');
    expect(describeSkew(-600)).toContain('behind');
    expect(describeSkew(90)).toContain('ahead of');
  });

  it('points away from our clock when the skew is within the Date header resolution', () => {
    expect(describeSkew(1)).toContain('slow network path');
    expect(describeSkew(undefined)).toContain('no Date header');
  });
});
