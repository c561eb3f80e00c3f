import assert from 'node:assert/strict';
import { ConflictError } from '../../../src/domain/errors.ts';
import { at, NOW, useStore, type MakeStore } from '../fixtures.ts';

export function mailSideBehaviour(makeStore: MakeStore): void {
  describe('rate slots, templates, workflows and the dev mailbox', () => {
    const s = useStore(makeStore);

    it('hands out one slot per interval per key, reserving ahead only within the wait allowed', async () => {
      assert.deepEqual(await s.store.rateSlots.reserve('mail:a', 2000, NOW, 5000), { ok: true, at: NOW });
      assert.deepEqual(await s.store.rateSlots.reserve('mail:a', 2000, NOW, 5000), { ok: true, at: at(2000) });
      assert.deepEqual(await s.store.rateSlots.reserve('mail:a', 2000, NOW, 5000), { ok: true, at: at(4000) });
      assert.deepEqual(await s.store.rateSlots.reserve('mail:a', 2000, NOW, 5000), { ok: false, nextAt: at(6000) });
      assert.deepEqual(await s.store.rateSlots.reserve('mail:b', 2000, NOW, 0), { ok: true, at: NOW });
      assert.deepEqual(await s.store.rateSlots.reserve('mail:a', 2000, at(60_000), 0), { ok: true, at: at(60_000) });
    });

    it('never gives the same slot twice to concurrent callers', async () => {
      const slots = await Promise.all(Array.from({ length: 20 }, () => s.store.rateSlots.reserve('mail:c', 1000, NOW, 100_000)));
      const times = slots.map((slot) => (slot.ok ? slot.at.getTime() : -1));
      assert.equal(new Set(times).size, 20);
      assert.ok(times.every((t) => t >= NOW.getTime()));
    });

    it('keeps one custom template per name and locale', async () => {
      const template = { name: 'invitation' as const, locale: 'da' as const, subject: 'S', html: '<p>{{redeemUrl}}</p>', text: '{{redeemUrl}}', updatedBy: 'cli', updatedAt: NOW };
      await s.store.templates.put(template);
      await s.store.templates.put({ ...template, subject: 'S2', updatedAt: at(1) });
      assert.deepEqual(await s.store.templates.get('invitation', 'da'), { ...template, subject: 'S2', updatedAt: at(1) });
      assert.equal(await s.store.templates.get('invitation', 'en'), null);
      assert.deepEqual((await s.store.templates.list()).map((t) => t.subject), ['S2']);
      assert.equal(await s.store.templates.remove('invitation', 'da'), true);
      assert.equal(await s.store.templates.remove('invitation', 'da'), false);
    });

    it('keeps workflows with unique names, whatever their case', async () => {
      const workflow = { id: 'w1', name: 'CRM-Sync', url: 'https://hooks.example.com/a', secret: 'whsec_x', createdAt: NOW };
      await s.store.workflows.insert(workflow);
      await assert.rejects(s.store.workflows.insert({ ...workflow, id: 'w2', name: 'crm-sync' }), ConflictError);
      assert.deepEqual(await s.store.workflows.findByName('crm-SYNC'), workflow);
      assert.deepEqual(await s.store.workflows.list(), [workflow]);
      assert.equal(await s.store.workflows.remove('crm-sync'), true);
      assert.equal(await s.store.workflows.findByName('crm-sync'), null);
    });

    it('keeps dev mail newest first', async () => {
      const mail = (id: string, when: Date) => ({ id, at: when, from: 'f@example.com', to: 't@example.com', subject: id, html: '<p>x</p>', text: 'x' });
      await s.store.devMail.append(mail('one', at(1)));
      await s.store.devMail.append(mail('two', at(2)));
      assert.deepEqual((await s.store.devMail.list({ limit: 10 })).items, [mail('two', at(2)), mail('one', at(1))]);
    });
  });
}
