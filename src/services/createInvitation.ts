import { z } from 'zod';
import { ConflictError, NotFoundError, problem, type Problem, ValidationError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import { expiryProblem, LOCALES, type Invitation } from '../domain/invitation.ts';
import { displayName, type Contact } from '../domain/contact.ts';
import { generateCode } from '../domain/inviteCode.ts';
import { safeRedirect } from '../domain/redirects.ts';
import { approvalRequestNotices } from './notices/approvals.ts';
import { invitationEventJob } from '../domain/webhookEvent.ts';
import { sendInvitationJob } from './sendInvitationJob.ts';
import { reminderJobs, scheduledSendJob } from './lifecycleJobs.ts';
import { sendAtProblems } from '../domain/sendAt.ts';
import { MAX_REMINDER_DAYS } from '../domain/reminders.ts';
import type { Job } from '../domain/job.ts';
import type { Actor, ServiceContext } from './context.ts';
import { parseInput } from './input.ts';

export const MAX_GROUP_REDEMPTIONS = 1_000_000;

const createInput = z.object({
  name: z.string().trim().max(200, 'is at most 200 characters').optional(),
  type: z.enum(['single', 'group'], { message: 'must be single or group' }),
  invitedContactIds: z.array(z.string().min(1)).min(1, 'needs at least one contact'),
  maxRedemptions: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_GROUP_REDEMPTIONS).optional(),
  expiresAt: z.date({ message: 'must be a date' }).nullish(),
  inviterContactId: z.string().min(1).nullish(),
  assignToAccountId: z.string().min(1).nullish(),
  workflow: z.string().trim().min(1).max(100).nullish(),
  webRoleIds: z.array(z.string().min(1)).default([]),
  locale: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` }).default('en'),
  redirectUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullish(),
  ownerId: z.string().min(1).nullish(),
  requiresApproval: z.boolean().default(false),
  /** A draft is stored without mail; `sendAt` makes it a draft the worker sends then (see sendDraft.ts). */
  draft: z.boolean().default(false),
  sendAt: z.date({ message: 'must be a date' }).nullish(),
  /** Days before the expiry that the invited are reminded (none when absent or null). */
  reminderDays: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_REMINDER_DAYS, `must be at most ${MAX_REMINDER_DAYS}`).nullish(),
});
export type CreateInvitationInput = z.input<typeof createInput>;

/**
 * Creates an invitation and returns it with its code. The code is shown this once: the store
 * keeps only its lookup key and a sealed copy. Without a name it is named after its contact (or a
 * group's company) and the day, by the service clock. `id` is given only for a request key's
 * invitation (see requestKeys.ts); otherwise a new one is drawn.
 */
export async function createInvitation(ctx: ServiceContext, actor: Actor, input: CreateInvitationInput, id: string = ctx.newId()): Promise<{ invitation: Invitation; code: string }> {
  const data = parseInput(createInput, input);
  const now = ctx.clock();
  const invitedContactIds = [...new Set(data.invitedContactIds)];
  const problems: Problem[] = [];

  if (data.type === 'single' && invitedContactIds.length !== 1) {
    problems.push({ field: 'invitedContactIds', message: 'a single invitation invites exactly one contact' });
  }
  if (data.type === 'single' && data.maxRedemptions !== undefined && data.maxRedemptions !== 1) {
    problems.push({ field: 'maxRedemptions', message: 'a single invitation is redeemed once; use a group invitation for more' });
  }
  if (data.type === 'group' && data.maxRedemptions === undefined) {
    problems.push({ field: 'maxRedemptions', message: 'a group invitation needs a maximum number of redemptions' });
  }
  if (data.redirectUrl && ctx.redirectPolicy && !safeRedirect(data.redirectUrl, ctx.redirectPolicy.publicBaseUrl, ctx.redirectPolicy.allowlist)) {
    problems.push(problem('redirectUrl', phrase('invite.redirectNotAllowed')));
  }
  const expiry = expiryProblem(data.expiresAt ?? null, now);
  if (expiry) problems.push(problem('expiresAt', expiry));
  problems.push(...sendAtProblems(data.sendAt ?? null, data.expiresAt ?? null, now));

  const firstContact = await checkInvitedContacts(ctx, invitedContactIds, problems);
  if (data.inviterContactId && !(await ctx.store.contacts.get(data.inviterContactId))) {
    problems.push({ field: 'inviterContactId', message: `contact ${data.inviterContactId} was not found` });
  }
  const account = data.assignToAccountId ? await ctx.store.accounts.get(data.assignToAccountId) : null;
  if (data.assignToAccountId && !account) {
    problems.push({ field: 'assignToAccountId', message: `account ${data.assignToAccountId} was not found` });
  }
  const webRoleIds = [...new Set(data.webRoleIds)];
  for (const roleId of webRoleIds) {
    if (!(await ctx.store.webRoles.get(roleId))) problems.push({ field: 'webRoleIds', message: `web role ${roleId} was not found` });
  }
  if (data.workflow && !(await ctx.store.workflows.findByName(data.workflow))) {
    problems.push({ field: 'workflow', message: `there is no workflow named "${data.workflow}"` });
  }
  if (data.ownerId && !(await ctx.store.staff.get(data.ownerId))) {
    problems.push({ field: 'ownerId', message: `staff member ${data.ownerId} was not found` });
  }
  if (problems.length) throw new ValidationError(problems);

  const maxRedemptions = data.type === 'single' ? 1 : data.maxRedemptions!;
  const name = data.name || defaultInvitationName(data.type, firstContact!, invitedContactIds.length, account?.name ?? null, now);
  for (let attempt = 0; ; attempt++) {
    const code = generateCode();
    const invitation: Invitation = {
      id,
      name,
      type: data.type,
      ownerId: data.ownerId ?? null,
      codeLookupKey: ctx.vault.lookupKey(code),
      codeSealed: ctx.vault.seal(code),
      expiresAt: data.expiresAt ?? null,
      inviterContactId: data.inviterContactId ?? null,
      assignToAccountId: data.assignToAccountId ?? null,
      workflow: data.workflow ?? null,
      webRoleIds,
      maxRedemptions,
      remaining: maxRedemptions,
      invitedCount: invitedContactIds.length,
      locale: data.locale,
      redirectUrl: data.redirectUrl ?? null,
      lifecycle: data.draft || data.sendAt ? 'draft' : data.requiresApproval ? 'pending-approval' : 'sent',
      decidedBy: null,
      decisionReason: null,
      createdBy: actor,
      ...(data.reminderDays ? { reminderDays: data.reminderDays } : {}),
      ...(data.sendAt ? { sendAt: data.sendAt } : {}),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const audit = {
      id: ctx.newId(), at: now, actor, action: 'invitation.created', subjectId: invitation.id,
      detail: { type: invitation.type, invited: invitation.invitedCount, maxRedemptions, lifecycle: invitation.lifecycle, ...(invitation.sendAt ? { sendAt: invitation.sendAt.toISOString() } : {}) },
    };
    try {
      const jobs = await creationJobs(ctx, invitation, now);
      jobs.push(invitationEventJob('invitation.created', invitation, { id: ctx.newId(), at: now, actor, contacts: data.type === 'single' && firstContact ? [firstContact] : [] }));
      await ctx.store.invitations.insert(invitation, invitedContactIds, audit, jobs);
      return { invitation, code };
    } catch (error) {
      // 80 random bits make a collision all but impossible; if one happens, draw again.
      if (error instanceof ConflictError && attempt < 3) continue;
      throw error;
    }
  }
}

/** What a new invitation queues: its mail (and reminder), its approval request, its scheduled send, or, for a draft, nothing. */
async function creationJobs(ctx: ServiceContext, invitation: Invitation, now: Date): Promise<Job[]> {
  if (invitation.lifecycle === 'sent') return [sendInvitationJob(invitation.id, now), ...reminderJobs(invitation, now)];
  if (invitation.lifecycle === 'pending-approval') return approvalRequestNotices(ctx.store, invitation, now);
  return invitation.sendAt ? [scheduledSendJob(invitation.id, invitation.sendAt, now)] : [];
}

/**
 * Checks the invited contacts a batch at a time, so a large group is never all in memory; returns
 * the first. Batches of 2,000: FerretDB 1.x reads a whole collection for every `$in` look-up, so
 * each batch costs a scan (10,000 invited in batches of 500 took 23.4 s to invite on FerretDB on
 * PostgreSQL, in batches of 2,000 11.9 s: `npm run bench -- --only bulk-invite --stores ferretdb-pg`).
 */
async function checkInvitedContacts(ctx: ServiceContext, ids: string[], problems: { field: string; message: string }[]): Promise<Contact | null> {
  const BATCH = 2_000;
  let first: Contact | null = null;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const found = new Map((await ctx.store.contacts.getMany(batch)).map((contact) => [contact.id, contact]));
    for (const id of batch) {
      const contact = found.get(id);
      first ??= contact ?? null;
      if (!contact) problems.push({ field: 'invitedContactIds', message: new NotFoundError('Contact', id).message });
      else if (!contact.primaryEmail) problems.push({ field: 'invitedContactIds', message: `${displayName(contact)} has no primary e-mail, so the invitation cannot be sent to them` });
      if (problems.length >= 50) return first;
    }
  }
  return first;
}

/** `Grace Hopper – 2026-06-01`; a group: `Fabrikam – …` after its company, else `Ada Lovelace and 3 more – …`. */
export function defaultInvitationName(type: 'single' | 'group', first: Contact, count: number, company: string | null, now: Date): string {
  const who = type === 'group' && company ? company : count > 1 ? `${displayName(first)} and ${count - 1} more` : displayName(first);
  return `${who.slice(0, 180)} – ${now.toISOString().slice(0, 10)}`;
}
