import type { SQLInputValue } from 'node:sqlite';
import type { Database } from './database.ts';

/** SQLite takes at most 32,766 parameters a statement; a chunk stays well under it. */
const PARAMETERS_PER_STATEMENT = 6_000;

/**
 * Runs `INSERT … VALUES (…), (…), …` for many rows in a few statements; `insert` is the statement
 * up to `VALUES`. Returns the rows inserted (fewer than given when it says `OR IGNORE` and some
 * were there). Statements hold a power of two of rows, so that a table has a dozen statement
 * texts at most for the prepared-statement cache, however many rows come: 2 rows are one
 * statement, 1,000 are six.
 */
export function insertRows(db: Database, insert: string, rows: readonly (readonly SQLInputValue[])[]): number {
  if (!rows.length) return 0;
  const width = rows[0]!.length;
  const most = largestPowerOfTwoUpTo(Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / width)));
  const placeholders = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  let inserted = 0;
  for (let start = 0; start < rows.length;) {
    const size = Math.min(most, largestPowerOfTwoUpTo(rows.length - start));
    const chunk = rows.slice(start, start + size);
    inserted += db.run(`${insert} VALUES ${chunk.map(() => placeholders).join(', ')}`, ...chunk.flat()).changes;
    start += size;
  }
  return inserted;
}

function largestPowerOfTwoUpTo(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}
