// What the page and the export service worker say to each other about one streamed download.

/** The BroadcastChannel both sides listen on. */
export const EXPORT_CHANNEL = 'callboard-export';
/** The query parameter naming a download; the worker removes it before asking the server. */
export const EXPORT_ID_PARAM = 'download';
/** Where the worker lives and what it watches: navigations to the CSV export, nothing else. */
export const EXPORT_WORKER_URL = '/export-sw.js';
export const EXPORT_WORKER_SCOPE = '/api/export.csv';

/** Lines counted so far include the header line; bytes include the BOM. */
export type ExportWorkerMessage =
  | { type: 'progress'; id: string; lines: number; bytes: number }
  | { type: 'done'; id: string; lines: number; bytes: number }
  | { type: 'failed'; id: string; message: string; lines: number; bytes: number };

export type ExportPageMessage = { type: 'cancel'; id: string } | { type: 'keep-alive' };
