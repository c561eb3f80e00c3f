import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { apiKeyHash } from '../../src/domain/apiClient.ts';
import { ADMIN, INVITER, cardTexts, useBot } from '../support/botTestbed.ts';

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
function keyFacts(reply: Partial<Activity>) {
  const body = (reply.attachments![0]!.content as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body;
  return body.find((e) => e.type === 'FactSet')?.facts ?? [];
}

describe('bot: apikeys (admins)', () => {
  const s = useBot();

  it('creates a key shown once on the answering card (not in its summary), lists keys without it, and revokes one', async () => {
    const [created] = await s.say('apikeys create Invitations.Read,Invitations.ReadWrite CRM sync');
    const texts = cardTexts(created!).map(unescape);
    const key = texts.find((text) => text.startsWith('idk_'));
    assert.ok(key, texts.join('\n'));
    assert.ok(texts.includes('New API key for "CRM sync"'));
    assert.ok(!String(created!.summary).includes(key));
    const [stored] = (await s.store.apiKeys.list({ limit: 5 })).items;
    assert.equal(stored!.hash, apiKeyHash(key));
    assert.equal(stored!.createdBy, ADMIN);

    const [listed] = await s.say('apikeys');
    assert.ok(!JSON.stringify(listed).includes(key.slice(10)));
    assert.deepEqual(keyFacts(listed!).map((f) => [unescape(f.title), unescape(f.value)]), [['CRM sync', `Invitations.Read, Invitations.ReadWrite · ${stored!.prefix}… · never used`]]);

    const [revoked] = await s.say(`apikeys revoke ${stored!.prefix}`);
    assert.equal(unescape(cardTexts(revoked!)[1]!), `The API key "CRM sync" (${stored!.prefix}…) is revoked: it is refused from now on.`);
    assert.equal(await s.services.apiKeys.authenticate(key), null);
  });

  it('speaks Danish to a Danish admin and says what is wrong with bad input', async () => {
    await s.say('apikeys create Admin Ops');
    const [danish] = await s.turnWith({ text: 'apikeys', locale: 'da-DK' }, ADMIN);
    const texts = cardTexts(danish!).map(unescape);
    assert.ok(texts.includes('API-nøgler'), texts.join('\n'));
    assert.match(texts.at(-1)!, /^apikeys create <roller> <navn>/);
    assert.match(unescape(keyFacts(danish!)[0]!.value), /aldrig brugt$/);
    const [bad] = await s.say('apikeys create Everything Someone');
    assert.match(cardTexts(bad!)[1]!, /roles\.0: must be one of Invitations\.Read/);
    const [usage] = await s.say('apikeys destroy');
    assert.match(unescape(cardTexts(usage!)[1]!), /^apikeys create <roles> <name>/);
  });

  it('refuses anyone who is not an admin', async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy', roles: ['inviter'] });
    assert.match(cardTexts((await s.say('apikeys create Admin Mine', INVITER))[0]!)[1]!, /^Your Invite Desk role does not allow "apikeys"/);
    assert.equal((await s.store.apiKeys.list({ limit: 5 })).items.length, 0);
  });
});
