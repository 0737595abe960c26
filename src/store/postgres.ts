/**
 * The store on PostgreSQL (pg), for a team sharing one store: `--store postgres://…` or
 * QCREDIT_STORE_URL. A `schema` query parameter (postgres://…/db?schema=review) keeps the
 * store's tables in their own schema, created when missing.
 */
import pg from 'pg';
import { numberedPlaceholders, type Db } from './db.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL without our own `schema` parameter (pg would not know it), and that schema. */
export function splitSchema(url: string): { connectionString: string; schema: string | null } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !IDENTIFIER.test(schema)) throw new Error(`schema "${schema}" is not a plain lower-case identifier`);
  return { connectionString: parsed.toString(), schema };
}

export async function openPostgres(url: string): Promise<Db> {
  const { connectionString, schema } = splitSchema(url);
  const pool = new pg.Pool({ connectionString, max: 4, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle client losing its server is reported here; the next query reconnects.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);

  const over = (run: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>): Pick<Db, 'query' | 'exec'> => ({
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      return (await run(numberedPlaceholders(sql), [...params])).rows as Row[];
    },
    async exec(sql) {
      await run(sql);
    },
  });

  const db: Db = {
    dialect: 'postgres',
    ...over((sql, params) => pool.query(sql, params)),
    async transaction(work) {
      const client = await pool.connect();
      const inner: Db = { ...db, ...over((sql, params) => client.query(sql, params)), transaction: (nested) => nested(inner) };
      try {
        await client.query('BEGIN');
        const result = await work(inner);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
  return db;
}
