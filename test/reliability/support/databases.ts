import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Store } from '../../../src/store/port.ts';
import { createSqliteStore } from '../../../src/store/sqlite/index.ts';
import { dropDatabase, startMongoServer, uniqueDatabaseName, withDatabase, type MongoServer } from '../../../testkit/mongoServer.ts';
import { tempDir } from '../../support/tempDir.ts';

/**
 * One fresh database of either kind for a reliability test, with the few things the tests need
 * to read around the store (to see what a crash left before a store is opened on it).
 */
export type StoreKind = 'sqlite' | 'mongodb';
export type StoreTarget = { sqliteFile: string } | { mongodbUri: string };

export type TestDatabase = {
  readonly kind: StoreKind;
  /** What a redeem worker process is given to open the store. */
  readonly target: StoreTarget;
  /** Environment for `bin/server.ts` to use this database. */
  readonly serviceEnv: Record<string, string>;
  /** Opens the store as a starting process does: an interrupted step is completed or undone first. */
  open(): Promise<Store>;
  /** Contacts with a redemption record for the invitation, read around the store. */
  redeemersOf(invitationId: string): Promise<string[]>;
  /**
   * Redemptions taken but not yet applied, as a crash left them (MongoDB's pending effects; always 0
   * on SQLite, where a transaction is all or nothing).
   */
  pendingEffects(): Promise<number>;
  /**
   * MongoDB: a writer killed between the two steps of a compare-and-swap leaves a revision marker
   * that holds its document up for 15 s (ABANDONED_AFTER_MS in src/store/mongo/cas.ts), after which
   * the next writer breaks it. Call this only while no process has the store open: it backdates
   * the markers as if those 15 s had passed, so recovery does not sit them out, and returns how
   * many were actually blocking a document (their revision not yet written). 0 on SQLite.
   */
  letAbandonedMarkersExpire(): Promise<number>;
  remove(): Promise<void>;
};

const ABANDONED_AFTER_MS = 15_000;

/** Mocha hooks for a `describe` whose tests each get fresh databases of one kind (MongoDB: a FerretDB for the describe; skipped if there is none). */
export function useDatabases(kind: StoreKind): { fresh(): Promise<TestDatabase> } {
  let server: MongoServer | null = null;
  const made: TestDatabase[] = [];
  before(async function () {
    if (kind !== 'mongodb') return;
    this.timeout(60_000);
    server = await startMongoServer();
    if (!server) this.skip();
  });
  afterEach(async () => {
    for (const database of made.splice(0)) await database.remove();
  });
  after(async () => {
    await server?.stop();
  });
  return {
    async fresh() {
      const database = kind === 'sqlite' ? sqliteDatabase() : mongoDatabase(withDatabase(server!.uri, uniqueDatabaseName('invite_desk_rel')));
      made.push(database);
      return database;
    },
  };
}

function sqliteDatabase(): TestDatabase {
  const dir = tempDir('invite-desk-rel-');
  const file = join(dir.path, 'invite-desk.sqlite');
  const read = <T>(work: (db: DatabaseSync) => T): T => {
    const db = new DatabaseSync(file, { timeout: 15_000 });
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    target: { sqliteFile: file },
    serviceEnv: { DATA_DIR: dir.path },
    open: async () => createSqliteStore(file),
    redeemersOf: async (invitationId) => read((db) =>
      (db.prepare('SELECT contact_id FROM redemptions WHERE invitation_id = ?').all(invitationId) as { contact_id: string }[]).map((row) => row.contact_id)),
    pendingEffects: async () => 0,
    letAbandonedMarkersExpire: async () => 0,
    remove: async () => dir.remove(),
  };
}

function mongoDatabase(uri: string): TestDatabase {
  const dir = tempDir('invite-desk-rel-');
  let raw: Connection | null = null;
  const connection = async () => (raw ??= await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise());
  return {
    kind: 'mongodb',
    target: { mongodbUri: uri },
    serviceEnv: { DATA_DIR: dir.path, MONGODB_URI: uri },
    open: async () => (await import('../../../src/store/mongo/index.ts')).createMongoStore(uri),
    async redeemersOf(invitationId) {
      const records = await (await connection()).collection('redemptions').find({ invitationId }, { projection: { contactId: 1 } }).toArray();
      return records.map((record) => record.contactId as string);
    },
    async pendingEffects() {
      const invitations = await (await connection()).collection('invitations').find({}, { projection: { pendingCount: 1 } }).toArray();
      return invitations.reduce((sum, invitation) => sum + ((invitation.pendingCount as number | undefined) ?? 0), 0);
    },
    async letAbandonedMarkersExpire() {
      const db = await connection();
      const markers = db.collection<{ _id: string; at: Date }>('revisionMarkers');
      const recent = { at: { $gt: new Date(Date.now() - ABANDONED_AFTER_MS) } };
      let blocking = 0;
      for (const marker of await markers.find(recent).toArray()) {
        // `_id` is tupleId(collection, documentId, revision): JSON of the three.
        const [collection, id, revision] = JSON.parse(marker._id) as [string, string, number];
        const document = await db.collection<{ _id: string; revision?: number }>(collection).findOne({ _id: id }, { projection: { revision: 1 } });
        if (document && document.revision === revision - 1) blocking++;
      }
      await markers.updateMany(recent, { $set: { at: new Date(Date.now() - ABANDONED_AFTER_MS - 1000) } });
      return blocking;
    },
    async remove() {
      await raw?.close();
      raw = null;
      await dropDatabase(uri);
      dir.remove();
    },
  };
}
