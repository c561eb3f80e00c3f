import assert from 'node:assert/strict';
import { cliOnFreshStore } from '../support/inProcessCli.ts';
import { seedDirectory } from '../support/services.ts';

describe('admin CLI: who redeemed, and a contact\'s invitations', () => {
  const bed = cliOnFreshStore();

  const { cli } = bed;

  it('`invite show` lists all 105 redeemers, not the first 100', async () => {
    const { contacts } = await seedDirectory(bed.t.services, 105, 'redeemer');
    const created = await bed.t.services.invitations.create('cli', { type: 'group', name: 'Big group', maxRedemptions: 200, invitedContactIds: [contacts[0]!.id] });
    for (const contact of contacts) {
      bed.t.clock.advance(1000);
      await bed.t.services.invitations.redeem({ code: created.code, contactId: contact.id });
    }
    const shown = await cli('invite', 'show', created.invitation.id);
    assert.equal(shown.exitCode, 0, shown.stderr);
    const redeemers = shown.lines.filter((line) => line.startsWith('redeemed by '));
    assert.equal(redeemers.length, 105);
    assert.equal(new Set(redeemers).size, 105);
    assert.match(redeemers[0]!, /^redeemed by redeemer105 Tester at /, 'newest first');
    assert.match(redeemers[104]!, /^redeemed by redeemer1 Tester at /);
    const json = JSON.parse((await cli('--json', 'invite', 'show', created.invitation.id)).stdout);
    assert.equal(json.redeemedBy.length, 105);
    assert.equal(json.redeemersNext, null);
  });

  it('`invite list --contact` finds the invitations a person was invited by or redeemed', async () => {
    const { contacts } = await seedDirectory(bed.t.services, 3);
    const [ada, bob, cy] = contacts;
    await bed.t.services.invitations.create('cli', { type: 'single', name: 'Ada alone', invitedContactIds: [ada!.id] });
    bed.t.clock.advance(1000);
    const group = await bed.t.services.invitations.create('cli', { type: 'group', name: 'Open group', maxRedemptions: 5, invitedContactIds: [bob!.id] });
    bed.t.clock.advance(1000);
    await bed.t.services.invitations.create('cli', { type: 'single', name: 'Cy alone', invitedContactIds: [cy!.id] });
    await bed.t.services.invitations.redeem({ code: group.code, contactId: ada!.id });
    const listed = await cli('--json', 'invite', 'list', '--contact', ada!.primaryEmail!);
    assert.equal(listed.exitCode, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout).items.map((i: { name: string }) => i.name), ['Open group', 'Ada alone']);
    const bobs = JSON.parse((await cli('--json', 'invite', 'list', '--contact', bob!.id)).stdout);
    assert.deepEqual(bobs.items.map((i: { name: string }) => i.name), ['Open group']);
  });
});
