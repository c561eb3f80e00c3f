import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ADMIN, cardTexts, useBot } from '../support/botTestbed.ts';

const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';

function staffFacts(reply: Partial<Activity>) {
  const body = (reply.attachments![0]!.content as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body;
  return body.find((e) => e.type === 'FactSet')?.facts ?? [];
}

describe('bot: staff (admins)', () => {
  const s = useBot();
  const text = async (message: string, from = ADMIN) => cardTexts((await s.say(message, from))[0]!)[1];

  it('adds, lists, changes roles and removes staff', async () => {
    assert.equal(await text(`staff add ${INVITER} inviter,approver Ivy Inviter`), 'Ivy Inviter is staff now: inviter, approver.');
    assert.deepEqual(staffFacts((await s.say('staff'))[0]!), [
      { title: 'Ivy Inviter', value: `inviter, approver · ${INVITER}` },
      { title: 'Test Person', value: `admin · ${ADMIN}` }, // the bootstrap admin, named as Teams knows them
    ]);
    assert.equal(await text(`staff roles ${INVITER} viewer`), 'Ivy Inviter now has: viewer.');
    assert.deepEqual((await s.services.staff.get(INVITER))!.roles, ['viewer']);
    assert.equal(await text(`staff remove ${INVITER}`), `${INVITER} is no longer staff.`);
    assert.equal(await s.services.staff.get(INVITER), null);
    const [event] = (await s.store.audit.listForSubject(INVITER, { limit: 10 })).items.filter((e) => e.action === 'staff.added');
    assert.equal(event!.actor, ADMIN);
  });

  it('keeps an e-mail address given after the name, for notices that cannot reach Teams', async () => {
    assert.equal(await text(`staff add ${INVITER} inviter Ivy Inviter ivy@example.com`), 'Ivy Inviter is staff now: inviter (ivy@example.com).');
    assert.deepEqual(await s.services.staff.get(INVITER), { ...(await s.services.staff.get(INVITER))!, displayName: 'Ivy Inviter', email: 'ivy@example.com' });
    await text(`staff roles ${INVITER} viewer`);
    assert.equal((await s.services.staff.get(INVITER))!.email, 'ivy@example.com');
  });

  it('says what is wrong with bad input', async () => {
    assert.equal(await text('staff add not-a-guid admin Someone'), 'id: must be an Entra object id (a GUID)');
    assert.equal(await text(`staff add ${INVITER} boss Someone`), 'roles.0: must be one of admin, inviter, approver, viewer');
    assert.equal(await text(`staff roles ${INVITER} viewer`), `There is no staff member ${INVITER}.`);
    assert.equal(await text(`staff remove ${ADMIN}`), 'You cannot remove yourself; ask another admin.');
    assert.match((await text('staff fire everyone'))!, /^staff add <object id> <roles> <name>/);
  });

  it('refuses anyone who is not an admin', async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy', roles: ['inviter'] });
    assert.match((await text('staff', INVITER))!, /^Your Invite Desk role does not allow "staff"/);
    assert.match((await text(`staff add ${INVITER} admin Ivy`, INVITER))!, /^Your Invite Desk role does not allow "staff"/);
    assert.deepEqual((await s.services.staff.get(INVITER))!.roles, ['inviter']);
  });
});
