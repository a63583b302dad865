// vitest globalSetup: a PostgreSQL server (the one on 127.0.0.1:5432, or a throwaway cluster from
// scripts/postgres-for-tests.mjs) and a random database-name prefix for this run. Each test file creates
// its own database with it (test-support/postgres.ts); every database of the run is dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server, as superuser, without a database name. */
    postgresServerUrl: string;
    /** Databases of this run start with it. */
    postgresDatabasePrefix: string;
  }
}

interface PostgresForTests {
  url: string;
  stop(): Promise<void>;
}

export default async function setup(project: TestProject) {
  const script = new URL('../../../../scripts/postgres-for-tests.mjs', import.meta.url).href;
  const { startPostgresForTests } = (await import(script)) as {
    startPostgresForTests(): Promise<PostgresForTests>;
  };
  const server = await startPostgresForTests();
  const prefix = `callboard_test_${randomBytes(5).toString('hex')}`;
  project.provide('postgresServerUrl', server.url);
  project.provide('postgresDatabasePrefix', prefix);

  return async () => {
    const cleanup = new pg.Client({ connectionString: `${server.url}/postgres` });
    try {
      await cleanup.connect();
      const { rows } = await cleanup.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${prefix}%`],
      );
      for (const { datname } of rows)
        await cleanup.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await cleanup.end().catch(() => undefined);
      await server.stop();
    }
  };
}
