import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ConcurrentChangeError } from '../src/domain/errors.ts';
import type { BotStateStore } from '../src/store/port.ts';

/** A turn's write of state that another turn (in any process) changed since this turn read it. */
export class BotStateConflictError extends Error {
  readonly key: string;

  constructor(key: string, cause: unknown) {
    super(`The bot state "${key}" was changed by another turn at the same time; this turn's changes to it were not saved.`, { cause });
    this.name = 'BotStateConflictError';
    this.key = key;
  }
}

/**
 * botbuilder's `Storage` on the store's bot state, so that turn state (teams-ai's and botbuilder's
 * BotState) is shared by every process. Items come back with their `eTag`; an item written with
 * an eTag other than `'*'` is written only if the stored one still has it (teams-ai writes so),
 * else the write throws BotStateConflictError, which botbuilder hands to the adapter's turn error
 * handler. As with botbuilder's own storages, the items given to `write` are not changed.
 */
export class StoreBotStorage implements Storage {
  readonly #store: BotStateStore;

  constructor(store: BotStateStore) {
    this.#store = store;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const records = await this.#store.read(keys);
    return Object.fromEntries(Object.entries(records).map(([key, { value, eTag }]) => [key, { ...value, eTag }]));
  }

  /** Writes the items side by side; when any fails, throws (the first) failure once all have settled. */
  async write(changes: StoreItems): Promise<void> {
    const results = await Promise.allSettled(Object.entries(changes).map(([key, item]) => this.#writeOne(key, item as StoreItem)));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async delete(keys: string[]): Promise<void> {
    await this.#store.delete(keys);
  }

  async #writeOne(key: string, item: StoreItem): Promise<void> {
    const { eTag, ...value } = item;
    const expected = typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : null;
    try {
      await this.#store.write(key, value, expected);
    } catch (error) {
      if (error instanceof ConcurrentChangeError) throw new BotStateConflictError(key, error);
      throw error;
    }
  }
}
