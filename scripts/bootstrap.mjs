// Shared set-up for `npm start` and `npm test`: the pinned pnpm, the locked dependencies, a build.
// Everything here is idempotent so a second run costs seconds, not minutes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinnedPnpm = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const localPnpm = path.join(root, '.tools', 'node_modules', '.bin', 'pnpm');

export function log(message) {
  console.log(`\x1b[36m[callboard]\x1b[0m ${message}`);
}

// turbo finds the package manager on PATH, so the pinned pnpm under .tools/ goes first.
const toolEnv = {
  ...process.env,
  PATH: `${path.dirname(localPnpm)}${path.delimiter}${process.env.PATH ?? ''}`,
  TURBO_TELEMETRY_DISABLED: '1',
  // better-sqlite3 builds against the machine's Node headers, never downloaded ones.
  npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
};

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
    env: { ...toolEnv, ...options.env },
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

/** The pnpm version pinned in package.json, installed under .tools/ (never globally) when missing. */
export function pnpmCommand() {
  if (!existsSync(localPnpm) || version(localPnpm) !== pinnedPnpm) {
    log(`installing pnpm ${pinnedPnpm} into .tools/`);
    run('npm', [
      'install',
      '--prefix',
      '.tools',
      '--no-save',
      '--no-audit',
      '--no-fund',
      `pnpm@${pinnedPnpm}`,
    ]);
  }
  return localPnpm;
}

function version(binary) {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

export function installAndBuild() {
  const pnpm = pnpmCommand();
  log('installing dependencies from the lockfile');
  run(pnpm, ['install', '--frozen-lockfile', '--prefer-offline']);
  log('building (cached by turbo when nothing changed)');
  run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  return pnpm;
}
