// The data directory holds every amount (the records store) and the app state (password hashes, sessions,
// audit log): readable by the service's user only. Files Callboard creates get 0600 and directories 0700
// (a umask for the process); existing ones that are wider are named at start with the command that fixes
// them, and left as they are: changing an operator's modes silently could break their backup tooling.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger.js';

const GROUP_OR_OTHER = 0o077;

export function prepareDataDir(dataDir: string, logger: Logger): void {
  process.umask(GROUP_OR_OTHER);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const wide = [dataDir, ...readdirSync(dataDir).map((name) => path.join(dataDir, name))].filter((file) => {
    try {
      return (statSync(file).mode & GROUP_OR_OTHER) !== 0;
    } catch {
      return false;
    }
  });
  if (wide.length > 0) {
    logger.warn(
      { files: wide, fix: `chmod 700 ${dataDir} && chmod 600 ${path.join(dataDir, '*')}` },
      'the data directory or files in it are readable by other local users: they hold money figures, password hashes and sessions',
    );
  }
}
