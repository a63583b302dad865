// One POST of a JSON body to a webhook URL, bounded in time, following no redirects, reading no more of the
// answer than its status. Webhook URLs are typed by signed-in users, so by default the request may not reach
// this machine or the private network (metadata services, databases): the address is checked after DNS
// resolution, on the address actually connected to, so a name that resolves inward is refused too.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local, carrier-grade NAT, multicast or reserved (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A failure told in words that carry no URL path, query or secret: they go to the delivery log. */
export class PostError extends Error {}

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, options, (error, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const inward = addresses.find((a) => isPrivateAddress(a));
      if (!allowPrivate && inward !== undefined) {
        return callback(
          Object.assign(new Error('private address'), { code: 'EPRIVATE', address: inward }),
          address,
          family,
        );
      }
      callback(null, address, family);
    });
  };
}

/** The reason a request failed, without the URL's path or query. */
function describe(
  error: NodeJS.ErrnoException & { address?: string },
  host: string,
  timeoutMs: number,
): string {
  switch (error.code) {
    case 'EPRIVATE':
      return `refused: ${host} resolves to ${error.address}, a private or loopback address (set CALLBOARD_WEBHOOK_ALLOW_PRIVATE=true to allow)`;
    case 'ETIMEDOUT':
    case 'ABORT_ERR':
      return `no answer within ${Math.round(timeoutMs / 1000)} s`;
    case 'ECONNREFUSED':
      return `connection refused by ${host}`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${host}`;
    default:
      return error.code ? `network error ${error.code} talking to ${host}` : `request to ${host} failed`;
  }
}

/** POSTs `body`; resolves with the HTTP status (any status), rejects with a PostError when no answer came. */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
    return Promise.reject(
      new PostError(
        `refused: ${host} is a private or loopback address (set CALLBOARD_WEBHOOK_ALLOW_PRIVATE=true to allow)`,
      ),
    );
  }
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
        lookup: guardedLookup(options.allowPrivate) as never,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        // Only the status matters; the answer's body is drained unread (bounded by the timeout).
        response.resume();
        response.on('error', () => undefined);
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.name === 'AbortError' ? 'ABORT_ERR' : error.code;
      reject(new PostError(describe({ ...error, code } as NodeJS.ErrnoException, host, options.timeoutMs)));
    });
    request.end(body);
  });
}
