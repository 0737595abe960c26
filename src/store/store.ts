/**
 * The store of what was seen, behind one interface whatever the backend: each file's facts
 * (by sha256 and tool version, so a new version re-reads), each submission's result (by a
 * key over its files' hashes, its settings and the tool version), and the sightings the
 * cross-submission findings come from.
 */
import type { Analysis, CheckResult } from '../checks/schema.js';
import { VERSION } from '../version.js';
import type { Db } from './db.js';
import type { FileFacts } from './facts.js';
import { migrate } from './migrations.js';

export interface StoredSubmission {
  /** The submission's id in the store (the review uses its folder's name). */
  id: string;
  company: { name: string; creditCode: string };
}

export interface Store {
  readonly db: Db;
  /** The tool version facts and results are kept under. */
  readonly version: string;
  fileFacts(sha256: string): Promise<FileFacts | null>;
  saveFileFacts(facts: FileFacts): Promise<void>;
  result(key: string): Promise<CheckResult | null>;
  saveResult(key: string, submission: StoredSubmission, result: CheckResult): Promise<void>;
  /** One file's analysis, by `analysisKey` (checks/submission.ts), of this tool version. */
  analysis(key: string): Promise<Analysis | null>;
  saveAnalysis(key: string, analysis: Analysis): Promise<void>;
  close(): Promise<void>;
}

/** Whether a store location names a PostgreSQL server rather than a SQLite file. */
export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/**
 * Opens (and migrates) the store at `location`: a `postgres://` URL, or a SQLite file path.
 * `version` is for tests of what a new tool version does; it is this package's by default.
 */
export async function openStore(location: string, options: { version?: string } = {}): Promise<Store> {
  // Each backend's driver loads only when it is the one opened (importing qcredit loads neither).
  const db = isPostgresUrl(location) ? await (await import('./postgres.js')).openPostgres(location) : (await import('./sqlite.js')).openSqlite(location);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return storeOver(db, options.version ?? VERSION);
}

function storeOver(db: Db, version: string): Store {
  return {
    db,
    version,
    async fileFacts(sha256) {
      const [row] = await db.query<{ facts: string }>('SELECT facts FROM file_facts WHERE sha256 = ? AND tool_version = ?', [sha256, version]);
      return row ? (JSON.parse(row.facts) as FileFacts) : null;
    },
    async saveFileFacts(facts) {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM file_facts WHERE sha256 = ? AND tool_version = ?', [facts.sha256, version]);
        await tx.query('INSERT INTO file_facts (sha256, tool_version, facts) VALUES (?, ?, ?)', [facts.sha256, version, JSON.stringify(facts)]);
      });
    },
    async result(key) {
      const [row] = await db.query<{ result: string }>('SELECT result FROM results WHERE result_key = ? AND tool_version = ?', [key, version]);
      return row ? (JSON.parse(row.result) as CheckResult) : null;
    },
    async saveResult(key, submission, result) {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM results WHERE result_key = ?', [key]);
        await tx.query('INSERT INTO results (result_key, tool_version, submission, credit_code, company, result, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          key,
          version,
          submission.id,
          submission.company.creditCode,
          submission.company.name,
          JSON.stringify(result),
          new Date().toISOString(),
        ]);
      });
    },
    async analysis(key) {
      const [row] = await db.query<{ analysis: string }>('SELECT analysis FROM analyses WHERE analysis_key = ? AND tool_version = ?', [key, version]);
      return row ? (JSON.parse(row.analysis) as Analysis) : null;
    },
    async saveAnalysis(key, analysis) {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM analyses WHERE analysis_key = ?', [key]);
        await tx.query('INSERT INTO analyses (analysis_key, tool_version, analysis) VALUES (?, ?, ?)', [key, version, JSON.stringify(analysis)]);
      });
    },
    close: () => db.close(),
  };
}
