import { randomInt } from 'node:crypto';
import type { Model } from 'mongoose';
import { ConcurrentChangeError } from '../../domain/errors.ts';
import { tupleId, type MarkerDoc } from './models.ts';
import { insertManySkippingDuplicates, isDuplicateKey } from './writes.ts';

/**
 * Compare-and-swap for one document, exact on every server we support. The writer first inserts
 * a marker for the revision it is about to write (unique `_id`: inserts are atomic everywhere,
 * FerretDB 1.x included, where conditional updates are not), then updates the document. Of the
 * writers that read the same revision exactly one can take its marker; the others read again.
 * Markers are swept once old. One left by a writer that died between its two steps is broken
 * after ABANDONED_AFTER_MS, so a crash holds a document up for seconds, never for good.
 */
const ABANDONED_AFTER_MS = 15_000;
/** A change that keeps losing races for this long gives up with ConcurrentChangeError. */
const GIVE_UP_AFTER_MS = 20_000;

type Revisioned = { _id: string; revision: number };

/** Writes `changes` if the stored document is still at `current.revision`; null when another writer got there first. */
export async function casWrite<D extends Revisioned>(markers: Model<MarkerDoc>, model: Model<D>, current: D, changes: Partial<D>): Promise<D | null> {
  const revision = current.revision + 1;
  const written = await underMarker(markers, model, current._id, revision, () => model.updateOne({ _id: current._id, revision: current.revision }, { $set: { ...changes, revision } }));
  return written?.matchedCount === 1 ? { ...current, ...changes, revision } : null;
}

/**
 * `casWrite` for many documents in three commands whatever their number: the markers of their
 * next revisions in one unordered insert (`takeMarkers`), then one update of the documents whose
 * marker this writer took (`writeUnderMarkers`). Returns the documents written, as written, and
 * those lost to another writer (to read again, or to let go).
 */
export async function casWriteMany<D extends Revisioned>(
  markers: Model<MarkerDoc>, model: Model<D>, currents: readonly D[], set: Partial<D>, inc: Partial<Record<keyof D, number>> = {},
): Promise<{ written: D[]; lost: D[] }> {
  const { taken, lost } = await takeMarkers(markers, model, currents);
  const outcome = await writeUnderMarkers(markers, model, taken, set, inc);
  return { written: outcome.written, lost: [...lost, ...outcome.lost] };
}

const markerOf = <D extends Revisioned>(model: Model<D>, doc: D) => tupleId(model.collection.collectionName, doc._id, doc.revision + 1);

/**
 * Takes, in one unordered insert, the markers of the next revision of each document (as read);
 * `taken` are those this writer now holds, `lost` those another writer holds (broken first if
 * abandoned, so that a later try can take them). The markers are what make a batch exact: FerretDB
 * 1.x applies a filtered update by reading the matches and then replacing each document by `_id`,
 * with nothing checked in between, so two filtered updates at once may both match a document and
 * both write it, and a claim token read back after the write can be overwritten after the read.
 */
export async function takeMarkers<D extends Revisioned>(markers: Model<MarkerDoc>, model: Model<D>, currents: readonly D[]): Promise<{ taken: D[]; lost: D[] }> {
  if (currents.length === 0) return { taken: [], lost: [] };
  const at = new Date();
  const { duplicateIndexes } = await insertManySkippingDuplicates(markers.collection, currents.map((doc) => ({ _id: markerOf(model, doc), at })));
  const refused = new Set(duplicateIndexes);
  const lost = currents.filter((_, index) => refused.has(index));
  if (lost.length > 0) await breakAbandoned(markers, lost.map((doc) => markerOf(model, doc)));
  return { taken: currents.filter((_, index) => !refused.has(index)), lost };
}

/**
 * Writes, in one update, `set` and `inc` to the documents whose next-revision marker this writer
 * holds (`takeMarkers`), each filtered on the revision read; the revision moves on by one. If the
 * update fails, gives the markers back (as `underMarker` does).
 */
export async function writeUnderMarkers<D extends Revisioned>(
  markers: Model<MarkerDoc>, model: Model<D>, taken: readonly D[], set: Partial<D>, inc: Partial<Record<keyof D, number>> = {},
): Promise<{ written: D[]; lost: D[] }> {
  if (taken.length === 0) return { written: [], lost: [] };
  const written = (doc: D): D => {
    const incremented = Object.fromEntries(Object.entries(inc).map(([key, by]) => [key, (doc[key as keyof D] as number) + (by as number)]));
    return { ...doc, ...set, ...incremented, revision: doc.revision + 1 };
  };
  let matched: number;
  try {
    const filter = { $or: taken.map((doc) => ({ _id: doc._id, revision: doc.revision })) };
    matched = (await model.updateMany(filter as never, { $set: set, $inc: { ...inc, revision: 1 } })).matchedCount;
  } catch (error) {
    await markers.deleteMany({ _id: { $in: taken.map((doc) => markerOf(model, doc)) } }).catch(() => undefined);
    throw error;
  }
  if (matched === taken.length) return { written: taken.map(written), lost: [] };
  // Some document had moved on since it was read (its marker broken as abandoned): only one at the
  // revision whose marker this writer holds was written by it.
  const stored = new Map((await model.find({ _id: { $in: taken.map((doc) => doc._id) } } as never).lean<D[]>()).map((doc) => [doc._id, doc]));
  const ours = (doc: D) => stored.get(doc._id)?.revision === doc.revision + 1;
  return { written: taken.filter(ours).map(written), lost: taken.filter((doc) => !ours(doc)) };
}

/**
 * Takes the marker of the document's `revision` and runs `write`; null, without writing, when
 * another writer holds that marker. If the write fails (a busy or lost server), gives the marker
 * back, so the document is not held up for ABANDONED_AFTER_MS. Safe even if the write did land:
 * the next writer's update is filtered on the revision it read, which has then moved on.
 */
async function underMarker<T>(markers: Model<MarkerDoc>, model: { collection: { collectionName: string } }, id: string, revision: number, write: () => Promise<T>): Promise<T | null> {
  const marker = tupleId(model.collection.collectionName, id, revision);
  try {
    await markers.create({ _id: marker, at: new Date() });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await breakIfAbandoned(markers, marker);
    return null;
  }
  try {
    return await write();
  } catch (error) {
    await markers.deleteOne({ _id: marker }).catch(() => undefined);
    throw error;
  }
}

/**
 * Reads the document, asks `decide` what to change (it may throw to refuse; null means nothing
 * to write) and writes that with `casWrite`, deciding again on fresh state after every lost race.
 * Returns the state written; null when the document does not exist or there was nothing to write.
 * Changes to one document from this process take turns, so that only other processes race.
 */
export function casUpdate<D extends Revisioned>(
  markers: Model<MarkerDoc>, model: Model<D>, id: string, decide: (current: D) => Promise<Partial<D> | null> | Partial<D> | null, what: string,
  /** The document as the caller read it moments ago: the first attempt starts from it instead of reading (a stale one only loses its race). */
  known?: D,
): Promise<D | null> {
  return untilWritten(model, id, what, known, async (current) => {
    if (!current) return null;
    const changes = await decide(current);
    if (!changes) return null;
    return (await casWrite(markers, model, current, changes)) ?? LOST;
  });
}

/**
 * Like `casUpdate`, for documents that come and go (deleted when they expire): `decide` is told
 * null when there is none and then gives the fields of a new one, which is inserted (unique
 * `_id`: of racing creators one wins, the others decide again on what it wrote). Returns the
 * state written.
 */
export function casUpsert<D extends Revisioned>(
  markers: Model<MarkerDoc>, model: Model<D>, id: string, decide: (current: D | null) => Omit<D, '_id' | 'revision'>, what: string,
): Promise<D> {
  return untilWritten(model, id, what, undefined, async (current) => {
    const fields = decide(current);
    if (current) return (await casWrite(markers, model, current, fields as Partial<D>)) ?? LOST;
    const created = { ...fields, _id: id, revision: firstRevision() } as D;
    try {
      await model.create(created);
      return created;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return LOST;
    }
  });
}

/** What an attempt of `untilWritten` answers when another writer got there first. */
const LOST = Symbol('lost the race');

/**
 * Runs `attempt` on the document as stored now (null when there is none; `known` the first time
 * when given), in turn with this
 * process's other changes to it, and again on fresh state, backing off, as long as it answers
 * LOST; gives up with ConcurrentChangeError after GIVE_UP_AFTER_MS.
 */
function untilWritten<D, R>(model: Model<D>, id: string, what: string, known: D | undefined, attempt: (current: D | null) => Promise<R | typeof LOST>): Promise<R> {
  return inTurn(model, id, async () => {
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    for (let tries = 0; ; tries++) {
      const outcome = await attempt(tries === 0 && known ? known : await model.findById(id).lean<D>());
      if (outcome !== LOST) return outcome;
      if (Date.now() > deadline) throw new ConcurrentChangeError(what);
      await backOff(tries);
    }
  });
}

/**
 * Deletes the document if it is still at `current.revision`, exact against CAS writers: it takes
 * the marker of the next revision first, so none of them can write in between. False when
 * another writer got there first.
 */
export async function casDelete<D extends Revisioned>(markers: Model<MarkerDoc>, model: Model<D>, current: Pick<D, '_id' | 'revision'>): Promise<boolean> {
  const deleted = await underMarker(markers, model, current._id, current.revision + 1, () => model.deleteOne({ _id: current._id, revision: current.revision } as never));
  return deleted?.deletedCount === 1;
}

/**
 * The revision of a document created where one of the same `_id` may have been deleted: random
 * (below 2^47), so that the markers of the earlier one's revisions, still unswept, do not block it.
 */
export function firstRevision(): number {
  return randomInt(2 ** 47);
}

/** Spreads the losers of a race out (exponential, full jitter), so that they do not all come back at once. */
export function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));
}

const turns = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `work` after every earlier `inTurn` work for the same document of this model has settled. */
function inTurn<T>(model: object, id: string, work: () => Promise<T>): Promise<T> {
  let queue = turns.get(model);
  if (!queue) turns.set(model, (queue = new Map()));
  const run = (queue.get(id) ?? Promise.resolve()).then(work, work);
  const settled = run.then(() => undefined, () => undefined);
  queue.set(id, settled);
  void settled.then(() => { if (queue.get(id) === settled) queue.delete(id); });
  return run;
}

/** `breakIfAbandoned` for many markers, in one read (and one delete when some were abandoned). */
async function breakAbandoned(markers: Model<MarkerDoc>, ids: readonly string[]): Promise<void> {
  const abandoned = await markers.find({ _id: { $in: ids }, at: { $lt: new Date(Date.now() - ABANDONED_AFTER_MS) } }).lean<MarkerDoc[]>();
  if (abandoned.length > 0) await markers.deleteMany({ $or: abandoned.map((marker) => ({ _id: marker._id, at: marker.at })) });
}

async function breakIfAbandoned(markers: Model<MarkerDoc>, marker: string): Promise<void> {
  const taken = await markers.findById(marker).lean<MarkerDoc>();
  if (taken && Date.now() - taken.at.getTime() > ABANDONED_AFTER_MS) await markers.deleteOne({ _id: marker, at: taken.at });
}

/** Removes markers so old that no writer can still be comparing against them. */
export async function sweepOldMarkers(markers: Model<MarkerDoc>): Promise<void> {
  await markers.deleteMany({ at: { $lt: new Date(Date.now() - 4 * ABANDONED_AFTER_MS) } });
}
