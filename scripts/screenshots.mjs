// `pnpm screenshots`: build, then retake the README's pictures into docs/screenshots/ on demo data.
// Only this writes tracked files: the browser tests put their screenshots in e2e/test-results/ (ignored).
import path from 'node:path';
import { installAndBuild, log, root, run } from './bootstrap.mjs';

const pnpm = installAndBuild();
const dir = path.join(root, 'docs', 'screenshots');
log(`retaking screenshots into ${path.relative(root, dir)}/`);
run(pnpm, ['--filter', '@callboard/e2e', 'exec', 'playwright', 'test', 'tests/screenshots.spec.ts'], {
  env: { CALLBOARD_SCREENSHOTS_DIR: dir },
});
