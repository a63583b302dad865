// `npm start`: set everything up, then run the dashboard. Demo mode unless ITNIO_API_KEY and ITNIO_API_SECRET are set.
import { installAndBuild, log, root, run } from './bootstrap.mjs';

installAndBuild();
log('starting the dashboard');
run(process.execPath, ['apps/bff/dist/index.js'], { cwd: root });
