import { parseContactLines, type ContactLine } from '../domain/contactLines.ts';
import { isEmail } from '../domain/email.ts';
import { formatCode } from '../domain/inviteCode.ts';
import { problem, type Problem, ValidationError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import { DEFAULT_INVITATION_EXPIRY, parseExpiry } from '../domain/expiry.ts';
import type { Invitation } from '../domain/invitation.ts';
import { contactService, resolveContact } from './contacts.ts';
import type { Actor, InvitePolicy, ServiceContext } from './context.ts';
import { createInvitation, type CreateInvitationInput } from './createInvitation.ts';
import { namedService, resolveNamed } from './directory.ts';
import { assertMay } from './permissions.ts';
import { oncePerRequestKey } from './requestKeys.ts';
import { parseSendAt } from '../domain/sendAt.ts';
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, parseReminderDays } from '../domain/reminders.ts';

/** APPROVAL_REQUIRED and the default expiry (INVITATION_EXPIRY), from config. */
export type { InvitePolicy } from './context.ts';
export const DEFAULT_INVITE_POLICY: InvitePolicy = Object.freeze({ approvalRequiredForAll: false, defaultExpiry: DEFAULT_INVITATION_EXPIRY, reminderDays: DEFAULT_REMINDER_DAYS });

export const invitePolicy = (ctx: ServiceContext): InvitePolicy => ctx.invitePolicy ?? DEFAULT_INVITE_POLICY;

/** The reminder days of an invitation whose creator says nothing (REMINDER_DAYS); null for none. */
export const defaultReminderDays = (ctx: ServiceContext): number | null => (invitePolicy(ctx).reminderDays ?? DEFAULT_REMINDER_DAYS) || null;

/**
 * What any edge (bot form, CLI, API) asks for. Contacts come as references (id or e-mail of an
 * existing contact), pasted lines, or people (created or matched by e-mail); the company by name
 * (created when missing) or an account reference (which must exist); roles by id or name; the
 * expiry as typed (parsed against the service clock), or left out for the configured default.
 */
export type InviteRequest = {
  type: 'single' | 'group';
  contacts?: readonly string[];
  contactLines?: string;
  people?: readonly ContactLine[];
  maxRedemptions?: number | string;
  name?: string;
  company?: string;
  account?: string;
  roles?: readonly string[];
  expires?: string | null;
  workflow?: string;
  locale?: string;
  inviter?: string;
  owner?: string;
  redirectUrl?: string;
  /** Admins only: send at once even when the approval rule says wait. Audited. */
  skipApproval?: boolean;
  /** Store it as a draft, mailed by `send` (or at `sendAt`); the approval rule applies when it goes. */
  draft?: boolean;
  /** A draft the worker sends at this time: as typed (a date-time or a duration from now, see parseExpiry). */
  sendAt?: string;
  /**
   * Days before the expiry that a reminder goes to whoever has not redeemed: a number or as typed
   * (see parseReminderDays); null, 0 or `none` for no reminder; left out for REMINDER_DAYS.
   */
  reminderDays?: number | string | null;
  /**
   * Names this request (a form's nonce, an API Idempotency-Key): however often the actor sends it,
   * even at the same instant, it makes one invitation, and each answer is that invitation (see
   * requestKeys.ts). A repeat is answered with the first invitation whatever else it asks for.
   */
  requestKey?: string;
};

export type InviteResult = { invitation: Invitation; code: string; replayed: boolean };

/**
 * The invite use case: checks the actor may invite, validates the request, creates or matches its
 * contacts and company, and creates the invitation. A group invitation (any, with
 * APPROVAL_REQUIRED=all) waits for an approver unless an admin skips approval.
 */
export async function inviteContacts(ctx: ServiceContext, actor: Actor, request: InviteRequest): Promise<InviteResult> {
  await assertMay(ctx, actor, 'inviter', 'inviting customers');
  if (request.skipApproval) await assertMay(ctx, actor, 'admin', 'sending an invitation without approval');
  if (request.requestKey === undefined) return { ...(await invite(ctx, actor, request)), replayed: false };
  return oncePerRequestKey(ctx, actor, request.requestKey, {
    find: async (id) => {
      const invitation = await ctx.store.invitations.get(id);
      return invitation && { invitation, code: formatCode(ctx.vault.open(invitation.codeSealed)) };
    },
    make: (id) => invite(ctx, actor, request, id),
  });
}

async function invite(ctx: ServiceContext, actor: Actor, request: InviteRequest, id?: string): Promise<{ invitation: Invitation; code: string }> {
  const group = request.type === 'group';
  const policy = invitePolicy(ctx);
  const problems: Problem[] = [];

  const expiresText = request.expires === undefined || request.expires === '' ? policy.defaultExpiry : request.expires;
  const expiresAt = expiresText === null ? null : parseExpiry(expiresText, ctx.clock());
  if (expiresAt === undefined) problems.push(problem('expires', phrase('invite.expiryUnreadable', { text: String(expiresText) })));

  const schedule = lifecycleChoices(ctx, request, problems);

  const people: ContactLine[] = [...(request.people ?? [])];
  for (const person of people) if (!isEmail(person.email)) problems.push(problem('email', phrase('invite.emailNeeded')));
  if (request.contactLines !== undefined) {
    const parsed = parseContactLines(request.contactLines);
    problems.push(...parsed.problems.map((message) => ({ field: 'contacts', message })));
    people.push(...parsed.contacts);
  }
  if (people.length === 0 && !request.contacts?.length && !problems.some((p) => p.field === 'contacts' || p.field === 'email')) {
    problems.push(problem('contacts', phrase('invite.contactsNeeded')));
  }
  const maxRedemptions = group || request.maxRedemptions !== undefined ? Number(request.maxRedemptions) : undefined;
  if (group && !(Number.isInteger(maxRedemptions) && maxRedemptions! >= 1)) problems.push(problem('maxRedemptions', phrase('invite.maxRedemptions')));
  if (problems.length) throw new ValidationError(problems);

  const account = request.account ? await resolveNamed(ctx.store.accounts, 'Account', request.account)
    : request.company?.trim() ? await ensureAccount(ctx, request.company, actor) : null;
  const contactIds: string[] = [];
  for (const reference of request.contacts ?? []) contactIds.push((await resolveContact(ctx, reference)).id);
  for (const person of people) contactIds.push((await ensureContact(ctx, person, account?.id ?? null, actor)).id);
  const webRoleIds = [];
  for (const role of request.roles ?? []) if (role.trim()) webRoleIds.push((await resolveNamed(ctx.store.webRoles, 'Web role', role.trim())).id);

  const requiresApproval = (group || policy.approvalRequiredForAll) && !request.skipApproval;
  const created = await createInvitation(ctx, actor, {
    type: request.type,
    name: request.name,
    invitedContactIds: contactIds,
    maxRedemptions,
    expiresAt,
    assignToAccountId: account?.id ?? null,
    webRoleIds,
    inviterContactId: request.inviter ? (await resolveContact(ctx, request.inviter)).id : null,
    workflow: request.workflow?.trim() || null,
    locale: (request.locale?.trim() || undefined) as CreateInvitationInput['locale'],
    ownerId: request.owner ?? (actor !== 'cli' && (await ctx.store.staff.get(actor)) ? actor : null),
    redirectUrl: request.redirectUrl,
    requiresApproval,
    ...schedule,
  }, id);
  if (request.skipApproval && (group || policy.approvalRequiredForAll)) {
    await ctx.store.audit.append({ id: ctx.newId(), at: ctx.clock(), actor, action: 'invitation.approval-skipped', subjectId: created.invitation.id, detail: { type: request.type } });
  }
  return created;
}

/** The draft, send time and reminder days a request asks for, as the invitation takes them; problems are added to `problems`. */
function lifecycleChoices(ctx: ServiceContext, request: InviteRequest, problems: Problem[]) {
  const sendAtText = request.sendAt?.trim() ?? '';
  const sendAt = sendAtText ? parseSendAt(sendAtText, ctx.clock()) : null;
  if (sendAt === undefined) problems.push(problem('sendAt', phrase('invite.sendAtUnreadable', { text: sendAtText.slice(0, 40) })));
  if (request.skipApproval && (request.draft || sendAtText)) problems.push(problem('skipApproval', phrase('invite.draftSkipsApproval')));
  const days = request.reminderDays;
  const reminderDays = days === undefined || days === '' ? defaultReminderDays(ctx)
    : days === null ? null
      : typeof days === 'number' ? (days === 0 ? null : days)
        : parseReminderDays(days);
  if (reminderDays === undefined || (typeof reminderDays === 'number' && !(Number.isInteger(reminderDays) && reminderDays >= 1 && reminderDays <= MAX_REMINDER_DAYS))) {
    problems.push(problem('reminderDays', phrase('invite.reminderDaysUnreadable', { text: String(days).slice(0, 40) })));
  }
  return { draft: Boolean(request.draft), sendAt: sendAt ?? null, reminderDays: typeof reminderDays === 'number' ? reminderDays : null };
}

const ensureAccount = (ctx: ServiceContext, name: string, actor: Actor) => namedService(ctx, ctx.store.accounts, 'Account').ensure(name, actor);

const ensureContact = (ctx: ServiceContext, person: ContactLine, account: string | null, actor: Actor) => contactService(ctx).ensure({ ...person, account }, actor);
