import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { tempDir } from '../support/tempDir.ts';
import { storeConformance } from './conformance.ts';

storeConformance('sqlite', async () => {
  const dir = tempDir();
  const store = createSqliteStore(join(dir.path, 'store.sqlite'));
  return { store, cleanup: async () => { await store.close(); dir.remove(); } };
});
