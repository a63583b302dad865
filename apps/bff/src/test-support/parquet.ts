// Reads Parquet files in tests with DuckDB (a real reader, independent of the writer's code path).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** The file's column names and every row (values as DuckDB's JSON-friendly forms), in file order. */
export async function readParquet(
  bytes: Uint8Array,
): Promise<{ columns: Array<{ name: string; type: string }>; rows: Array<Record<string, unknown>> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'callboard-parquet-'));
  const file = path.join(dir, 'read.parquet');
  writeFileSync(file, bytes);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const schema = await connection.runAndReadAll(
      `SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`,
    );
    const rows = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    return {
      columns: schema.getRowObjectsJson() as Array<{ name: string; type: string }>,
      rows: rows.getRowObjectsJson() as Array<Record<string, unknown>>,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
