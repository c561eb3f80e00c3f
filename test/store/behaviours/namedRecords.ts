import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../../src/domain/errors.ts';
import { at, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function accountAndRoleBehaviour(makeStore: MakeStore): void {
  for (const kind of ['accounts', 'webRoles'] as const) {
    describe(kind, () => {
      const s = useStore(makeStore);
      const record = (name: string, createdAt = NOW) => ({ id: randomUUID(), name, createdAt });

      it('finds a record by id and by name regardless of case', async () => {
        const contoso = record('Contoso Ltd');
        await s.store[kind].insert(contoso);
        assert.deepEqual(await s.store[kind].get(contoso.id), contoso);
        assert.deepEqual(await s.store[kind].findByName('CONTOSO ltd'), contoso);
        assert.equal(await s.store[kind].get('missing'), null);
        assert.equal(await s.store[kind].findByName('Fabrikam'), null);
      });

      it('reads several by id in one call, in the order asked, leaving out the missing and repeated', async () => {
        const [a, b, c] = [record('A'), record('B'), record('C')];
        for (const r of [a, b, c]) await s.store[kind].insert(r);
        assert.deepEqual(await s.store[kind].getMany([c.id, 'missing', a.id, c.id]), [c, a]);
        assert.deepEqual(await s.store[kind].getMany([]), []);
      });

      it('refuses a name that is taken, whatever its case', async () => {
        await s.store[kind].insert(record('Contoso'));
        await assert.rejects(s.store[kind].insert(record('contoso')), ConflictError);
      });

      it('lists newest first in pages', async () => {
        for (let i = 0; i < 3; i++) await s.store[kind].insert(record(`N${i}`, at(i)));
        const first = await s.store[kind].list({ limit: 2 });
        assert.deepEqual(first.items.map((r) => r.name), ['N2', 'N1']);
        const rest = await s.store[kind].list({ limit: 2, after: first.next });
        assert.deepEqual(rest.items.map((r) => r.name), ['N0']);
        assert.equal(rest.next, null);
      });
    });
  }
}
