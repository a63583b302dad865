// The export service worker: it sees the navigation that downloads /api/export.csv, fetches the file itself
// and hands the body to the browser's download as it arrives, counting rows and bytes on the way and telling
// the page. The browser writes the file to disk (nothing is held in memory); the page can cancel the fetch.
// Without this worker (not registered yet, no service workers) the same navigation is a plain download.
import { csvRecordCounter } from '../utils/csv-record-counter';
import {
  EXPORT_CHANNEL,
  EXPORT_ID_PARAM,
  EXPORT_WORKER_SCOPE,
  type ExportPageMessage,
  type ExportWorkerMessage,
} from './export-messages';

// The few service-worker types used here (the app's TypeScript program has the DOM library, not WebWorker's).
interface LifetimeEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface DownloadFetchEvent extends LifetimeEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'fetch', listener: (event: DownloadFetchEvent) => void): void;
  addEventListener(type: 'install' | 'activate' | 'message', listener: (event: LifetimeEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}
const worker = self as unknown as WorkerScope;

/** How often progress is reported: often enough to move a bar, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 100;

const channel = new BroadcastChannel(EXPORT_CHANNEL);
const running = new Map<string, AbortController>();
const post = (message: ExportWorkerMessage) => channel.postMessage(message);

channel.addEventListener('message', (event: MessageEvent<ExportPageMessage>) => {
  if (event.data.type === 'cancel') running.get(event.data.id)?.abort();
});

worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));
// The page's keep-alive messages need no answer: receiving them keeps a long download's worker running.
worker.addEventListener('message', () => undefined);

async function failureMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not the API's JSON error: the status says enough
  }
  return `The server answered ${response.status}.`;
}

async function streamDownload(event: DownloadFetchEvent, id: string, url: URL): Promise<Response> {
  const abort = new AbortController();
  running.set(id, abort);
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', signal: abort.signal });
  } catch {
    running.delete(id);
    post({ type: 'failed', id, message: 'Could not reach the Callboard server.', lines: 0, bytes: 0 });
    return new Response(null, { status: 204 });
  }
  if (!response.ok || !response.body) {
    running.delete(id);
    post({ type: 'failed', id, message: await failureMessage(response), lines: 0, bytes: 0 });
    // No content: the frame stays where it was and no file is written.
    return new Response(null, { status: 204 });
  }
  const counter = csvRecordCounter();
  let reportedAt = 0;
  const counting = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      counter.push(chunk);
      controller.enqueue(chunk);
      const now = Date.now();
      if (now - reportedAt >= PROGRESS_EVERY_MS) {
        reportedAt = now;
        post({ type: 'progress', id, lines: counter.lines, bytes: counter.bytes });
      }
    },
  });
  const piped = response.body.pipeTo(counting.writable, { signal: abort.signal }).then(
    () => post({ type: 'done', id, lines: counter.lines, bytes: counter.bytes }),
    () =>
      post({
        type: 'failed',
        id,
        message: abort.signal.aborted
          ? 'Export cancelled.'
          : 'The download stopped before the end of the file.',
        lines: counter.lines,
        bytes: counter.bytes,
      }),
  );
  event.waitUntil(piped.finally(() => running.delete(id)));
  // Only the headers that describe the file: the body is already decoded, so no Content-Encoding.
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of ['Content-Type', 'Content-Disposition']) {
    const value = response.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(counting.readable, { status: 200, headers });
}

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const id = url.searchParams.get(EXPORT_ID_PARAM);
  if (event.request.mode !== 'navigate' || url.pathname !== EXPORT_WORKER_SCOPE || !id) return;
  url.searchParams.delete(EXPORT_ID_PARAM);
  event.respondWith(streamDownload(event, id, url));
});
