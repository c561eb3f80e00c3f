import { randomUUID } from 'node:crypto';
import { ConcurrentChangeError } from '../../domain/errors.ts';
import type { BotStateStore } from '../port.ts';
import type { Database } from './database.ts';

/* The Teams bot's turn state. Keys go in as one JSON array, so that each statement is prepared once whatever the number of keys. */

export function sqliteBotState(db: Database): BotStateStore {
  return {
    async read(keys) {
      const rows = db.all<{ key: string; value: string; etag: string }>(
        'SELECT key, value, etag FROM bot_state WHERE key IN (SELECT value FROM json_each(?))', JSON.stringify(keys),
      );
      return Object.fromEntries(rows.map((row) => [row.key, { value: JSON.parse(row.value) as Record<string, unknown>, eTag: row.etag }]));
    },
    async write(key, value, expectedETag) {
      const eTag = randomUUID();
      const json = JSON.stringify(value);
      if (expectedETag === null || expectedETag === '*') {
        db.run(`INSERT INTO bot_state (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
          key, json, eTag, Date.now());
        return eTag;
      }
      return db.transaction(() => {
        const stored = db.one<{ etag: string }>('SELECT etag FROM bot_state WHERE key = ?', key);
        if (stored?.etag !== expectedETag) throw new ConcurrentChangeError('The bot state');
        db.run('UPDATE bot_state SET value = ?, etag = ?, updated_at = ? WHERE key = ?', json, eTag, Date.now(), key);
        return eTag;
      });
    },
    async delete(keys) {
      db.run('DELETE FROM bot_state WHERE key IN (SELECT value FROM json_each(?))', JSON.stringify(keys));
    },
  };
}
