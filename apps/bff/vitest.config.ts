import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // PostgreSQL for the store suite and the replica test: see scripts/postgres-for-tests.mjs.
    globalSetup: ['src/test-support/postgres-global-setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    testTimeout: 30_000,
  },
});
