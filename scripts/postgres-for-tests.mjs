// PostgreSQL for the tests. A server already listening on 127.0.0.1:5432 (trust auth for user postgres) is
// used as it is. Otherwise Debian's `postgresql` is installed when missing (apt-get, as root) and a
// throwaway cluster is started in a temporary directory as a non-root user (`postgres`, else `nobody`) on a
// free port; stop() removes it. Dependency-free, so the BFF's vitest globalSetup and scripts can share it.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const log = (message) => console.error(`[postgres-for-tests] ${message}`);

function listening(host, port, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
function serverBinDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length > 0 ? path.join(root, majors[0], 'bin') : null;
}

function installPostgres() {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'no PostgreSQL on 127.0.0.1:5432 and none installed: run as root (to apt-get install postgresql) or start a server',
    );
  }
  log("installing Debian's postgresql (apt-get)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'postgresql'], {
    stdio: 'inherit',
    env,
  });
}

function userExists(name) {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns `{ url, stop }`: `url` reaches the server as superuser `postgres` (no password), without a database
 * name (callers create and drop their own); stop() ends a cluster this function started, or does nothing.
 */
export async function startPostgresForTests() {
  if (await listening('127.0.0.1', 5432)) {
    log('using the server on 127.0.0.1:5432');
    return { url: 'postgres://postgres@127.0.0.1:5432', stop: async () => {} };
  }
  let bin = serverBinDir();
  if (!bin) {
    installPostgres();
    bin = serverBinDir();
    if (!bin) throw new Error('postgresql installed, but no initdb under /usr/lib/postgresql/*/bin');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'callboard-pg-'));
  const data = path.join(dir, 'data');
  // The server refuses to run as root: as root, run it as a system user that owns the temp dir.
  const asRoot = process.getuid?.() === 0;
  const runAs = asRoot ? (userExists('postgres') ? 'postgres' : 'nobody') : null;
  if (runAs) {
    const uid = Number(execFileSync('id', ['-u', runAs]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', runAs]).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (command, args) => {
    const [file, argv] = runAs ? ['runuser', ['-u', runAs, '--', command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'inherit'], cwd: dir });
  };
  const port = await freePort();
  log(`starting a throwaway cluster in ${dir} on port ${port}${runAs ? ` as ${runAs}` : ''}`);
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  run(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    stop: async () => {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
