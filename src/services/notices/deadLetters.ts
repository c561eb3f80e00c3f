import { displayName } from '../../domain/contact.ts';
import type { Invitation } from '../../domain/invitation.ts';
import type { Job } from '../../domain/job.ts';
import { JOB_KINDS } from '../../domain/jobKinds.ts';
import type { Store } from '../../store/port.ts';
import { inviterOf, noticeJob, staffObjectId } from './noticeJob.ts';

const MAIL_OF_AN_INVITATION: readonly string[] = [JOB_KINDS.invitationSend, JOB_KINDS.invitationMail, JOB_KINDS.redemptionMail];
const REASON_LENGTH = 300;

/**
 * The notices a dead letter causes: the inviter hears when mail of their invitation failed for good,
 * and every admin (staff with the admin role, and ADMIN_OBJECT_IDS) hears about any dead job, with
 * how to retry it. A dead notice causes nothing, so notices cannot feed on themselves. The ids carry
 * the dead job's last claim, so the same dead letter tells each person once, and a retried job that
 * dies again tells them again.
 */
export async function deadLetterNotices(
  store: Pick<Store, 'invitations' | 'contacts' | 'staff'>, job: Job, reason: string, adminObjectIds: readonly string[], now: Date,
): Promise<Job[]> {
  if (job.kind === JOB_KINDS.notice) return [];
  const invitation = typeof job.payload.invitationId === 'string' ? await store.invitations.get(job.payload.invitationId) : null;
  const what = await describe(store, job, invitation);
  const why = asSentence(reason);
  const idOf = (to: string) => `notice:dead:${job.id}@${job.updatedAt.getTime()}:${to}`;
  const notices: Job[] = [];

  const inviter = invitation && MAIL_OF_AN_INVITATION.includes(job.kind) ? inviterOf(invitation) : null;
  if (inviter) {
    notices.push(noticeJob(idOf(inviter), { to: inviter, title: 'Mail failed', text: `${what} could not be sent: ${why}`, color: 'Attention' }, invitation!.id, now));
  }
  const attempts = `${job.attempts} attempt${job.attempts === 1 ? '' : 's'}`;
  const text = `${what} failed for good after ${attempts}: ${why} Once the cause is fixed, retry it with "npx invite-desk jobs retry ${job.id}".`;
  for (const admin of await admins(store, adminObjectIds)) {
    if (admin !== inviter) notices.push(noticeJob(idOf(admin), { to: admin, title: 'A job failed', text, color: 'Attention' }, job.subjectId, now));
  }
  return notices;
}

function asSentence(reason: string): string {
  const text = reason.trim().length > REASON_LENGTH ? `${reason.trim().slice(0, REASON_LENGTH - 1)}…` : reason.trim() || 'no reason given';
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

async function describe(store: Pick<Store, 'contacts'>, job: Job, invitation: Invitation | null): Promise<string> {
  const contact = typeof job.payload.contactId === 'string' ? await store.contacts.get(job.payload.contactId) : null;
  const who = contact ? `${displayName(contact)}${contact.primaryEmail ? ` (${contact.primaryEmail})` : ''}` : 'a contact';
  const name = invitation ? `"${invitation.name}"` : 'an invitation that no longer exists';
  switch (job.kind) {
    case JOB_KINDS.invitationSend: return `The invitation ${name}`;
    case JOB_KINDS.invitationMail: return `The invitation mail for ${name} to ${who}`;
    case JOB_KINDS.redemptionMail: return `The confirmation mail to ${who} for redeeming ${name}`;
    case JOB_KINDS.passwordResetMail: return `The password reset mail to ${who}`;
    case JOB_KINDS.workflow: return `The workflow "${String(job.payload.workflow)}" for ${who} redeeming ${name}`;
    default: return `A "${job.kind}" job`;
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
