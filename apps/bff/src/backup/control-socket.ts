// A local control channel for the one process that may open the embedded store: the running server listens
// on a Unix socket in the data directory (mode 0600 like every file there, so only the service's user can
// connect: the file system is the authentication), and the `backup` command asks it to take a consistent
// backup instead of opening a DuckDB file the server holds.
import { existsSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Manifest } from './backup.js';

export const controlSocketPath = (dataDir: string) => path.join(dataDir, 'control.sock');

export interface ControlHandlers {
  backup(to: string): Promise<Manifest>;
}

export async function startControlSocket(
  socket: string,
  handlers: ControlHandlers,
  logger: Logger,
): Promise<{ close(): Promise<void> }> {
  // A socket file left by a process that died is in the way; a live one means another server runs here.
  if (existsSync(socket)) {
    if (await answers(socket))
      throw new Error(`another Callboard server is running on this data directory (${socket})`);
    rmSync(socket, { force: true });
  }
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/backup')
      return send(404, { error: 'POST /backup {"to": "/dir"} only' });
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
      if (raw.length > 4096) req.destroy();
    });
    req.on('end', () => {
      let to: unknown;
      try {
        to = (JSON.parse(raw) as { to?: unknown }).to;
      } catch {
        to = undefined;
      }
      if (typeof to !== 'string' || !path.isAbsolute(to))
        return send(400, { error: 'give "to": an absolute directory' });
      handlers
        .backup(to)
        .then((manifest) => send(200, { manifest }))
        .catch((error: unknown) => {
          logger.error({ err: error, to }, 'backup over the control socket failed');
          send(500, { error: error instanceof Error ? error.message : String(error) });
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socket, { force: true });
      }),
  };
}

/** True when a server answers on the socket. */
export function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request({ socketPath: socket, method: 'GET', path: '/ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** Asks the running server for a backup; resolves to its manifest. */
export function requestBackup(socket: string, to: string): Promise<Manifest> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ to });
    const req = http.request(
      {
        socketPath: socket,
        method: 'POST',
        path: '/backup',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const parsed = JSON.parse(text) as { manifest?: Manifest; error?: string };
          if (res.statusCode === 200 && parsed.manifest) resolve(parsed.manifest);
          else reject(new Error(parsed.error ?? `the server answered ${res.statusCode}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
