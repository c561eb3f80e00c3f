import assert from 'node:assert/strict';
import { ADMIN, cardTexts, INVITER, useBot } from '../support/botTestbed.ts';

type Card = { body: unknown[]; actions?: { verb?: string }[] };

/** Every action a card offers (nested in action sets and show-cards too): verb and data. */
function executeActions(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const found: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute') found.push({ verb: String(element.verb), data: (element.data ?? {}) as Record<string, unknown> });
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}

const texts = (card: unknown) => cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });

describe('bot: webhooks (admins)', () => {
  const s = useBot();

  it('lists subscriptions, adds one (its secret shown once, on the answering card) and removes one after a confirmation', async () => {
    const [first] = await s.say('webhooks');
    assert.ok(cardTexts(first!).includes('No webhooks yet.'));

    const added = await s.execute('webhooks.add', { url: 'https://hooks.example.com/crm', events: 'invitation.redeemed,invitation.revoked' }) as unknown as Card;
    const [subscription] = await s.store.webhooks.list();
    assert.deepEqual([subscription!.url, subscription!.events, subscription!.createdBy], ['https://hooks.example.com/crm', ['invitation.redeemed', 'invitation.revoked'], ADMIN]);
    assert.ok(texts(added).includes(subscription!.secret), 'the secret, once');
    assert.ok(texts(added).some((t) => t.startsWith('Added. Deliveries to https://hooks.example.com/crm')));

    const [listed] = await s.say('webhooks');
    assert.ok(!JSON.stringify(listed).includes(subscription!.secret), 'never again');
    const remove = executeActions(listed!.attachments![0]!.content).find((a) => a.verb === 'webhooks.remove');
    assert.deepEqual(remove!.data, { id: subscription!.id });

    const after = await s.execute('webhooks.remove', remove!.data);
    assert.ok(texts(after).some((t) => t.startsWith('Removed https://hooks.example.com/crm')));
    assert.deepEqual(await s.store.webhooks.list(), []);
    const audit = (await s.store.audit.listForSubject(`webhook:${subscription!.id}`, { limit: 5 })).items.map((e) => `${e.action} ${e.actor}`).sort();
    assert.deepEqual(audit, [`webhook.added ${ADMIN}`, `webhook.removed ${ADMIN}`]);
  });

  it('puts a refused URL back in the form with what is wrong, in Danish for a Danish reader', async () => {
    const card = await s.execute('webhooks.add', { url: 'http://169.254.169.254/', events: '' }, ADMIN, 'da-DK') as unknown as Card;
    assert.ok(texts(card).includes('url: must be an https URL'));
    assert.ok(texts(card).includes('Tilføj en webhook'));
    assert.ok(JSON.stringify(card).includes('"value":"http://169.254.169.254/"'));
    assert.deepEqual(await s.store.webhooks.list(), []);
  });

  it('keeps what admins typed as text on the card', async () => {
    await s.services.webhooks.add('cli', { url: 'https://hooks.example.com/*bold*_[x](https://evil.example)' });
    const [listed] = await s.say('webhooks');
    assert.ok(cardTexts(listed!).includes('https://hooks.example.com/*bold*_[x](https://evil.example)'));
  });

  it('refuses anyone who is not an admin, whatever they send', async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy', roles: ['inviter'] });
    const { id } = await s.services.webhooks.add('cli', { url: 'https://hooks.example.com/crm' });
    assert.match(cardTexts((await s.say('webhooks', INVITER))[0]!)[1]!, /^Your Invite Desk role does not allow "webhooks"/);
    assert.match(await s.execute('webhooks.add', { url: 'https://hooks.example.com/x' }, INVITER) as unknown as string, /does not allow "webhooks"/);
    assert.match(await s.execute('webhooks.remove', { id }, INVITER) as unknown as string, /does not allow "webhooks"/);
    assert.equal((await s.store.webhooks.list()).length, 1);
  });
});
