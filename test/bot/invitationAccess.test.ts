import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { addStaff, APPROVER, INVITER, STRANGER, useBot, VIEWER } from '../support/botTestbed.ts';

const UNKNOWN_ID = '0d9c1b2a-0000-4000-8000-00000000dead';
const UNKNOWN_CODE = '2345-6789-ABCD-EFGH';

type Role = 'viewer' | 'inviter' | 'approver';
/** What each command or card action that takes an invitation needs, and how to send it. */
const ACTIONS: { name: string; role: Role; byCode?: boolean; send: (s: ReturnType<typeof useBot>, reference: string, from: string) => Promise<unknown> }[] = [
  { name: 'status', byCode: true, role: 'viewer', send: (s, ref, from) => s.say(`status ${ref}`, from) },
  { name: 'resend', byCode: true, role: 'inviter', send: (s, ref, from) => s.say(`resend ${ref}`, from) },
  { name: 'extend', byCode: true, role: 'inviter', send: (s, ref, from) => s.say(`extend ${ref} 7d`, from) },
  { name: 'revoke', byCode: true, role: 'inviter', send: (s, ref, from) => s.say(`revoke ${ref} wrong list`, from) },
  { name: 'Resend button', role: 'inviter', send: (s, ref, from) => s.submit({ verb: 'invitation.resend', invitationId: ref }, from) },
  { name: 'Extend button', role: 'inviter', send: (s, ref, from) => s.submit({ verb: 'invitation.extend', invitationId: ref, expires: '7d' }, from) },
  { name: 'Revoke button', role: 'inviter', send: (s, ref, from) => s.submit({ verb: 'invitation.revoke', invitationId: ref }, from) },
  { name: 'Approve', role: 'approver', send: (s, ref, from) => s.execute('approval.approve', { invitationId: ref }, from) },
  { name: 'Reject', role: 'approver', send: (s, ref, from) => s.execute('approval.reject', { invitationId: ref, reason: 'no' }, from) },
  { name: 'approval card refresh', role: 'viewer', send: (s, ref, from) => s.execute('approval.refresh', { invitationId: ref }, from) },
];

/** What the speaker sees of the answer: the cards' JSON or the text, with the reference made neutral. */
function seen(answer: unknown, reference: string): string {
  const shown = Array.isArray(answer)
    ? (answer as Partial<Activity>[]).map((activity) => activity.attachments?.map((a) => a.content) ?? activity.text ?? activity.value ?? null)
    : answer;
  return JSON.stringify(shown ?? null).split(reference).join('<reference>');
}

describe('bot: invitations shown only to staff who may see them, unknown and forbidden alike', () => {
  const s = useBot();
  let id: string;
  let code: string;
  let secrets: string[];
  beforeEach(async () => {
    await addStaff(s.services);
    const created = await s.services.invitations.create(INVITER, {
      type: 'group', name: 'Secret partners', maxRedemptions: 2, invitedContactIds: s.seed.contacts.map((c) => c.id),
      assignToAccountId: s.seed.account.id, webRoleIds: [s.seed.roles[0]!.id], requiresApproval: true, ownerId: INVITER,
    });
    id = created.invitation.id;
    code = created.code;
    secrets = ['Secret partners', s.seed.contacts[0]!.primaryEmail!, 'Contoso Ltd', 'Ivy Inviter'];
  });

  const rolesOf: Record<string, Role[]> = { [STRANGER]: [], [VIEWER]: ['viewer'], [INVITER]: ['viewer', 'inviter'], [APPROVER]: ['viewer', 'approver'] };

  for (const action of ACTIONS) {
    it(`${action.name}: someone whose role does not allow it gets the same answer for a real and an unknown invitation, with no detail`, async () => {
      const refused = Object.keys(rolesOf).filter((speaker) => !rolesOf[speaker]!.includes(action.role));
      assert.ok(refused.length > 0);
      for (const speaker of refused) {
        for (const [real, unknown] of [[id, UNKNOWN_ID], ...(action.byCode ? [[code, UNKNOWN_CODE]] : [])] as [string, string][]) {
          const toReal = seen(await action.send(s, real, speaker), real);
          const toUnknown = seen(await action.send(s, unknown, speaker), unknown);
          assert.equal(toReal, toUnknown, `${speaker} told apart a real invitation from an unknown one`);
          for (const secret of secrets) assert.ok(!toReal.includes(secret), `${speaker} was shown "${secret}": ${toReal}`);
        }
      }
      assert.equal((await s.services.invitations.find('cli', id)).status, 'pending-approval', 'and nothing changed');
    });

    it(`${action.name}: staff whose role allows it are told plainly that nothing matches an unknown invitation`, async () => {
      const allowed = Object.keys(rolesOf).find((speaker) => rolesOf[speaker]!.includes(action.role))!;
      const answer = seen(await action.send(s, UNKNOWN_ID, allowed), UNKNOWN_ID);
      assert.match(answer, /No invitation matches \\"<reference>\\"\./, answer);
    });
  }

  it('the Next page button of the list: refused alike for any cursor to someone who is not staff', async () => {
    for (let i = 0; i < 11; i++) await s.services.invitations.create('cli', { type: 'single', name: `Single ${i}`, invitedContactIds: [s.seed.contacts[1]!.id] });
    const [first] = await s.say('list', VIEWER);
    const after = (first!.attachments![0]!.content as { actions: { data: { after: string } }[] }).actions[0]!.data.after;
    const toReal = seen(await s.submit({ verb: 'list.next', status: '', after }, STRANGER), after);
    const toMadeUp = seen(await s.submit({ verb: 'list.next', status: '', after: 'bm90LWEtY3Vyc29y' }, STRANGER), 'bm90LWEtY3Vyc29y');
    assert.equal(toReal, toMadeUp);
    assert.ok(!toReal.includes('Single'), toReal);
  });

  it('an approver still sees the card of an invitation that is no longer pending, and a viewer the outcome', async () => {
    await s.services.invitations.approve(APPROVER, id);
    assert.match(seen(await s.execute('approval.approve', { invitationId: id }, APPROVER), id), /This invitation is not waiting for approval/);
    assert.match(seen(await s.execute('approval.refresh', { invitationId: id }, VIEWER), id), /approved by Abe Approver/);
  });
});
