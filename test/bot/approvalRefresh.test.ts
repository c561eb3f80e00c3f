import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { addStaff, APPROVER, INVITER, useBotWithConnector } from '../support/botTestbed.ts';

const personalChat = (objectId: string) => ({ id: `a:personal-${objectId.slice(0, 8)}`, conversationType: 'personal' }) as Activity['conversation'];

describe('bot: an approval card\'s refresh (Action.Execute) never edits the message', () => {
  const s = useBotWithConnector();
  let invitationId: string;
  beforeEach(async () => {
    await addStaff(s.services);
    invitationId = (await s.services.invitations.create(INVITER, {
      type: 'group', maxRedemptions: 2, invitedContactIds: s.seed.contacts.map((c) => c.id), requiresApproval: true, ownerId: INVITER,
    })).invitation.id;
  });
  const execute = (verb: string, trigger: 'automatic' | 'manual') => s.send(APPROVER, {
    type: 'invoke', name: 'adaptiveCard/action', replyToId: 'the-approval-card', conversation: personalChat(APPROVER),
    value: { action: { type: 'Action.Execute', verb, data: { invitationId } }, trigger },
  });

  it('answers an automatic refresh with the card (Approve / Reject for an approver) and sends no update', async () => {
    const answer = await execute('approval.refresh', 'automatic');
    const body = answer.body as { type: string; value: { actions?: { verb: string }[]; refresh?: unknown } };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(body.value.actions?.map((a) => a.verb), ['approval.approve', 'approval.reject']);
    assert.ok(body.value.refresh, 'the card still refreshes itself for approvers');
    assert.deepEqual(s.connector.updates, [], 'no PUT …/activities/{id}');
    assert.deepEqual(s.connector.requests.filter((r) => r.method === 'PUT'), []);
  });

  it('answers a click with the card, without editing the message in that turn', async () => {
    const answer = await execute('approval.approve', 'manual');
    assert.equal((answer.body as { type: string }).type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(s.connector.requests.filter((r) => r.method === 'PUT'), []);
  });
});
