import assert from 'node:assert/strict';
import { noticeTexts } from '../../bot/i18n/translate.ts';
import { newJob } from '../../src/domain/job.ts';
import { JOB_KINDS } from '../../src/domain/jobKinds.ts';
import { PermanentJobError } from '../../src/domain/jobOutcomes.ts';
import { isNoticeMessage, type Notify } from '../../src/domain/notice.ts';
import { noticeHandler } from '../../src/jobs/handlers/notice.ts';
import { webhookEventHandler } from '../../src/jobs/handlers/webhookEvent.ts';
import { noticeSummaryHandler } from '../../src/jobs/handlers/noticeSummary.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { deadLetterNotices, deadLetterSummary } from '../../src/services/notices/deadLetters.ts';
import { noticeJob } from '../../src/services/notices/noticeJob.ts';
import { silentLogger } from '../support/mailTestbed.ts';
import { useSeededServices } from '../support/services.ts';

const HOUR = 3_600_000;
const ADA = 'aaaaaaaa-0000-4000-8000-000000000001';
const IVY = 'bbbbbbbb-0000-4000-8000-000000000002';
const BOB = 'cccccccc-0000-4000-8000-000000000003';
const BOOT_ADMIN = 'eeeeeeee-0000-4000-8000-000000000005';

describe('admins hear once about who could not be reached and what failed for good', () => {
  const s = useSeededServices(1);
  let told: { to: string; title: string; text: string }[];
  /** Teams as the worker sees it (with the mail fallback behind it): only Ada can be reached. */
  const notify: Notify = async (to, title, text) => {
    if (to !== ADA) throw new PermanentJobError(`${to} has not talked to the bot yet, so Teams notices cannot reach them; and no e-mail address is kept for them.`);
    told.push({ to, title, text });
  };
  const worker = () => createWorker({
    store: s.store, logger: silentLogger, clock: s.clock, concurrency: 1, maxAttempts: 3,
    handlers: {
      [JOB_KINDS.notice]: noticeHandler(notify),
      [JOB_KINDS.webhookEvent]: webhookEventHandler(s),
      [JOB_KINDS.deadLetterSummary]: noticeSummaryHandler(notify, (window) => deadLetterSummary(s.store, window)),
      [JOB_KINDS.workflow]: async () => { throw new PermanentJobError('https://hooks.example.com/crm-sync answered 410'); },
    },
    onDeadLetter: async (job, reason) => { await s.store.jobs.enqueueMany(await deadLetterNotices(s.store, job, reason, [BOOT_ADMIN], s.clock())); },
  });
  const summaries = async () => (await s.store.jobs.list({ kind: JOB_KINDS.deadLetterSummary }, { limit: 100 })).items;

  beforeEach(async () => {
    told = [];
    await s.services.staff.save('cli', { id: ADA, displayName: 'Ada Admin', roles: ['admin'] });
    await s.services.staff.save('cli', { id: IVY, displayName: 'Ivy Inviter', roles: ['inviter'] });
    await s.services.staff.save('cli', { id: BOB, displayName: 'Bob *Approver*', roles: ['approver'] });
  });

  it('sends each admin one summary after the hour, naming each unreachable person once with why, and each other dead job with its retry', async () => {
    await s.store.jobs.enqueueMany([
      noticeJob('n1', { to: IVY, title: 'Invitation redeemed', text: 'x', color: 'Good' }, null, s.clock()),
      noticeJob('n2', { to: IVY, title: 'Invitation expired unused', text: 'y', color: 'Warning' }, null, s.clock()),
      noticeJob('n3', { to: BOB, title: 'Approval needed', text: 'z', color: 'Warning' }, null, s.clock()),
      newJob({ id: 'w1', kind: JOB_KINDS.workflow, payload: { workflow: 'crm-sync', contactId: s.seed.contacts[0]!.id } }, s.clock()),
    ]);
    assert.deepEqual((await worker().drain()).map((r) => r.result), ['dead', 'dead', 'dead', 'dead']);
    assert.equal(told.length, 0, 'nobody is told per dead job');
    assert.deepEqual((await summaries()).map((j) => [j.payload.to, j.runAt.toISOString()]).sort(), [[ADA, '2026-06-01T13:01:00.000Z'], [BOOT_ADMIN, '2026-06-01T13:01:00.000Z']]);

    s.clock.advance(HOUR);
    await worker().drain();
    assert.equal(told.length, 0, 'the summary waits a minute past the hour');
    s.clock.advance(60_000);
    await worker().drain();
    assert.deepEqual(told.map((t) => [t.to, t.title]), [[ADA, 'Unreachable staff and failed jobs']]);
    assert.deepEqual(told[0]!.text.split('\n'), [
      'Between 2026-06-01 12:00 and 13:00 UTC:',
      'Could not be reached in Teams or by mail (give them an address with "staff add … --email", or ask them to write to the bot once):',
      `• Bob *Approver*, 1 notice: ${BOB} has not talked to the bot yet, so Teams notices cannot reach them; and no e-mail address is kept for them.`,
      `• Ivy Inviter, 2 notices: ${IVY} has not talked to the bot yet, so Teams notices cannot reach them; and no e-mail address is kept for them.`,
      'Jobs that failed for good:',
      '• The workflow "crm-sync" for person1 Tester (person1@example.com) redeeming an invitation that no longer exists, after 1 attempt: https://hooks.example.com/crm-sync answered 410. Retry: npx invite-desk jobs retry w1',
    ]);
    assert.equal((await s.store.jobs.get(`notice:dead-letters:2026-06-01T12:00:00.000Z:${BOOT_ADMIN}`))!.state, 'dead', 'the boot admin cannot be reached either');

    s.clock.advance(HOUR);
    await worker().drain();
    assert.equal((await summaries()).length, 2, 'a summary that could not be delivered does not start another');
  });

  it('starts a new summary for what dies in a later hour, and none for an hour without dead jobs', async () => {
    await s.store.jobs.enqueue(noticeJob('n1', { to: IVY, title: 'T', text: 'x', color: 'Default' }, null, s.clock()));
    await worker().drain();
    s.clock.advance(2 * HOUR + 60_000);
    await s.store.jobs.enqueue(noticeJob('n2', { to: BOB, title: 'T', text: 'x', color: 'Default' }, null, s.clock()));
    await worker().drain();
    assert.deepEqual(told.map((t) => [t.to, t.text.split('\n')[0]]), [[ADA, 'Between 2026-06-01 12:00 and 13:00 UTC:']]);
    s.clock.advance(HOUR);
    await worker().drain();
    assert.deepEqual(told.map((t) => [t.to, t.text.split('\n')[0]]), [[ADA, 'Between 2026-06-01 12:00 and 13:00 UTC:'], [ADA, 'Between 2026-06-01 14:00 and 15:00 UTC:']]);
    assert.match(told[1]!.text, /Bob \*Approver\*, 1 notice/);
    assert.doesNotMatch(told[1]!.text, /Ivy/);
  });

  it('keeps a long summary short: at most 20 lines of each kind, then how many more', async () => {
    await s.store.jobs.enqueueMany(Array.from({ length: 25 }, (_, i) => noticeJob(`n${i}`, { to: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, title: 'T', text: 'x', color: 'Default' }, null, s.clock())));
    const dead = await worker().drain();
    assert.equal(dead.length, 25);
    s.clock.advance(HOUR);
    const summary = await deadLetterSummary(s.store, '2026-06-01T12:00:00.000Z');
    assert.equal(summary!.text.split('\n').filter((line) => line.startsWith('• ')).length, 20);
    assert.match(summary!.text, /\n… and 5 more: npx invite-desk jobs dead$/);
    assert.equal(await deadLetterSummary(s.store, '2026-06-01T15:00:00.000Z'), null);
  });

  it('words the summary and the inviter\'s "mail failed" notice in Danish for an admin and an inviter who speak it', async () => {
    await s.store.jobs.enqueueMany([
      noticeJob('n1', { to: BOB, title: 'Approval needed', text: 'z', color: 'Warning' }, null, s.clock()),
      newJob({ id: 'w1', kind: JOB_KINDS.workflow, payload: { workflow: 'crm-sync', contactId: s.seed.contacts[0]!.id } }, s.clock()),
    ]);
    await worker().drain();
    s.clock.advance(HOUR);
    const summary = (await deadLetterSummary(s.store, '2026-06-01T12:00:00.000Z'))!;
    assert.ok(isNoticeMessage(summary.message), 'the summary\'s message survives a job payload');
    assert.equal(noticeTexts('en', summary, summary.message).text, summary.text, 'English stays as the service words it');
    const danish = noticeTexts('da', summary, summary.message);
    assert.equal(danish.title, 'Medarbejdere, der ikke kunne nås, og job, der fejlede');
    assert.deepEqual(danish.text.split('\n').map((line) => line.replace(/: .*has not talked.*$/, ': …')), [
      'Mellem 2026-06-01 12:00 og 13:00 UTC:',
      'Kunne ikke nås i Teams eller på mail (giv dem en adresse med "staff add … --email", eller bed dem skrive til botten én gang):',
      '• Bob *Approver*, 1 besked(er): …',
      'Job, der fejlede endegyldigt:',
      '• Arbejdsgangen "crm-sync" for person1 Tester (person1@example.com), der indløste an invitation that no longer exists, efter 1 forsøg: https://hooks.example.com/crm-sync answered 410. Prøv igen: npx invite-desk jobs retry w1',
    ]);

    const invitation = (await s.services.invitations.create('cli', { type: 'single', name: 'Forår', invitedContactIds: [s.seed.contacts[0]!.id], ownerId: IVY })).invitation;
    const mail = newJob({ id: 'm1', kind: JOB_KINDS.invitationMail, payload: { invitationId: invitation.id, contactId: s.seed.contacts[0]!.id } }, s.clock());
    const [failed] = (await deadLetterNotices(s.store, mail, 'Graph refused the mail (400)', [], s.clock())).filter((job) => job.kind === JOB_KINDS.notice);
    const payload = failed!.payload as { title: string; text: string; message: unknown };
    assert.equal(payload.text, 'The invitation mail for "Forår" to person1 Tester (person1@example.com) could not be sent: Graph refused the mail (400).');
    assert.ok(isNoticeMessage(payload.message));
    assert.deepEqual(noticeTexts('da', payload, payload.message), {
      title: 'Mail kunne ikke sendes', text: 'Invitationsmailen for "Forår" til person1 Tester (person1@example.com) kunne ikke sendes: Graph refused the mail (400).',
    });
  });
});
