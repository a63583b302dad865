import { createHash } from 'node:crypto';

/** The vendor's request signature: lowercase hex md5(key + secret + timestamp). The simulator's own copy. */
export function sign(key: string, secret: string, timestamp: string): string {
  return createHash('md5')
    .update(key + secret + timestamp, 'utf8')
    .digest('hex');
}
