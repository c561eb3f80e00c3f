import assert from 'node:assert/strict';
import { openDatabase } from '../../src/store/sqlite/database.ts';
import { insertRows } from '../../src/store/sqlite/manyRows.ts';

describe('SQLite: many rows in a few statements', () => {
  const withTable = (observe: (sql: string) => void) => {
    const db = openDatabase(':memory:', 1000, { statement: observe, transaction: () => {} });
    db.raw.exec('CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)');
    return db;
  };

  it('writes every row, a power of two of rows a statement, and skips taken keys with OR IGNORE', () => {
    const texts: string[] = [];
    const db = withTable((sql) => texts.push(sql));
    const rows = Array.from({ length: 1_000 }, (_, i) => [i, `row ${i}`]);
    assert.equal(insertRows(db, 'INSERT INTO t (a, b)', rows), 1_000);
    assert.equal(texts.length, 6, '512 + 256 + 128 + 64 + 32 + 8');
    assert.equal(db.one<{ n: number }>('SELECT count(*) AS n FROM t')?.n, 1_000);
    assert.equal(insertRows(db, 'INSERT OR IGNORE INTO t (a, b)', [[5, 'again'], [1_000, 'new']]), 1);
    assert.equal(db.one<{ b: string }>('SELECT b FROM t WHERE a = 5')?.b, 'row 5');
  });

  it('stays under SQLite\'s parameter limit for wide rows and big batches', () => {
    const db = withTable(() => {});
    const rows = Array.from({ length: 20_000 }, (_, i) => [i, 'x']);
    assert.equal(insertRows(db, 'INSERT INTO t (a, b)', rows), 20_000);
  });

  it('writes nothing for no rows', () => {
    const texts: string[] = [];
    assert.equal(insertRows(withTable((sql) => texts.push(sql)), 'INSERT INTO t (a, b)', []), 0);
    assert.equal(texts.length, 0);
  });
});
