// A database of its own for one test file, on the server the globalSetup found or started.
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(name: string): Promise<TestDatabase> {
  const server = inject('postgresServerUrl');
  const database = `${inject('postgresDatabasePrefix')}_${name}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: `${server}/postgres` });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8'`);
  return {
    url: `${server}/${database}`,
    drop: () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
  };
}
