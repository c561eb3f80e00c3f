import assert from 'node:assert/strict';
import { lazy } from '../src/lazy.ts';

describe('lazy: a value made on first use', () => {
  it('makes nothing until asked, then makes it once and gives the same value every time', () => {
    let made = 0;
    const value = lazy(() => ({ made: ++made }));
    assert.equal(made, 0);
    const first = value();
    assert.equal(value(), first);
    assert.equal(made, 1);
  });

  it('keeps a promise: concurrent first uses share one load', async () => {
    let loads = 0;
    const module = lazy(async () => ({ load: ++loads }));
    const [a, b] = await Promise.all([module(), module()]);
    assert.equal(a, b);
    assert.equal(loads, 1);
  });

  it('tries again after a throw or a rejected promise, and the caller sees the failure', async () => {
    let attempts = 0;
    const flaky = lazy(() => {
      if (++attempts === 1) throw new Error('not yet');
      return attempts;
    });
    assert.throws(flaky, /not yet/);
    assert.equal(flaky(), 2);

    let loads = 0;
    const module = lazy(async () => {
      if (++loads === 1) throw new Error('cannot load');
      return loads;
    });
    await assert.rejects(module(), /cannot load/);
    assert.equal(await module(), 2);
    assert.equal(await module(), 2);
  });
});
