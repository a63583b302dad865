import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The BFF serves the built SPA; in `pnpm dev` Vite proxies /api to a BFF on BFF_URL.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': decodeURIComponent(new URL('./src', import.meta.url).pathname) } },
  server: { proxy: { '/api': process.env.BFF_URL ?? 'http://127.0.0.1:5080' } },
  // No source maps in the served build: they would publish the whole source next to the bundle.
  // The export service worker is a second entry, served from the root (a worker's scope cannot be wider
  // than its own folder) without a hash, so its URL stays the same from one release to the next.
  build: {
    sourcemap: false,
    rolldownOptions: {
      input: {
        index: 'index.html',
        'export-sw': 'src/features/records/service-worker/export-download-sw.ts',
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'export-sw' ? '[name].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    // jsdom + user-event tests take 1-3 s alone but over 5 s on a 2-core machine busy with other work;
    // a hung test still fails, after 20 s.
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
