// A real webhook receiver on loopback for tests: records every request (headers, body, the status it
// answered) and answers from a plan (say 500 twice, then 200), so retries and exactly-once can be checked.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_HEADERS } from '@callboard/contracts';
import { verifyDelivery } from '../webhooks/signature.js';

export interface ReceivedDelivery {
  at: number;
  deliveryId: string;
  event: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedDelivery[];
  /** Statuses to answer next, in order; 200 once it is empty. */
  plan: number[];
  /** The same, for requests to one path only (see `urlFor`): that path's plan is used before the shared one. */
  planFor: Map<string, number[]>;
  /** The receiver's URL with its own path, `/hooks/<name>`, so one webhook can be answered differently. */
  urlFor(name: string): string;
  /** The deliveries answered 2xx, by delivery id: each should appear once. */
  acknowledged(): ReceivedDelivery[];
  /** Resolves when `predicate` holds for what was received (polls every 25 ms). */
  until(predicate: (received: ReceivedDelivery[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Every request's signature checks out with `secret` (and its timestamp is fresh). */
  allSigned(secret: string): boolean;
  close(): Promise<void>;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received,
    plan: [],
    planFor: new Map(),
    urlFor: (name) => receiver.url.replace('/hooks/callboard', `/hooks/${name}`),
    acknowledged: () => received.filter((r) => r.answered >= 200 && r.answered < 300),
    async until(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(
            `the receiver did not get what was expected; got ${JSON.stringify(received.map((r) => [r.deliveryId, r.event, r.answered]))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    allSigned: (secret) =>
      received.every((r) =>
        verifyDelivery(
          secret,
          { timestamp: r.timestamp, signature: r.signature },
          r.body,
          Math.floor(r.at / 1000),
        ),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const own = receiver.planFor.get(new URL(req.url ?? '/', 'http://x').pathname);
      const answered = (own?.length ? own.shift() : receiver.plan.shift()) ?? 200;
      received.push({
        at: Date.now(),
        deliveryId: header(req, WEBHOOK_HEADERS.delivery) ?? '',
        event: header(req, WEBHOOK_HEADERS.event) ?? '',
        timestamp: header(req, WEBHOOK_HEADERS.timestamp),
        signature: header(req, WEBHOOK_HEADERS.signature),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      res.writeHead(answered, { 'Content-Type': 'text/plain' }).end(answered < 300 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/callboard?token=t0ps3cr3t`;
  return receiver;
}
