// `pnpm build` and friends call turbo through here: turbo looks for the package manager on PATH, and the
// pinned pnpm that `npm start`/`npm test` install lives under .tools/, which PATH does not include.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './bootstrap.mjs';

const result = spawnSync(path.join(root, 'node_modules', '.bin', 'turbo'), process.argv.slice(2), {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PATH: `${path.join(root, '.tools', 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    TURBO_TELEMETRY_DISABLED: '1',
  },
});
process.exit(result.status ?? 1);
