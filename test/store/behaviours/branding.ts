import assert from 'node:assert/strict';
import { at, audit, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function brandingBehaviour(makeStore: MakeStore): void {
  describe('stored branding', () => {
    const s = useStore(makeStore);

    it('is empty until a field is stored', async () => {
      assert.deepEqual(await s.store.branding.get(), {});
    });

    it('stores and clears fields, leaving the others as they are', async () => {
      await s.store.branding.change({ set: { organisationName: 'Northwind', colour: '#7a1f5c' }, clear: [], by: 'cli', at: NOW });
      await s.store.branding.change({ set: { colour: '#0b57a4', supportEmail: 'help@northwind.example' }, clear: ['organisationName', 'termsUrl'], by: 'staff-1', at: at(1) });
      assert.deepEqual(await s.store.branding.get(), {
        colour: { value: '#0b57a4', updatedBy: 'staff-1', updatedAt: at(1) },
        supportEmail: { value: 'help@northwind.example', updatedBy: 'staff-1', updatedAt: at(1) },
      });
      await s.store.branding.change({ set: {}, clear: ['colour', 'supportEmail'], by: 'cli', at: at(2) });
      assert.deepEqual(await s.store.branding.get(), {});
    });

    it('keeps both of two changes to different fields made at once', async () => {
      await Promise.all([
        s.store.branding.change({ set: { organisationName: 'Northwind' }, clear: [], by: 'cli', at: NOW }),
        s.store.branding.change({ set: { logo: 'logo.svg' }, clear: [], by: 'staff-1', at: NOW }),
      ]);
      assert.deepEqual(Object.keys(await s.store.branding.get()).sort(), ['logo', 'organisationName']);
    });

    it('records the audit event with the change', async () => {
      await s.store.branding.change({ set: { colour: '#7a1f5c' }, clear: [], by: 'cli', at: NOW }, audit('branding', { action: 'branding.changed' }));
      assert.deepEqual((await s.store.audit.listForSubject('branding', { limit: 10 })).items.map((e) => e.action), ['branding.changed']);
    });
  });
}
