import type { RecordColumnId, Sort } from '@callboard/contracts';
import {
  EXPORT_CHANNEL,
  EXPORT_ID_PARAM,
  EXPORT_WORKER_SCOPE,
  EXPORT_WORKER_URL,
  type ExportPageMessage,
  type ExportWorkerMessage,
} from '../service-worker/export-messages';

export interface ExportProgress {
  /** Records written so far (the header line is not one). */
  rows: number;
  bytes: number;
}

export function exportParams(
  filterParams: URLSearchParams,
  sort: Sort,
  columns: readonly RecordColumnId[],
): URLSearchParams {
  const params = new URLSearchParams(filterParams);
  params.set('sort', `${sort.field}:${sort.direction}`);
  for (const column of columns) params.append('columns', column);
  return params;
}

/** How often the page reminds a running worker that it is still wanted (browsers stop idle workers). */
const KEEP_ALIVE_MS = 10_000;
/** A frame that started a download is removed a while after: removing it at once may stop the download. */
const FRAME_LINGER_MS = 60_000;

let registration: Promise<ServiceWorker | null> | null = null;

/** The export worker once it is active, or null where there is none (no support, dev server, refused). */
function exportWorker(): Promise<ServiceWorker | null> {
  registration ??= (async () => {
    if (!('serviceWorker' in navigator) || typeof BroadcastChannel === 'undefined') return null;
    try {
      const reg = await navigator.serviceWorker.register(EXPORT_WORKER_URL, {
        scope: EXPORT_WORKER_SCOPE,
        type: 'module',
      });
      const candidate = reg.active ?? reg.waiting ?? reg.installing;
      if (!candidate) return null;
      if (candidate.state !== 'activated') {
        await new Promise<void>((resolve, reject) => {
          const check = () => {
            if (candidate.state === 'activated') resolve();
            else if (candidate.state === 'redundant') reject(new Error('export worker failed to install'));
          };
          candidate.addEventListener('statechange', check);
          check();
        });
      }
      return candidate;
    } catch {
      return null;
    }
  })();
  return registration;
}

/** Registers the export worker ahead of the first click, so "Export all" streams with progress at once. */
export function prepareExportWorker(): void {
  void exportWorker();
}

export interface ExportHandlers {
  onProgress(progress: ExportProgress): void;
  onDone(progress: ExportProgress): void;
  onFailed(message: string, progress: ExportProgress): void;
}

export interface RunningExport {
  /** True when the page sees the download's progress and can cancel it; false for a plain download. */
  tracked: boolean;
  cancel(): void;
}

const progressOf = (message: { lines: number; bytes: number }): ExportProgress => ({
  rows: Math.max(0, message.lines - 1),
  bytes: message.bytes,
});

function navigateFrame(url: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'Export download';
  frame.src = url;
  document.body.append(frame);
  return frame;
}

/**
 * Downloads the whole CSV export as the browser's own download, streamed to disk as it arrives: the file
 * is never held in the page. With the export worker the page also sees rows and bytes and can cancel;
 * without it, it is a plain download whose progress the browser shows.
 */
export async function startExportDownload(
  params: URLSearchParams,
  handlers: ExportHandlers,
): Promise<RunningExport> {
  const url = `${EXPORT_WORKER_SCOPE}?${params}`;
  const worker = await exportWorker();
  if (!worker) {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = '';
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    return { tracked: false, cancel: () => undefined };
  }
  const id = crypto.randomUUID();
  const channel = new BroadcastChannel(EXPORT_CHANNEL);
  const keepAlive = setInterval(
    () => worker.postMessage({ type: 'keep-alive' } satisfies ExportPageMessage),
    KEEP_ALIVE_MS,
  );
  let frame: HTMLIFrameElement | null = null;
  const finish = () => {
    clearInterval(keepAlive);
    channel.close();
    const done = frame;
    setTimeout(() => done?.remove(), FRAME_LINGER_MS);
  };
  channel.addEventListener('message', (event: MessageEvent<ExportWorkerMessage>) => {
    const message = event.data;
    if (message.id !== id) return;
    if (message.type === 'progress') handlers.onProgress(progressOf(message));
    else if (message.type === 'done') {
      finish();
      handlers.onDone(progressOf(message));
    } else {
      finish();
      handlers.onFailed(message.message, progressOf(message));
    }
  });
  frame = navigateFrame(`${url}&${EXPORT_ID_PARAM}=${id}`);
  return {
    tracked: true,
    cancel: () => channel.postMessage({ type: 'cancel', id } satisfies ExportPageMessage),
  };
}
