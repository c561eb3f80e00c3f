import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../../src/domain/errors.ts';
import { audit, contact, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function auditedWriteBehaviour(makeStore: MakeStore): void {
  describe('writes that carry their audit event', () => {
    const s = useStore(makeStore);
    const actions = async (subjectId: string) => (await s.store.audit.listForSubject(subjectId, { limit: 10 })).items.map((e) => e.action);

    it('records the event with a contact, account, web role, staff member, template or workflow written', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada, audit(ada.id, { action: 'contact.added' }));
      const many = [contact(), contact({ primaryEmail: ada.primaryEmail })];
      const { skippedIds } = await s.store.contacts.insertMany(many, (c) => audit(c.id, { action: 'contact.added' }));
      assert.deepEqual(skippedIds, [many[1]!.id]);
      const account = { id: randomUUID(), name: `Contoso ${randomUUID()}`, createdAt: NOW };
      await s.store.accounts.insert(account, audit(account.id, { action: 'account.added' }));
      await s.store.staff.upsert({ id: 'staff-1', displayName: 'Ann', roles: ['admin'], createdAt: NOW }, audit('staff-1', { action: 'staff.added' }));
      await s.store.templates.put({ name: 'invitation', locale: 'en', subject: 's', html: 'h', text: 't', updatedBy: 'cli', updatedAt: NOW }, audit('template:invitation:en', { action: 'template.saved' }));
      await s.store.workflows.insert({ id: randomUUID(), name: 'crm', url: 'https://example.com', secret: 'x', createdAt: NOW }, audit('workflow:crm', { action: 'workflow.added' }));
      assert.deepEqual(await actions(ada.id), ['contact.added']);
      assert.deepEqual(await actions(many[0]!.id), ['contact.added']);
      assert.deepEqual(await actions(many[1]!.id), [], 'a skipped contact has no event');
      assert.deepEqual(await actions(account.id), ['account.added']);
      assert.deepEqual(await actions('staff-1'), ['staff.added']);
      assert.deepEqual(await actions('template:invitation:en'), ['template.saved']);
      assert.deepEqual(await actions('workflow:crm'), ['workflow.added']);

      assert.equal(await s.store.staff.remove('staff-1', audit('staff-1', { action: 'staff.removed', at: new Date(NOW.getTime() + 1) })), true);
      assert.equal(await s.store.templates.remove('invitation', 'en', audit('template:invitation:en', { action: 'template.reset', at: new Date(NOW.getTime() + 1) })), true);
      assert.equal(await s.store.workflows.remove('CRM', audit('workflow:crm', { action: 'workflow.removed', at: new Date(NOW.getTime() + 1) })), true);
      assert.deepEqual(await actions('staff-1'), ['staff.removed', 'staff.added']);
      assert.deepEqual(await actions('template:invitation:en'), ['template.reset', 'template.saved']);
      assert.deepEqual(await actions('workflow:crm'), ['workflow.removed', 'workflow.added']);
    });

    it('records nothing for a refused write or a remove that finds nothing', async () => {
      const ada = contact();
      await s.store.contacts.insert(ada);
      const twin = contact({ primaryEmail: ada.primaryEmail });
      await assert.rejects(s.store.contacts.insert(twin, audit(twin.id)), ConflictError);
      const account = { id: randomUUID(), name: `Contoso ${randomUUID()}`, createdAt: NOW };
      await s.store.accounts.insert(account);
      const again = { ...account, id: randomUUID() };
      await assert.rejects(s.store.accounts.insert(again, audit(again.id)), ConflictError);
      assert.equal(await s.store.staff.remove('nobody', audit('nobody')), false);
      assert.equal(await s.store.templates.remove('invitation', 'da', audit('template:invitation:da')), false);
      assert.equal(await s.store.workflows.remove('none', audit('workflow:none')), false);
      for (const subject of [twin.id, again.id, 'nobody', 'template:invitation:da', 'workflow:none']) assert.deepEqual(await actions(subject), [], subject);
    });
  });
}
