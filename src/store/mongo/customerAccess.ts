import { ConflictError } from '../../domain/errors.ts';
import type { LocalAccount } from '../../domain/localAccount.ts';
import type { EphemeralStore, LocalAccountStore } from '../port.ts';
import { casDelete, casUpsert, firstRevision } from './cas.ts';
import { tupleId, type EphemeralDoc, type LocalAccountDoc, type Models } from './models.ts';
import { isDuplicateKey, upsertRetryingRace } from './writes.ts';
import { isKey } from './keys.ts';

/* What the redeem site keeps: local accounts, and expiring records (sessions, tokens, rate counters). */

const toAccount = (doc: LocalAccountDoc): LocalAccount => ({
  contactId: doc._id, email: doc.email, passwordHash: doc.passwordHash, createdAt: doc.createdAt, updatedAt: doc.updatedAt,
  viaInvitationId: doc.viaInvitationId ?? null,
});

const takenEmail = () => new ConflictError('An account with this e-mail already exists.');

/** Tries of a save that keeps meeting another first save of the same contact's account. */
const SAVE_ATTEMPTS = 3;

export function mongoLocalAccounts(models: Models): LocalAccountStore {
  const { localAccounts } = models;
  const write = (account: LocalAccount) => localAccounts.updateOne(
    { _id: account.contactId },
    {
      $set: { email: account.email, passwordHash: account.passwordHash, updatedAt: account.updatedAt, viaInvitationId: account.viaInvitationId ?? null },
      $setOnInsert: { createdAt: account.createdAt },
    },
    { upsert: true },
  );
  return {
    async get(contactId) {
      if (!isKey(contactId)) return null;
      const doc = await localAccounts.findById(contactId).lean<LocalAccountDoc>();
      return doc ? toAccount(doc) : null;
    },
    async findByEmail(email) {
      if (!isKey(email)) return null;
      const doc = await localAccounts.findOne({ email }).lean<LocalAccountDoc>();
      return doc ? toAccount(doc) : null;
    },
    /*
     * The unique index on `email` keeps addresses apart on every server. What it answers differs:
     * E11000 from MongoDB, InternalError from FerretDB when an existing account is changed. So a
     * failed write looks at who holds the address before deciding what the failure was.
     */
    async save(account) {
      for (let attempt = 1; ; attempt++) {
        try {
          await write(account);
          return;
        } catch (error) {
          const holder = await localAccounts.findOne({ email: account.email }, { _id: 1 }).lean<Pick<LocalAccountDoc, '_id'>>();
          if (holder && holder._id !== account.contactId) throw takenEmail();
          // Otherwise a duplicate `_id`: two first saves at once, and the other one created the account, so this one now replaces it.
          if (!isDuplicateKey(error) || attempt >= SAVE_ATTEMPTS) throw error;
        }
      }
    },
    /* An insert: the unique `_id` lets exactly one of concurrent creators in, on every server. */
    async create(account) {
      try {
        await localAccounts.create({
          _id: account.contactId, email: account.email, passwordHash: account.passwordHash,
          createdAt: account.createdAt, updatedAt: account.updatedAt, viaInvitationId: account.viaInvitationId ?? null,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const holder = await localAccounts.findOne({ email: account.email }, { _id: 1 }).lean<Pick<LocalAccountDoc, '_id'>>();
        throw holder && holder._id !== account.contactId ? takenEmail() : new ConflictError('This contact already has an account.');
      }
    },
    async remove(contactId) {
      if (!isKey(contactId)) return false;
      return (await localAccounts.deleteOne({ _id: contactId })).deletedCount === 1;
    },
  };
}

/** How many expired records one sweep query fetches. */
const SWEEP_BATCH = 500;

const parse = (doc: EphemeralDoc) => JSON.parse(doc.value) as Record<string, unknown>;
const isLive = (doc: EphemeralDoc | null, now: Date): doc is EphemeralDoc => doc !== null && doc.expiresAt.getTime() > now.getTime();

/**
 * Records as documents keyed by `tupleId(namespace, key)`. `take` relies on the one exact thing a
 * delete reports on every server, `deletedCount`; `hit` changes its counter through the
 * compare-and-swap. `put` and `delete` simply write: the last one wins.
 */
export function mongoEphemeral(models: Models): EphemeralStore {
  const { ephemeral, markers } = models;
  const read = (namespace: string, key: string) => ephemeral.findById(tupleId(namespace, key)).lean<EphemeralDoc>();
  return {
    async put(namespace, key, value, expiresAt) {
      const _id = tupleId(namespace, key);
      await upsertRetryingRace(() => ephemeral.replaceOne({ _id }, { _id, value: JSON.stringify(value), expiresAt, revision: firstRevision() }, { upsert: true }));
    },
    async get(namespace, key, now) {
      const doc = await read(namespace, key);
      return isLive(doc, now) ? parse(doc) : null;
    },
    async delete(namespace, key) {
      await ephemeral.deleteOne({ _id: tupleId(namespace, key) });
    },
    async take(namespace, key, now) {
      // Of the takers that read one version, the one whose delete removed it has it. A loser
      // reads again, in case what it failed to delete was a version a `put` had just replaced.
      for (;;) {
        const doc = await read(namespace, key);
        if (!doc) return null;
        const { deletedCount } = await ephemeral.deleteOne({ _id: doc._id, revision: doc.revision });
        if (!isLive(doc, now)) return null;
        if (deletedCount === 1) return parse(doc);
      }
    },
    async hit(namespace, key, windowMs, now, by = 1) {
      const written = await casUpsert(markers, ephemeral, tupleId(namespace, key), (current) => {
        const live = isLive(current, now);
        const count = (live ? counterOf(current) : 0) + by;
        return { value: JSON.stringify({ count }), expiresAt: live ? current.expiresAt : new Date(now.getTime() + windowMs) };
      }, 'The rate counter');
      return { count: counterOf(written), resetAt: new Date(written.expiresAt) };
    },
  };
}

function counterOf(doc: EphemeralDoc): number {
  const { count } = parse(doc);
  return typeof count === 'number' ? count : 0;
}

/**
 * Deletes the records expired at `now`, each only if unchanged since it was read (a counter may
 * start its next window meanwhile). FerretDB 1.x has no TTL indexes, so the store's maintenance
 * timer calls this.
 */
export async function sweepExpiredRecords(models: Models, now: Date): Promise<number> {
  const { ephemeral, markers } = models;
  let swept = 0;
  for (;;) {
    const expired = await ephemeral.find({ expiresAt: { $lte: now } }, { _id: 1, revision: 1 }).limit(SWEEP_BATCH).lean<Pick<EphemeralDoc, '_id' | 'revision'>[]>();
    let deleted = 0;
    for (const doc of expired) if (await casDelete(markers, ephemeral, doc)) deleted++;
    swept += deleted;
    if (expired.length < SWEEP_BATCH || deleted === 0) return swept;
  }
}
