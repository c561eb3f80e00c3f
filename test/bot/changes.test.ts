import assert from 'node:assert/strict';
import { cardTexts, useBot } from '../support/botTestbed.ts';

const INVITER = 'bbbbbbbb-0000-4000-8000-000000000002';
const VIEWER = 'cccccccc-0000-4000-8000-000000000003';

describe('bot: revoke and extend', () => {
  const s = useBot();
  let id: string;
  let code: string;
  beforeEach(async () => {
    await s.services.staff.save('cli', { id: INVITER, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: VIEWER, displayName: 'Vic Viewer', roles: ['viewer'] });
    const created = await s.services.invitations.create('cli', { type: 'single', name: 'For Ada', invitedContactIds: [s.seed.contacts[0]!.id] });
    ({ code } = created);
    id = created.invitation.id;
  });

  const text = async (message: string, from = INVITER) => cardTexts((await s.say(message, from))[0]!)[1];
  const title = async (message: string) => cardTexts((await s.say(message, INVITER))[0]!)[0];

  it('extends by id or code, and says how to use it when the input is not right', async () => {
    assert.equal(await text(`extend ${id} 2099-12-31`), '"For Ada" can now be redeemed until 2099-12-31 23:59 UTC.');
    assert.equal((await s.services.invitations.find('cli', id)).expiresAt!.toISOString(), '2099-12-31T23:59:59.999Z');
    assert.equal(await text(`extend ${code.toLowerCase()} never`), '"For Ada" can now be redeemed until further notice (no end date).');
    assert.match((await text(`extend ${id} soon`))!, /^"soon" is not a date/);
    assert.match((await text('extend'))!, /^Type extend followed by the invitation id, code or e-mail/);
    assert.equal(await title('extend'), 'That did not work');
    assert.equal(await title(`extend ${id} 7d`), 'Done');
    assert.equal(await text('extend 0000-0000-0000-0000 7d'), 'No invitation matches "0000-0000-0000-0000".');
  });

  it('revokes with the reason in the audit trail, once', async () => {
    s.clock.advance(1000);
    assert.equal(await text(`revoke ${id} sent to the wrong person`), '"For Ada" is revoked and can no longer be redeemed.');
    const [event] = (await s.store.audit.listForSubject(id, { limit: 1 })).items;
    assert.deepEqual([event!.actor, event!.action, event!.detail], [INVITER, 'invitation.revoked', { reason: 'sent to the wrong person' }]);
    assert.equal(await text(`revoke ${id}`), 'This invitation is already revoked.');
    assert.equal((await s.services.invitations.find('cli', id)).status, 'revoked');
  });

  it('resends the mail', async () => {
    assert.equal(await text(`resend ${code}`), 'The mail for "For Ada" is queued again for its 1 contact.');
    assert.equal((await s.store.jobs.list({ kind: 'invitation.send', subjectId: id }, { limit: 5 })).items.length, 2);
  });

  type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown>; card?: { body: { id?: string; type: string; text?: string }[]; actions: Action[] } };
  const actionsOf = (card: unknown) => ((card as { actions?: Action[] }).actions ?? []);
  /** The card an Action.Execute answered with, as shown (or the message it answered with instead). */
  const shown = (card: unknown) => (typeof card === 'string' ? [card] : cardTexts({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }));
  const press = (action: Action, inputs: Record<string, unknown> = {}, from = INVITER) => s.execute(action.verb!, { ...action.data, ...inputs }, from);

  it('offers Extend, Resend and Revoke on the status card to inviters; each updates the card in place and says what was done or why not', async () => {
    const [statusCard] = await s.say(`status ${id}`, INVITER);
    const actions = actionsOf(statusCard!.attachments![0]!.content);
    assert.deepEqual(actions.map((a) => [a.title, a.type]), [['Extend', 'Action.ShowCard'], ['Resend', 'Action.Execute'], ['Revoke', 'Action.ShowCard']]);
    const extend = actions[0]!.card!.actions[0]!;
    assert.deepEqual(actions[0]!.card!.body.map((e) => e.id), ['expires']);
    assert.deepEqual(shown(await press(extend, { expires: 'soon' })).slice(0, 3), ['For Ada', 'Sent · single invitation',
      'Give the new end as a date (2026-12-31), a date-time with zone (2026-12-31T17:00Z), a duration (12h, 7d, 2w) or never.']);
    const extended = await press(extend, { expires: '2099-01-01' });
    assert.equal(shown(extended)[2], '"For Ada" can now be redeemed until 2099-01-01 23:59 UTC.');
    assert.equal((extended as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === 'Expires')!.value,
      '{{DATE(2099-01-01T23:59:59Z, SHORT)}} {{TIME(2099-01-01T23:59:59Z)}}', 'the card shows the new end');
    assert.equal(shown(await press(actions[1]!))[2], 'The mail for "For Ada" is queued again.');

    const revoke = actions[2]!;
    assert.deepEqual(revoke.card!.body.map((e) => e.id ?? e.text), ['Revoke "For Ada"? Its code stops working at once; this cannot be undone.', 'revokeReason'], 'asks first, with a reason');
    const confirm = revoke.card!.actions[0]!;
    assert.deepEqual([confirm.title, confirm.type], ['Confirm revoke', 'Action.Execute']);
    assert.match(shown(await press(confirm, {}, VIEWER))[0]!, /^Your Invite Desk role does not allow "revoke"/);
    s.clock.advance(1000);
    const revoked = await press(confirm, { revokeReason: 'wrong person' });
    assert.deepEqual(shown(revoked).slice(1, 3), ['Revoked · single invitation', '"For Ada" is revoked and can no longer be redeemed.']);
    assert.deepEqual(actionsOf(revoked), [], 'nothing left to do with a revoked invitation');
    const [event] = (await s.store.audit.listForSubject(id, { limit: 1 })).items;
    assert.deepEqual([event!.action, event!.detail], ['invitation.revoked', { reason: 'wrong person' }]);
    assert.equal(shown(await press(confirm))[2], 'This invitation is already revoked.', 'a second press says why not');
    const [viewerCard] = await s.say(`status ${id}`, VIEWER);
    assert.equal(actionsOf(viewerCard!.attachments![0]!.content).length, 0, 'viewers get no buttons');
  });

  it('still serves the buttons of status cards sent before (Action.Submit)', async () => {
    assert.equal(cardTexts((await s.submit({ verb: 'invitation.extend', invitationId: id, expires: '2099-01-01' }, INVITER))[0]!)[1], '"For Ada" can now be redeemed until 2099-01-01 23:59 UTC.');
    assert.equal(cardTexts((await s.submit({ verb: 'invitation.revoke', invitationId: id }, VIEWER))[0]!)[1]!.startsWith('Your Invite Desk role does not allow "revoke"'), true);
    assert.equal(cardTexts((await s.submit({ verb: 'invitation.revoke', invitationId: id }, INVITER))[0]!)[1], '"For Ada" is revoked and can no longer be redeemed.');
  });

  it('refuses viewers, and changes nothing', async () => {
    assert.match((await text(`revoke ${id}`, VIEWER))!, /^Your Invite Desk role does not allow "revoke"/);
    assert.match((await text(`extend ${id} 7d`, VIEWER))!, /^Your Invite Desk role does not allow "extend"/);
    assert.match((await text(`resend ${id}`, VIEWER))!, /^Your Invite Desk role does not allow "resend"/);
    assert.equal((await s.services.invitations.find('cli', id)).status, 'sent');
  });
});
