import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { StoreUnavailableError } from '../unavailable.ts';

/**
 * A thin wrapper over `node:sqlite`: prepared statements cached by their text, and transactions
 * that take the write lock up front (BEGIN IMMEDIATE) so concurrent processes queue on the busy
 * timeout instead of failing half way.
 */
export type Database = {
  raw: DatabaseSync;
  all<T>(sql: string, ...params: SQLInputValue[]): T[];
  one<T>(sql: string, ...params: SQLInputValue[]): T | undefined;
  run(sql: string, ...params: SQLInputValue[]): { changes: number };
  transaction<T>(work: () => T): T;
  close(): void;
};

/**
 * Told of each prepared statement run and each transaction begun, to count the work a request
 * makes (testkit/storeWork.ts). Without one, nothing extra runs per statement.
 */
export type DatabaseObserver = { statement(sql: string): void; transaction(): void };

/**
 * Opens the database file, making its folder first. What stops that (a folder that cannot be made
 * or written, a file that is no database) is a StoreUnavailableError naming the file, in one line.
 */
export function openDatabaseFile(file: string, observer?: DatabaseObserver): Database {
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return openDatabase(file, undefined, observer);
  } catch (error) {
    throw new StoreUnavailableError(`Cannot open the SQLite database ${file}: ${(error as Error).message.split('\n')[0]} (DATA_DIR must be a folder this user can write)`);
  }
}

export function openDatabase(file: string, busyTimeoutMs = 15000, observer?: DatabaseObserver): Database {
  const raw = new DatabaseSync(file, { timeout: busyTimeoutMs });
  raw.exec('PRAGMA journal_mode = WAL');
  raw.exec('PRAGMA synchronous = NORMAL');
  raw.exec('PRAGMA foreign_keys = ON');
  const statements = new Map<string, StatementSync>();
  let depth = 0;

  const prepared = (sql: string): StatementSync => {
    let cached = statements.get(sql);
    if (!cached) {
      cached = raw.prepare(sql);
      statements.set(sql, cached);
    }
    return cached;
  };
  const statement = observer ? (sql: string) => { observer.statement(sql); return prepared(sql); } : prepared;

  return {
    raw,
    all: <T>(sql: string, ...params: SQLInputValue[]) => statement(sql).all(...params) as T[],
    one: <T>(sql: string, ...params: SQLInputValue[]) => statement(sql).get(...params) as T | undefined,
    run: (sql, ...params) => ({ changes: Number(statement(sql).run(...params).changes) }),
    transaction<T>(work: () => T): T {
      if (depth > 0) return work();
      observer?.transaction();
      raw.exec('BEGIN IMMEDIATE');
      depth++;
      try {
        const result = work();
        raw.exec('COMMIT');
        return result;
      } catch (error) {
        raw.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    close: () => raw.close(),
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}
