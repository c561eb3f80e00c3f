import { invitationStatus, type Invitation } from '../domain/invitation.ts';
import { JOB_KINDS } from '../domain/jobKinds.ts';
import { reminderDue } from '../domain/reminders.ts';
import type { ServiceContext } from './context.ts';
import { reminderJobId } from './lifecycleJobs.ts';

/**
 * The reminder of an invitation's current expiry as staff see it: `off` (no reminder days or no
 * expiry), `planned` (goes at `at`, if the invitation is still unredeemed then), `sent` (went at
 * `at`), `failed` (its job was dead-lettered), or `none` (it will not go: the invitation is closed,
 * or went out too late for one).
 */
export type ReminderState =
  | { state: 'off' | 'none'; days: number | null }
  | { state: 'planned' | 'sent' | 'failed'; days: number; at: Date };

/** Read from the reminder's job (one per expiry) and its newest mail: two reads. */
export async function reminderState(ctx: ServiceContext, invitation: Invitation): Promise<ReminderState> {
  const due = reminderDue(invitation);
  const days = invitation.reminderDays ?? null;
  if (!due || !invitation.expiresAt || !days) return { state: 'off', days };
  const status = invitationStatus(invitation, ctx.clock());
  const open = status === 'sent' || status === 'draft' || status === 'pending-approval';
  const job = await ctx.store.jobs.get(reminderJobId(invitation.id, invitation.expiresAt));
  if (!job) return open && status !== 'sent' && due.getTime() > ctx.clock().getTime() ? { state: 'planned', days, at: due } : { state: 'none', days };
  if (job.state === 'dead') return { state: 'failed', days, at: job.updatedAt };
  if (job.state !== 'done') return status === 'sent' ? { state: 'planned', days, at: job.runAt } : { state: 'none', days };
  const [mail] = (await ctx.store.jobs.list({ kind: JOB_KINDS.invitationReminderMail, subjectId: invitation.id }, { limit: 1 })).items;
  return mail?.payload.expiresAt === invitation.expiresAt.toISOString() ? { state: 'sent', days, at: job.updatedAt } : { state: 'none', days };
}
