import mongoose from 'mongoose';

/** True when a write failed only because a unique index already holds the value (E11000). */
export function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: { code?: unknown }[] };
  if (code === 11000) return true;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((e) => e.code === 11000);
}

/** Runs an insert that may already have happened (a retried or recovered step): a duplicate is success. */
export async function insertOnce(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/**
 * Runs an upsert of a record that may not exist yet. Two first upserts of one `_id` at once both
 * try to insert and one fails on the unique `_id`; run again, it finds the record and updates it.
 */
export async function upsertRetryingRace(upsert: () => Promise<unknown>): Promise<void> {
  try {
    await upsert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await upsert();
  }
}

/**
 * Inserts many documents in one unordered write; documents refused by a unique index are left out
 * (their positions in `docs` returned), any other failure is thrown.
 */
export async function insertManySkippingDuplicates(collection: mongoose.mongo.Collection, docs: readonly mongoose.mongo.Document[]): Promise<{ inserted: number; duplicateIndexes: number[] }> {
  if (docs.length === 0) return { inserted: 0, duplicateIndexes: [] };
  try {
    const result = await collection.insertMany([...docs], { ordered: false });
    return { inserted: result.insertedCount, duplicateIndexes: [] };
  } catch (error) {
    if (!(error instanceof mongoose.mongo.MongoBulkWriteError) || !isDuplicateKey(error)) throw error;
    const failed = (Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]).map((e) => e.index);
    return { inserted: docs.length - failed.length, duplicateIndexes: failed };
  }
}
