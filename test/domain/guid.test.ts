import assert from 'node:assert/strict';
import { isGuid } from '../../src/domain/guid.ts';

describe('GUIDs', () => {
  it('are 8-4-4-4-12 hex digits in either case, nothing around them', () => {
    assert.ok(isGuid('72f988bf-86f1-41af-91ab-2d7cd011db47'));
    assert.ok(isGuid('72F988BF-86F1-41AF-91AB-2D7CD011DB47'));
    for (const text of ['', 'cli', '72f988bf86f141af91ab2d7cd011db47', '{72f988bf-86f1-41af-91ab-2d7cd011db47}', ' 72f988bf-86f1-41af-91ab-2d7cd011db47', '72f988bf-86f1-41af-91ab-2d7cd011db4g']) {
      assert.equal(isGuid(text), false, JSON.stringify(text));
    }
  });
});
