import type { Model } from 'mongoose';
import { decodeCursor, toPage } from '../cursor.ts';
import type { Page, PageRequest } from '../port.ts';

type Filter = Record<string, unknown>;

/**
 * Runs a newest-first listing with keyset pagination on (`timeField`, _id), the same cursor
 * shape as the SQLite adapter: `{ at: epoch ms, id }`.
 */
export async function listPage<D extends { _id: string }, T>(
  model: Model<D>, filter: Filter, page: PageRequest, toItem: (doc: D) => T, timeField: 'createdAt' | 'at' = 'createdAt',
): Promise<Page<T>> {
  let query = filter;
  if (page.after) {
    const cursor = decodeCursor(page.after);
    const at = new Date(cursor.at);
    query = { $and: [filter, { $or: [{ [timeField]: { $lt: at } }, { [timeField]: at, _id: { $lt: cursor.id } }] }] };
  }
  const docs = (await model.find(query).sort({ [timeField]: -1, _id: -1 }).limit(page.limit + 1).lean()) as unknown as D[];
  const items = docs.map((doc) => ({ doc, item: toItem(doc) }));
  const paged = toPage(items, page.limit, ({ doc }) => ({ at: (doc[timeField as keyof D] as Date).getTime(), id: doc._id }));
  return { items: paged.items.map(({ item }) => item), next: paged.next };
}

/** A case-insensitive "starts with" match for user-typed text: regex metacharacters match themselves. */
export function startsWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}`, 'i');
}
