import assert from 'node:assert/strict';
import { JOB_KINDS } from '../../src/domain/jobKinds.ts';
import type { Store } from '../../src/store/port.ts';
import { lifecycleTestbed } from '../support/lifecycleTestbed.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const isReminder = (subject: string) => subject.startsWith('Reminder');

/**
 * Reminders, drafts, scheduled sends and renewal through the services and the job worker, on a
 * clock the test moves. Run on every store: `makeStore` gives a fresh, empty one per test.
 */
export function lifecycleBehaviour(makeStore: () => Promise<{ store: Store; cleanup(): Promise<void> }>) {
  let bed: Awaited<ReturnType<typeof lifecycleTestbed>>;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const made = await makeStore();
    cleanup = made.cleanup;
    bed = await lifecycleTestbed(made.store);
  });
  afterEach(async () => { await cleanup(); });

  const email = (i: number) => bed.seed.contacts[i]!.primaryEmail!;
  const reminders = (to?: string) => bed.sent.filter((m) => isReminder(m.subject) && (!to || m.to.address === to));
  const invitationMails = (to?: string) => bed.sent.filter((m) => !isReminder(m.subject) && (!to || m.to.address === to));
  const actions = async (id: string) => (await bed.store.audit.listForSubject(id, { limit: 20 })).items.map((e) => e.action).reverse();
  const runDue = () => bed.worker().drain();

  describe('reminders', () => {
    it('reminds an unredeemed invitation REMINDER_DAYS (3) before it expires, once, and says so', async () => {
      const { invitation } = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], expires: '10d' });
      await runDue();
      assert.equal(invitationMails(email(0)).length, 1);
      const due = new Date(invitation.expiresAt!.getTime() - 3 * DAY);
      assert.deepEqual((await bed.services.invitations.details('viewer-1', invitation.id)).reminder, { state: 'planned', days: 3, at: due });

      bed.clock.set(new Date(due.getTime() - MINUTE));
      await runDue();
      assert.equal(reminders().length, 0, 'not before its time');
      bed.clock.set(due);
      await runDue();
      assert.equal(reminders(email(0)).length, 1);
      const [reminder] = reminders();
      assert.match(reminder!.text, /https:\/\/invites\.example\.com\/redeem\?code=/);
      const shown = (await bed.services.invitations.details('viewer-1', invitation.id)).reminder;
      assert.equal(shown.state, 'sent');

      bed.clock.advance(DAY);
      await runDue();
      await bed.services.invitations.resend('inviter-1', invitation.id);
      await runDue();
      assert.equal(reminders().length, 1, 'at most once per reminder, a resend included');
    });

    it('takes the days per invitation, or none, and gives an invitation without expiry none', async () => {
      const five = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], expires: '10d', reminderDays: '5' });
      const none = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(1)], expires: '10d', reminderDays: null });
      const never = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(2)], expires: 'never' });
      await assert.rejects(bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(2)], reminderDays: 'soon' }), { code: 'invalid_input' });
      assert.equal((await bed.services.invitations.details('cli', none.invitation.id)).reminder.state, 'off');
      assert.equal((await bed.services.invitations.details('cli', never.invitation.id)).reminder.state, 'off');
      bed.clock.advance(5 * DAY);
      await runDue();
      assert.deepEqual(reminders().map((m) => m.to.address), [email(0)]);
      bed.clock.advance(5 * DAY - MINUTE);
      await runDue();
      assert.deepEqual(reminders().map((m) => m.to.address), [email(0)], 'no reminder for the one without');
      assert.equal((await bed.services.invitations.details('cli', five.invitation.id)).reminder.state, 'sent');
    });

    it('sends none for a revoked, a redeemed or an expired-and-unextended invitation', async () => {
      const revoked = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], expires: '10d' });
      const redeemed = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(1)], expires: '10d' });
      await runDue();
      await bed.services.invitations.revoke('inviter-1', revoked.invitation.id);
      await bed.services.invitations.redeem({ code: redeemed.code, contactId: bed.seed.contacts[1]!.id });
      bed.clock.advance(8 * DAY);
      await runDue();
      assert.deepEqual(reminders(), []);
      assert.equal((await bed.services.invitations.details('cli', revoked.invitation.id)).reminder.state, 'none');
    });

    it('reminds the invited of a group who have not redeemed it, and not those who have', async () => {
      await bed.store.staff.upsert({ id: 'admin-1', displayName: 'Ann Admin', roles: ['admin'], createdAt: bed.clock() });
      const { invitation, code } = await bed.services.invitations.invite('admin-1', {
        type: 'group', contacts: [email(0), email(1), email(2)], maxRedemptions: 3, expires: '10d', skipApproval: true,
      });
      await runDue();
      await bed.services.invitations.redeem({ code, contactId: bed.seed.contacts[1]!.id });
      bed.clock.advance(7 * DAY);
      await runDue();
      assert.deepEqual(reminders().map((m) => m.to.address).sort(), [email(0), email(2)]);
      assert.equal((await bed.services.invitations.details('cli', invitation.id)).reminder.state, 'sent');
    });

    it('moves with an extension: the old expiry\'s reminder does not go, the new one\'s does, even after one went for the old', async () => {
      const { invitation } = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], expires: '10d' });
      await runDue();
      bed.clock.advance(2 * DAY);
      const later = new Date(invitation.expiresAt!.getTime() + 10 * DAY);
      await bed.services.invitations.extend('inviter-1', invitation.id, later);
      bed.clock.advance(6 * DAY);
      await runDue();
      assert.equal(reminders().length, 0, 'the reminder of the old expiry stays silent');
      assert.deepEqual((await bed.services.invitations.details('cli', invitation.id)).reminder, { state: 'planned', days: 3, at: new Date(later.getTime() - 3 * DAY) });

      bed.clock.set(new Date(later.getTime() - 3 * DAY));
      await runDue();
      assert.equal(reminders().length, 1);
      const latest = new Date(later.getTime() + 10 * DAY);
      await bed.services.invitations.extend('inviter-1', invitation.id, latest);
      bed.clock.set(new Date(latest.getTime() - 3 * DAY));
      await runDue();
      assert.equal(reminders().length, 2, 'a new expiry, a new reminder');
    });

    it('uses the editable reminder template in the invitation\'s language', async () => {
      await bed.services.templates.save('cli', 'invitation-reminder', 'da', { subject: 'Reminder på dansk {{organisation}}', html: '<p>{{redeemUrl}}</p>', text: 'Husk: {{redeemUrl}}' });
      await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], expires: '10d', locale: 'da' });
      await runDue();
      bed.clock.advance(7 * DAY);
      await runDue();
      assert.deepEqual(reminders().map((m) => m.subject), ['Reminder på dansk Contoso']);
      assert.match(reminders()[0]!.text, /^Husk: https:/);
    });

    it('loses no reminder when a worker dies between claiming and sending, and repeats only the one in flight', async () => {
      const { invitation, code } = await bed.services.invitations.invite('cli', {
        type: 'group', contacts: [email(0), email(1), email(2)], maxRedemptions: 3, expires: '10d', skipApproval: true,
      });
      await runDue();
      bed.clock.advance(7 * DAY);
      // Worker A claims the reminder and dies before running it.
      const claimed = await bed.store.jobs.claim('worker-a', bed.clock(), 60_000);
      assert.equal(claimed?.kind, JOB_KINDS.invitationReminder);
      assert.deepEqual(await runDue(), [], 'held by the dead worker until its lease ends');
      bed.clock.advance(60_000);
      // Worker B takes it over and fans it out; A (before dying) had claimed the first mail and one more it sent without completing.
      const b = bed.worker();
      const [fanOut] = await b.drain(1);
      assert.deepEqual([fanOut!.job.id, fanOut!.result], [claimed.id, 'done']);
      const first = await bed.store.jobs.claim('worker-a', bed.clock(), 60_000);
      const second = await bed.store.jobs.claim('worker-a', bed.clock(), 60_000);
      assert.deepEqual([first?.kind, second?.kind], [JOB_KINDS.invitationReminderMail, JOB_KINDS.invitationReminderMail]);
      await bed.handlers[JOB_KINDS.invitationReminderMail]!(second!);
      assert.equal(reminders().length, 1, 'A sent one mail and died before recording it');
      const claimedContacts = [first!, second!].map((job) => job.payload.contactId);
      const untouched = bed.seed.contacts.find((contact) => !claimedContacts.includes(contact.id))!;
      await bed.services.invitations.redeem({ code, contactId: untouched.id });
      bed.clock.advance(60_000);
      await b.drain();
      const byDelivery = new Map<string, number>();
      for (const mail of reminders()) byDelivery.set(mail.deliveryId!, (byDelivery.get(mail.deliveryId!) ?? 0) + 1);
      const expected = [first!.id, second!.id].sort();
      assert.deepEqual([...byDelivery.keys()].sort(), expected, 'every reminder went; none to the contact who redeemed meanwhile');
      assert.equal(byDelivery.get(second!.id), 2, 'the one in flight at the crash went twice');
      assert.equal(byDelivery.get(first!.id), 1, 'the one claimed but not sent went once');
      assert.ok(reminders().every((mail) => mail.to.address !== untouched.primaryEmail));
      assert.ok([...byDelivery.keys()].every((id) => id.startsWith(`reminder-mail:${invitation.id}:`)));
      assert.deepEqual(await bed.store.jobs.countByState({ kind: JOB_KINDS.invitationReminderMail }), { queued: 0, running: 0, done: 3, dead: 0 });
    });
  });

  describe('drafts and scheduled sends', () => {
    it('stores a draft without mail, and sends it with `send`', async () => {
      const { invitation } = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], draft: true });
      assert.equal((await bed.services.invitations.find('cli', invitation.id)).status, 'draft');
      await runDue();
      assert.deepEqual(bed.sent, []);
      assert.deepEqual((await bed.services.invitations.list('cli', { status: 'draft' })).items.map((i) => i.id), [invitation.id]);
      await assert.rejects(bed.services.invitations.send('viewer-1', 'no-such-invitation'), { code: 'not_allowed' }, 'refused before any look-up');
      bed.clock.advance(1000);
      const sent = await bed.services.invitations.send('inviter-1', invitation.id);
      assert.equal(sent.lifecycle, 'sent');
      await runDue();
      assert.equal(invitationMails(email(0)).length, 1);
      await assert.rejects(bed.services.invitations.send('inviter-1', invitation.id), { code: 'invalid_state' });
      assert.deepEqual(await actions(invitation.id), ['invitation.created', 'invitation.sent']);
    });

    it('sends a group draft to the approvers first: no mail before approval', async () => {
      const { invitation } = await bed.services.invitations.invite('inviter-1', { type: 'group', contacts: [email(0), email(1)], maxRedemptions: 2, draft: true, expires: '10d' });
      assert.equal((await bed.services.invitations.send('inviter-1', invitation.id)).lifecycle, 'pending-approval');
      const notices = await bed.store.jobs.list({ kind: JOB_KINDS.notice, subjectId: invitation.id }, { limit: 10 });
      assert.ok(notices.items.length > 0, 'the approvers are asked');
      await assert.rejects(bed.services.invitations.send('inviter-1', invitation.id), { code: 'invalid_state' });
      assert.deepEqual(invitationMails(), []);
      await bed.services.invitations.approve('approver-1', invitation.id);
      await bed.worker().drain();
      assert.equal(invitationMails().length, 2);
      assert.equal((await bed.services.invitations.details('cli', invitation.id)).reminder.state, 'planned');
    });

    it('sends a scheduled invitation at its time, by the worker, not before', async () => {
      const { invitation } = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], sendAt: '2d', expires: '10d' });
      const shown = await bed.services.invitations.find('cli', invitation.id);
      assert.deepEqual([shown.status, shown.sendAt], ['draft', new Date(bed.clock().getTime() + 2 * DAY)]);
      bed.clock.advance(2 * DAY - MINUTE);
      await runDue();
      assert.deepEqual(bed.sent, []);
      bed.clock.advance(MINUTE);
      await runDue();
      assert.equal(invitationMails(email(0)).length, 1);
      assert.equal((await bed.services.invitations.find('cli', invitation.id)).status, 'sent');
      const sent = (await bed.store.audit.listForSubject(invitation.id, { limit: 1 })).items[0]!;
      assert.deepEqual([sent.actor, sent.action, sent.detail.scheduled], ['system', 'invitation.sent', true]);
      assert.deepEqual(sent.detail.changes, { lifecycle: { before: 'draft', after: 'sent' } });
    });

    it('does not send a scheduled invitation that was revoked or sent by hand meanwhile, and refuses a time that is past or after the expiry', async () => {
      const revoked = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], sendAt: '1d' });
      const early = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(1)], sendAt: '1d' });
      await bed.services.invitations.revoke('inviter-1', revoked.invitation.id);
      await bed.services.invitations.send('inviter-1', early.invitation.id);
      bed.clock.advance(DAY);
      await runDue();
      assert.deepEqual(bed.sent.map((m) => m.to.address), [email(1)]);
      await assert.rejects(bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(2)], sendAt: '2020-01-01T00:00Z' }), { code: 'invalid_input' });
      await assert.rejects(bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(2)], sendAt: '5d', expires: '2d' }), { code: 'invalid_input' });
    });

    it('asks for approval of a scheduled group invitation at its time', async () => {
      const { invitation } = await bed.services.invitations.invite('inviter-1', { type: 'group', contacts: [email(0)], maxRedemptions: 1, sendAt: '1d' });
      bed.clock.advance(DAY);
      await runDue();
      assert.equal((await bed.services.invitations.find('cli', invitation.id)).status, 'pending-approval');
      assert.deepEqual(invitationMails(), []);
    });
  });

  describe('renew', () => {
    it('extends an expired invitation and mails it again in one audited step', async () => {
      const { invitation } = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)], expires: '2d' });
      await runDue();
      bed.clock.advance(3 * DAY);
      assert.equal((await bed.services.invitations.find('cli', invitation.id)).status, 'expired');
      await assert.rejects(bed.services.invitations.renew('viewer-1', 'no-such-invitation', null), { code: 'not_allowed' });
      const until = new Date(bed.clock().getTime() + 14 * DAY);
      const renewed = await bed.services.invitations.renew('inviter-1', invitation.id, until);
      assert.deepEqual(renewed.expiresAt, until);
      await runDue();
      assert.equal(invitationMails(email(0)).length, 2);
      assert.equal((await bed.services.invitations.find('cli', invitation.id)).status, 'sent');
      assert.deepEqual(await actions(invitation.id), ['invitation.created', 'invitation.renewed']);
      const renewal = (await bed.store.audit.listForSubject(invitation.id, { limit: 1 })).items[0]!;
      assert.deepEqual(renewal.detail.changes, { expiresAt: { before: invitation.expiresAt!.toISOString(), after: until.toISOString() } });
      bed.clock.set(new Date(until.getTime() - 3 * DAY));
      await runDue();
      assert.equal(reminders(email(0)).length, 1, 'the renewed invitation is reminded before its new expiry');
      await assert.rejects(bed.services.invitations.renew('inviter-1', invitation.id, new Date(bed.clock().getTime() - 1)), { code: 'invalid_input' });
    });

    it('does not renew a revoked invitation or a draft', async () => {
      const revoked = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(0)] });
      await bed.services.invitations.revoke('inviter-1', revoked.invitation.id);
      const draft = await bed.services.invitations.invite('inviter-1', { type: 'single', contacts: [email(1)], draft: true });
      for (const id of [revoked.invitation.id, draft.invitation.id]) {
        await assert.rejects(bed.services.invitations.renew('inviter-1', id, new Date(bed.clock().getTime() + DAY)), { code: 'invalid_state' });
      }
    });
  });
}
