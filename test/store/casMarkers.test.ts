import assert from 'node:assert/strict';
import type { Model } from 'mongoose';
import { casWrite } from '../../src/store/mongo/cas.ts';
import type { MarkerDoc } from '../../src/store/mongo/models.ts';

/** Markers and a document in memory, behaving as the MongoDB calls casWrite makes do. */
function memory(failUpdates: number) {
  const markers = new Map<string, Date>();
  const doc = { _id: 'd1', revision: 1, value: 'a' };
  const markerModel = {
    async create({ _id, at }: { _id: string; at: Date }) {
      if (markers.has(_id)) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
      markers.set(_id, at);
    },
    async deleteOne({ _id }: { _id: string }) { markers.delete(_id); return { deletedCount: 1 }; },
    findById: (_id: string) => ({ lean: async () => (markers.has(_id) ? { _id, at: markers.get(_id)! } : null) }),
  } as unknown as Model<MarkerDoc>;
  const model = {
    collection: { collectionName: 'docs' },
    async updateOne(filter: { revision: number }, update: { $set: Partial<typeof doc> }) {
      if (failUpdates-- > 0) throw new Error('database is locked (SQLITE_BUSY)');
      if (filter.revision !== doc.revision) return { matchedCount: 0 };
      Object.assign(doc, update.$set);
      return { matchedCount: 1 };
    },
  } as unknown as Model<typeof doc>;
  return { markerModel, model, doc, markers };
}

describe('MongoDB compare-and-swap markers', () => {
  it('a write that fails after taking its marker gives the marker back, so the next writer goes straight through', async () => {
    const { markerModel, model, doc, markers } = memory(1);
    await assert.rejects(casWrite(markerModel, model, { ...doc }, { value: 'b' }), /SQLITE_BUSY/);
    assert.equal(markers.size, 0, 'no marker left to hold the document up');
    const written = await casWrite(markerModel, model, { ...doc }, { value: 'c' });
    assert.deepEqual([written?.revision, doc.value], [2, 'c']);
  });
});
