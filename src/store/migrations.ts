/**
 * The store's schema, as numbered migrations applied in order, each once: `schema_version`
 * records which are in. Never edit a migration that has shipped; add the next number.
 * Statements use only what SQLite and PostgreSQL both read the same way.
 */
import type { Db } from './db.js';

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'results and file facts',
    sql: `
CREATE TABLE file_facts (
  sha256 TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  facts TEXT NOT NULL,
  PRIMARY KEY (sha256, tool_version)
);
CREATE TABLE results (
  result_key TEXT PRIMARY KEY,
  tool_version TEXT NOT NULL,
  submission TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  company TEXT NOT NULL,
  result TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);`,
  },
  {
    version: 2,
    name: 'sightings for cross-submission findings',
    sql: `
CREATE TABLE sightings (
  submission TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  company TEXT NOT NULL,
  file TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  page INTEGER,
  detail TEXT
);
CREATE INDEX sightings_by_value ON sightings (kind, value);
CREATE INDEX sightings_by_submission ON sightings (submission);`,
  },
  {
    version: 3,
    name: 'when a sighting was recorded, for a retention period',
    sql: `
ALTER TABLE sightings ADD COLUMN recorded_at TEXT;
CREATE INDEX sightings_by_time ON sightings (recorded_at);`,
  },
  {
    version: 4,
    name: 'analyses of single files, for resuming within a submission',
    sql: `
CREATE TABLE analyses (
  analysis_key TEXT PRIMARY KEY,
  tool_version TEXT NOT NULL,
  analysis TEXT NOT NULL
);`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the schema up to date; returns the versions applied now. */
export async function migrate(db: Db): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  return db.transaction(async (tx) => {
    // Two processes opening one PostgreSQL store at once: the second waits, then finds the work done.
    if (tx.dialect === 'postgres') await tx.query("SELECT pg_advisory_xact_lock(hashtext('qcredit-store-migrations'))");
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_version')).map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]);
      applied.push(migration.version);
    }
    return applied;
  });
}
