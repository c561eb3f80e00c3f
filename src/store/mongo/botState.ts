import { createHash, randomUUID } from 'node:crypto';
import { ConcurrentChangeError } from '../../domain/errors.ts';
import type { BotStateStore } from '../port.ts';
import { backOff, casDelete, casUpdate, casUpsert } from './cas.ts';
import type { BotStateDoc, Models } from './models.ts';

/**
 * Longest key (in UTF-8 bytes) kept as its own `_id`; longer ones are hashed, to stay well inside
 * every server's limit on `_id` and index key size.
 */
const MAX_RAW_ID_BYTES = 256;
const HASHED = 'sha256:';
/** A delete that keeps losing races for this long gives up with ConcurrentChangeError. */
const GIVE_UP_AFTER_MS = 20_000;

/** The document `_id` for a key: the key itself, or (when long, or when it could pass for a hash) its hash. */
export function botStateId(key: string): string {
  if (Buffer.byteLength(key) <= MAX_RAW_ID_BYTES && !key.startsWith(HASHED)) return key;
  return HASHED + createHash('sha256').update(key).digest('hex');
}

const WHAT = 'The bot state';

/**
 * Every write and delete goes through the compare-and-swap of cas.ts, unconditional ones too: a
 * plain update could land between a conditional writer's check and its write (FerretDB 1.x does
 * not apply a filtered update atomically) and be silently overwritten by it. Of the writers that
 * read one revision only one takes its marker, so a conditional writer that wins still holds the
 * eTag it expected, and a loser decides again on what the winner wrote.
 */
export function mongoBotState(models: Models): BotStateStore {
  const { botState, markers } = models;
  return {
    async read(keys) {
      if (keys.length === 0) return {};
      const docs = await botState.find({ _id: { $in: [...new Set(keys)].map(botStateId) } }).lean<BotStateDoc[]>();
      const wanted = new Set(keys);
      return Object.fromEntries(docs.filter((doc) => wanted.has(doc.key))
        .map((doc) => [doc.key, { value: JSON.parse(doc.value) as Record<string, unknown>, eTag: doc.eTag }]));
    },
    async write(key, value, expectedETag) {
      const fields = { key, value: JSON.stringify(value), eTag: randomUUID(), updatedAt: new Date() };
      if (expectedETag === null || expectedETag === '*') {
        return (await casUpsert(markers, botState, botStateId(key), () => fields, WHAT)).eTag;
      }
      const written = await casUpdate(markers, botState, botStateId(key), (current) => {
        if (current.eTag !== expectedETag) throw new ConcurrentChangeError(WHAT);
        return fields;
      }, WHAT);
      if (!written) throw new ConcurrentChangeError(WHAT);
      return written.eTag;
    },
    async delete(keys) {
      await Promise.all([...new Set(keys)].map(async (key) => {
        const deadline = Date.now() + GIVE_UP_AFTER_MS;
        for (let attempt = 0; ; attempt++) {
          const current = await botState.findById(botStateId(key), { _id: 1, revision: 1 }).lean<Pick<BotStateDoc, '_id' | 'revision'>>();
          if (!current || await casDelete(markers, botState, current)) return;
          if (Date.now() > deadline) throw new ConcurrentChangeError(WHAT);
          await backOff(attempt);
        }
      }));
    },
  };
}
