import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { cardTexts, INVITER, useBot, VIEWER } from '../support/botTestbed.ts';

type Action = { type: string; title: string; verb?: string; data?: Record<string, string>; card?: { body: Record<string, unknown>[]; actions: Action[] } };
const actionsOf = (reply: Partial<Activity>) => ((reply.attachments![0]!.content as { actions?: Action[] }).actions ?? []);
/** The Reset redemption button, which stands under the redeemers. */
const resetAction = (reply: Partial<Activity>) => ((reply.attachments![0]!.content as { body: { type: string; actions?: Action[] }[] }).body)
  .flatMap((e) => (e.type === 'ActionSet' ? e.actions ?? [] : [])).find((a) => a.title === 'Reset redemption');
/** What a card an Action.Execute answered with shows (or the message it answered with instead). */
const shown = (card: unknown) => (typeof card === 'string' ? [card] : cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }));

describe('bot: reset a redemption from the status card', () => {
  const s = useBot();
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
  });

  async function redeemedGroup() {
    const { invitation, code } = await s.services.invitations.create('cli', {
      type: 'group', name: 'Partners', maxRedemptions: 5, invitedContactIds: s.seed.contacts.map((c) => c.id),
      assignToAccountId: s.seed.account.id, webRoleIds: s.seed.roles.map((r) => r.id),
    });
    for (const contact of s.seed.contacts) await s.services.invitations.redeem({ code, contactId: contact.id });
    return invitation;
  }

  it('asks inviters whose redemption and why, resets it through the service, and answers with the card saying what happened', async () => {
    const invitation = await redeemedGroup();
    const [card] = await s.say(`status ${invitation.id}`, INVITER);
    const action = resetAction(card!)!;
    assert.equal(action.type, 'Action.ShowCard');
    const [choice, reason, ...rest] = action.card!.body;
    assert.deepEqual((choice!.choices as { title: string; value: string }[]).map((c) => c.value).sort(), s.seed.contacts.map((c) => c.id).sort());
    assert.deepEqual([choice!.isRequired, reason!.id, rest.length], [true, 'reason', 0], 'no new-code toggle for a group');

    const execute = action.card!.actions[0]!;
    assert.equal(execute.type, 'Action.Execute');
    const ada = s.seed.contacts[0]!;
    s.clock.advance(1000);
    const answer = shown(await s.execute(execute.verb!, { ...execute.data, contactId: ada.id, reason: 'redeemed by a colleague' }, INVITER));
    assert.deepEqual(answer.slice(0, 3), [
      'Partners', 'Sent · group invitation',
      'The redemption of "Partners" is back: 1 of 5 used. person1 Tester no longer has the company, 2 web roles from it and is signed out.',
    ]);
    assert.deepEqual(answer.slice(-2), ['Redeemed by', 'person2 Tester'], 'the card shows the redeemers as they now stand');
    const contact = (await s.store.contacts.get(ada.id))!;
    assert.deepEqual([contact.webRoleIds, contact.parentAccountId, contact.sessionGeneration], [[], null, 1]);
    const [event] = (await s.store.audit.listForSubject(invitation.id, { limit: 1 })).items;
    assert.deepEqual([event!.actor, event!.action, event!.detail.reason], [INVITER, 'invitation.redemption-reset', 'redeemed by a colleague']);

    const again = shown(await s.execute(execute.verb!, { ...execute.data, contactId: ada.id, reason: 'twice' }, INVITER));
    assert.equal(again[2], 'This contact has not redeemed this invitation (or the redemption was reset already).');
    const [refreshed] = await s.say(`status ${invitation.id}`, INVITER);
    assert.deepEqual((resetAction(refreshed!)!.card!.body[0]!.choices as { value: string }[]).map((c) => c.value), [s.seed.contacts[1]!.id]);
  });

  it('offers a new code for a used single invitation, which has no other buttons left', async () => {
    const ada = s.seed.contacts[0]!;
    const { invitation, code } = await s.services.invitations.create('cli', { type: 'single', name: 'For Ada', invitedContactIds: [ada.id] });
    await s.services.invitations.redeem({ code, contactId: ada.id });
    const [card] = await s.say(`status ${invitation.id}`, INVITER);
    assert.deepEqual(actionsOf(card!).map((a) => a.title), [], 'nothing but Reset redemption');
    assert.ok(resetAction(card!));
    const action = resetAction(card!)!;
    assert.equal(action.card!.body[2]!.id, 'reissue');
    const answer = shown(await s.execute(action.card!.actions[0]!.verb!, { ...action.card!.actions[0]!.data!, contactId: ada.id, reason: '', reissue: 'true' }, INVITER));
    assert.match(answer[2]!, /^The redemption of "For Ada" is back: 0 of 1 used\. .* A new code is on its way to the invited contact; the old one no longer works\.$/);
    await assert.rejects(s.services.invitations.checkCode(code), { code: 'code_not_usable' });
  });

  it('gives viewers no button and refuses their submissions, and asks for a contact when none was chosen', async () => {
    const invitation = await redeemedGroup();
    const [viewerCard] = await s.say(`status ${invitation.id}`, VIEWER);
    assert.equal(resetAction(viewerCard!), undefined);
    const data = { verb: 'invitation.reset-redemption', invitationId: invitation.id };
    const [refused] = await s.submit({ ...data, contactId: s.seed.contacts[0]!.id }, VIEWER);
    assert.match(cardTexts(refused!)[1]!, /^Your Invite Desk role does not allow "reset redemption"/);
    assert.match(shown(await s.execute(data.verb, { invitationId: invitation.id, contactId: s.seed.contacts[0]!.id }, VIEWER))[0]!, /^Your Invite Desk role does not allow "reset redemption"/);
    const [unchosen] = await s.submit({ ...data, contactId: { $ne: null } }, INVITER);
    assert.equal(cardTexts(unchosen!)[0], 'Whose redemption?');
    assert.equal(shown(await s.execute(data.verb, { invitationId: invitation.id, contactId: { $ne: null } }, INVITER))[2], 'Choose the contact whose redemption to reset, say why, and press Reset redemption again.');
    assert.equal((await s.services.invitations.find('cli', invitation.id)).redemptions, 2);
  });
});
