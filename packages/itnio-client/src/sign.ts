import { createHash } from 'node:crypto';

/**
 * The vendor's request signature: lowercase hex MD5 of apiKey + apiSecret + timestamp (unix seconds).
 * The concatenated input holds the secret, so it lives only inside this function.
 */
export function sign(apiKey: string, apiSecret: string, timestamp: string): string {
  return createHash('md5')
    .update(apiKey + apiSecret + timestamp, 'utf8')
    .digest('hex');
}
