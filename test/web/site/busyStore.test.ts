import assert from 'node:assert/strict';
import { ConcurrentChangeError } from '../../../src/domain/errors.ts';
import { alertText, siteTestbed } from '../../support/siteTestbed.ts';

describe('redeem site: a store too busy to settle a write', () => {
  it('answers 503 with Retry-After and says nothing changed, instead of a bare 409', async () => {
    const t = await siteTestbed();
    try {
      const v = t.visitor();
      await v.get('/?tab=redeem');
      t.store.ephemeral.hit = async () => { throw new ConcurrentChangeError('The rate-limit counter'); };
      const res = await v.post('/redeem', { code: '0000-0000-0000-0000' });
      assert.equal(res.status, 503);
      assert.equal(res.headers['retry-after'], '2');
      assert.equal(alertText(res.text), 'We are very busy right now and nothing was changed. Please try again in a few seconds.');
    } finally {
      await t.store.close();
    }
  });
});
