import { ValidationError } from '../domain/errors.ts';

/** Position after the last item of a page, for newest-first listings ordered by (createdAt, id). */
export type Cursor = { at: number; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'number' && typeof id === 'string') return { at, id };
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([{ field: 'cursor', message: 'is not a cursor this service handed out' }]);
}

/** Builds a page from `limit + 1` fetched items: the extra one only says that more exist. */
export function toPage<T>(items: T[], limit: number, position: (item: T) => Cursor): { items: T[]; next: string | null } {
  if (items.length <= limit) return { items, next: null };
  const shown = items.slice(0, limit);
  return { items: shown, next: encodeCursor(position(shown[shown.length - 1]!)) };
}

/** Escapes LIKE wildcards so a search for `50%` finds "50%" and not everything. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
