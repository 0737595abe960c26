/** The store's default backend: one SQLite file (better-sqlite3), in the review's output folder. */
import Database from 'better-sqlite3';
import type { Db } from './db.js';

export function openSqlite(file: string): Db {
  const sqlite = new Database(file);
  // WAL: a reader (a second `qcredit review` looking at the same folder) never blocks the writer.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  let depth = 0;
  const db: Db = {
    dialect: 'sqlite',
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const statement = sqlite.prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    },
    async exec(sql) {
      sqlite.exec(sql);
    },
    async transaction(work) {
      // One connection used by one caller at a time: nested calls join the outer transaction.
      if (depth > 0) return work(db);
      depth++;
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(db);
        sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        sqlite.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    async close() {
      sqlite.close();
    },
  };
  return db;
}
