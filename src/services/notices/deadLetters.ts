import { displayName } from '../../domain/contact.ts';
import { utcMinute } from '../../domain/dateText.ts';
import type { Invitation } from '../../domain/invitation.ts';
import { newJob, type Job } from '../../domain/job.ts';
import { JOB_KINDS } from '../../domain/jobKinds.ts';
import type { Notice, NoticeMessage } from '../../domain/notice.ts';
import type { Store } from '../../store/port.ts';
import { inviterOf, noticeJob, staffObjectId } from './noticeJob.ts';

const MAIL_OF_AN_INVITATION: readonly string[] = [JOB_KINDS.invitationSend, JOB_KINDS.invitationMail, JOB_KINDS.redemptionMail];
const REASON_LENGTH = 300;
/** Admins hear about dead letters once per hour at most: one summary of the hour, sent when it ends. */
export const SUMMARY_WINDOW_MS = 3_600_000;
/** How long after its hour a summary waits, so that a dead letter recorded in the hour's last moment is in it. */
const SUMMARY_GRACE_MS = 60_000;
/** Lines of each kind in a summary (unreachable people, other jobs); the rest are counted. */
const SUMMARY_LINES = 20;

/** What is kept of a dead letter for the summary (an audit event's detail); `about` is `what` as a message part (absent in records from before it). */
type DeadLetterRecord = { jobId: string; kind: string; what: string; about?: NoticeMessage; why: string; attempts: number; to?: string; who?: string };

/**
 * What a dead letter causes. The inviter hears at once when mail of their invitation failed for
 * good. Admins (staff with the admin role, and ADMIN_OBJECT_IDS) hear once per hour: the dead
 * letter is recorded (an audit event of the hour) and each admin gets one summary job, due a
 * minute after the hour ends, that lists whoever could not be reached (dead notices) and every other dead job
 * with how to retry it. A dead summary causes nothing, so summaries cannot feed on themselves.
 * The ids carry the dead job's last claim, so the same dead letter is told once, and a retried job
 * that dies again is told again.
 */
export async function deadLetterNotices(
  store: Pick<Store, 'invitations' | 'contacts' | 'staff' | 'audit' | 'webhookDeliveries'>, job: Job, reason: string, adminObjectIds: readonly string[], now: Date,
): Promise<Job[]> {
  if (job.kind === JOB_KINDS.deadLetterSummary) return [];
  const invitation = typeof job.payload.invitationId === 'string' ? await store.invitations.get(job.payload.invitationId) : null;
  const why = asSentence(reason);
  const claim = `${job.id}@${job.updatedAt.getTime()}`;
  const notices: Job[] = [];

  const inviter = invitation && MAIL_OF_AN_INVITATION.includes(job.kind) ? inviterOf(invitation) : null;
  if (inviter) {
    const { english, part } = await describe(store, job, invitation);
    notices.push(noticeJob(`notice:dead:${claim}:${inviter}`, {
      to: inviter, title: 'Mail failed', text: `${english} could not be sent: ${why}`, color: 'Attention', message: { key: 'mailFailed', values: { what: part, why } },
    }, invitation!.id, now));
  }

  const window = new Date(Math.floor(now.getTime() / SUMMARY_WINDOW_MS) * SUMMARY_WINDOW_MS).toISOString();
  await store.audit.append({
    id: `dead-letter:${claim}`, at: now, actor: 'system', action: 'job.dead-lettered', subjectId: summarySubject(window),
    detail: await deadLetterRecord(store, job, why, invitation),
  });
  const due = new Date(Date.parse(window) + SUMMARY_WINDOW_MS + SUMMARY_GRACE_MS);
  for (const admin of await admins(store, adminObjectIds)) {
    notices.push(newJob({ id: `notice:dead-letters:${window}:${admin}`, kind: JOB_KINDS.deadLetterSummary, payload: { to: admin, window }, runAt: due }, now));
  }
  return notices;
}

/**
 * The summary of the hour starting at `window` (an ISO instant), or null when nothing died in it:
 * each person no notice could reach, once, with how many notices and the last reason; then each
 * other dead job with its retry command.
 */
export async function deadLetterSummary(store: Pick<Store, 'audit'>, window: string): Promise<Omit<Notice, 'to'> | null> {
  const records: DeadLetterRecord[] = [];
  let after: string | null = null;
  do {
    const page = await store.audit.listForSubject(summarySubject(window), { limit: 100, after });
    records.push(...page.items.map((event) => event.detail as DeadLetterRecord));
    after = page.next;
  } while (after);
  if (!records.length) return null;

  const unreachable = new Map<string, { who: string; count: number; why: string }>();
  for (const record of records.filter((r) => r.to)) {
    const seen = unreachable.get(record.to!);
    unreachable.set(record.to!, { who: record.who ?? record.to!, count: (seen?.count ?? 0) + 1, why: seen?.why ?? record.why });
  }
  type Line = { english: string; message: NoticeMessage };
  const line = (english: string, key: string, values: NoticeMessage['values'] = {}): Line => ({ english, message: { key: `deadLetterSummary.${key}`, values } });
  const people = [...unreachable.values()].sort((a, b) => a.who.localeCompare(b.who))
    .map(({ who, count, why }) => line(`• ${who}, ${count} notice${count === 1 ? '' : 's'}: ${why}`, 'person', { who, count: String(count), why }));
  const jobs = records.filter((r) => !r.to).map((r) => {
    const values = { what: r.about ?? r.what, attempts: String(r.attempts), why: r.why, jobId: r.jobId };
    return line(`• ${r.what}, after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}: ${r.why} Retry: npx invite-desk jobs retry ${r.jobId}`, 'job', values);
  });

  const start = new Date(window);
  const end = new Date(start.getTime() + SUMMARY_WINDOW_MS);
  const period = { from: utcMinute(start).replace(' UTC', ''), to: end.toISOString().slice(11, 16) };
  const lines: Line[] = [];
  if (people.length) lines.push(line('Could not be reached in Teams or by mail (give them an address with "staff add … --email", or ask them to write to the bot once):', 'people'), ...people.slice(0, SUMMARY_LINES));
  if (jobs.length) lines.push(line('Jobs that failed for good:', 'jobs'), ...jobs.slice(0, SUMMARY_LINES));
  const more = Math.max(0, people.length - SUMMARY_LINES) + Math.max(0, jobs.length - SUMMARY_LINES);
  if (more) lines.push(line(`… and ${more} more: npx invite-desk jobs dead`, 'more', { count: String(more) }));
  return {
    title: 'Unreachable staff and failed jobs',
    text: [`Between ${period.from} and ${period.to} UTC:`, ...lines.map((l) => l.english)].join('\n'),
    color: 'Attention',
    message: { key: 'deadLetterSummary', values: period, lines: lines.map((l) => l.message) },
  };
}

const summarySubject = (window: string) => `dead-letters:${window}`;

async function deadLetterRecord(store: Pick<Store, 'contacts' | 'staff' | 'webhookDeliveries'>, job: Job, why: string, invitation: Invitation | null): Promise<DeadLetterRecord> {
  const { english, part } = await describe(store, job, invitation);
  const record: DeadLetterRecord = { jobId: job.id, kind: job.kind, what: english, about: part, why, attempts: job.attempts };
  const to = job.kind === JOB_KINDS.notice && typeof job.payload.to === 'string' ? job.payload.to : null;
  if (to) {
    record.to = to.trim().toLowerCase();
    record.who = (await store.staff.get(record.to))?.displayName ?? record.to;
  }
  return record;
}

function asSentence(reason: string): string {
  const text = reason.trim().length > REASON_LENGTH ? `${reason.trim().slice(0, REASON_LENGTH - 1)}…` : reason.trim() || 'no reason given';
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** What a dead job was, in English and as a message part (`notice.job.<kind>`) for the bot to word. */
async function describe(store: Pick<Store, 'contacts' | 'webhookDeliveries'>, job: Job, invitation: Invitation | null): Promise<{ english: string; part: NoticeMessage }> {
  const contact = typeof job.payload.contactId === 'string' ? await store.contacts.get(job.payload.contactId) : null;
  const who = contact ? `${displayName(contact)}${contact.primaryEmail ? ` (${contact.primaryEmail})` : ''}` : 'a contact';
  const name = invitation ? `"${invitation.name}"` : 'an invitation that no longer exists';
  const described = (key: string, english: string, values: Record<string, string> = {}) => ({ english, part: { key: `job.${key}`, values: { who, name, ...values } } });
  switch (job.kind) {
    case JOB_KINDS.invitationSend: return described('invitationSend', `The invitation ${name}`);
    case JOB_KINDS.invitationMail: return described('invitationMail', `The invitation mail for ${name} to ${who}`);
    case JOB_KINDS.redemptionMail: return described('redemptionMail', `The confirmation mail to ${who} for redeeming ${name}`);
    case JOB_KINDS.passwordResetMail: return described('passwordResetMail', `The password reset mail to ${who}`);
    case JOB_KINDS.workflow: return described('workflow', `The workflow "${String(job.payload.workflow)}" for ${who} redeeming ${name}`, { workflow: String(job.payload.workflow) });
    case JOB_KINDS.notice: return described('notice', `The notice "${String(job.payload.title)}"`, { title: String(job.payload.title) });
    case JOB_KINDS.webhookDelivery: {
      const delivery = typeof job.payload.deliveryId === 'string' ? await store.webhookDeliveries.get(job.payload.deliveryId) : null;
      const event = delivery?.eventType ?? 'unknown';
      return described('webhookDelivery', `The "${event}" event to webhook subscription ${delivery?.subscriptionId ?? '?'}`, { event, subscription: delivery?.subscriptionId ?? '?' });
    }
    default: return described('other', `A "${job.kind}" job`, { kind: job.kind });
  }
}

/** Staff with the admin role and the ADMIN_OBJECT_IDS, once each. */
async function admins(store: Pick<Store, 'staff'>, adminObjectIds: readonly string[]): Promise<string[]> {
  const ids = new Set(adminObjectIds.flatMap((id) => staffObjectId(id) ?? []));
  let after: string | null = null;
  do {
    const page = await store.staff.list({ limit: 200, after });
    for (const member of page.items) if (member.roles.includes('admin')) ids.add(member.id);
    after = page.next;
  } while (after);
  return [...ids];
}
