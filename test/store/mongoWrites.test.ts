import assert from 'node:assert/strict';
import { upsertRetryingRace } from '../../src/store/mongo/writes.ts';

const duplicateKey = () => Object.assign(new Error('E11000 duplicate key'), { code: 11000 });

describe('MongoDB upsert after a lost insert race', () => {
  it('runs the upsert again once when it lost the insert of a new _id', async () => {
    let calls = 0;
    await upsertRetryingRace(async () => { if (++calls === 1) throw duplicateKey(); });
    assert.equal(calls, 2);
  });

  it('throws any other failure without trying again', async () => {
    let calls = 0;
    await assert.rejects(upsertRetryingRace(async () => { calls++; throw new Error('server gone'); }), /server gone/);
    assert.equal(calls, 1);
  });

  it('throws a second duplicate key: the retry is the update', async () => {
    let calls = 0;
    await assert.rejects(upsertRetryingRace(async () => { calls++; throw duplicateKey(); }), /E11000/);
    assert.equal(calls, 2);
  });
});
