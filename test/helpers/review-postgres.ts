/**
 * The real PostgreSQL of this machine (127.0.0.1:5432, user postgres, database test, trust
 * auth) for the store's tests: each run gets a schema of its own, dropped afterwards.
 */
import pg from 'pg';

export const POSTGRES_URL = process.env.QC_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL cannot be used here, or null when it can. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_URL.replace(/\/\/[^@]*@/, '//')} is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema's store URL, and how to drop the schema. */
export function uniqueSchema(label: string): { url: string; schema: string; drop(): Promise<void> } {
  const schema = `qc_${label}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return {
    url: `${POSTGRES_URL}?schema=${schema}`,
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
