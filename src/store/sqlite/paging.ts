import type { SQLInputValue } from 'node:sqlite';
import { decodeCursor, toPage } from '../cursor.ts';
import type { Page, PageRequest } from '../port.ts';
import type { Database } from './database.ts';

export type Query = { select: string; where: string[]; params: SQLInputValue[]; alias?: string };

/** Runs a newest-first listing with keyset pagination on (created_at, id). */
export function listPage<Row, T extends { id: string }>(
  db: Database, query: Query, page: PageRequest, toItem: (row: Row) => T, createdAt: (item: T) => Date,
): Page<T> {
  const column = (name: string) => (query.alias ? `${query.alias}.${name}` : name);
  const where = [...query.where];
  const params = [...query.params];
  if (page.after) {
    const cursor = decodeCursor(page.after);
    where.push(`(${column('created_at')} < ? OR (${column('created_at')} = ? AND ${column('id')} < ?))`);
    params.push(cursor.at, cursor.at, cursor.id);
  }
  const sql = `${query.select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${column('created_at')} DESC, ${column('id')} DESC LIMIT ?`;
  const items = db.all<Row>(sql, ...params, page.limit + 1).map(toItem);
  return toPage(items, page.limit, (item) => ({ at: createdAt(item).getTime(), id: item.id }));
}
