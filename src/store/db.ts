/**
 * The little SQL the store needs, over either backend: SQLite (better-sqlite3, one file, the
 * default) or PostgreSQL (pg). Statements are written once with `?` placeholders and plain
 * types (TEXT, INTEGER) both understand; PostgreSQL's `$n` are filled in here.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly dialect: Dialect;
  /** Rows of a statement (`?` placeholders). */
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** `work` in one transaction: all of it is kept, or none (a Ctrl-C mid-way keeps nothing half-written). */
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` → `$1`, `$2` … (no statement here has a `?` inside a string literal). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
