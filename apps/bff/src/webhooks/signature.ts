// The signature every delivery carries: HMAC-SHA256 of `timestamp.body` with the webhook's secret, so a
// receiver can check origin (only Callboard and the receiver know the secret) and freshness (the timestamp is
// signed too: an old delivery replayed later is refused). The README's receiver snippet does exactly this.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_PREFIX = 'sha256=';

/** The value of the signature header for `body` sent at `timestamp` (Unix seconds). */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return SIGNATURE_PREFIX + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** A receiver's check: signature matches and the timestamp is within `toleranceSeconds` of `nowSeconds`. */
export function verifyDelivery(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (
    !headers.signature ||
    !Number.isInteger(timestamp) ||
    Math.abs(nowSeconds - timestamp) > toleranceSeconds
  )
    return false;
  const expected = Buffer.from(signDelivery(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
