import { contactAdded } from './contacts.ts';
import type { Contact } from '../domain/contact.ts';
import { ConflictError, NotFoundError, problem, type Problem, ValidationError } from '../domain/errors.ts';
import { phrase } from '../domain/phrases.ts';
import { parseExpiry } from '../domain/expiry.ts';
import { expiryProblem, LOCALES, type Invitation, type Locale } from '../domain/invitation.ts';
import { generateCode } from '../domain/inviteCode.ts';
import type { NewInvitation } from '../store/port.ts';
import { batchApprovalNotices } from './notices/batchApprovals.ts';
import { readContactTable, type RejectedLine, type TableContact } from './contactTable.ts';
import type { Actor, ServiceContext } from './context.ts';
import { namedService, resolveNamed } from './directory.ts';
import { defaultReminderDays, invitePolicy } from './inviteContacts.ts';
import { BATCH_CREATED, batchDecision, findBatch } from './batchDecision.ts';
import { batchView } from './batchRequest.ts';
import { defaultInvitationName } from './createInvitation.ts';
import { assertMay } from './permissions.ts';
import { sendInvitationJob } from './sendInvitationJob.ts';
import { invitationEventJob } from '../domain/webhookEvent.ts';
import { reminderJobs } from './lifecycleJobs.ts';

/** What staff send: the list (pasted lines or CSV) and the options every invitation of it shares. */
export type InviteManyRequest = {
  text: string;
  /** The company of contacts whose line names none (created when missing, as for `invite`). */
  company?: string;
  roles?: readonly string[];
  expires?: string | null;
  workflow?: string;
  locale?: string;
  redirectUrl?: string;
};

export type PreviewContact = { line: number; email: string; name: string; company: string };

/** What confirming would do. `key` confirms it; nothing is written but the preview itself (kept a day). */
export type InviteManyPreview = {
  key: string;
  /** Invitations confirming makes: one per contact. */
  count: number;
  newContacts: PreviewContact[];
  knownContacts: number;
  newCompanies: string[];
  rejected: RejectedLine[];
  requiresApproval: boolean;
  expiresAt: Date | null;
};

/** What a confirm did; `alreadyConfirmed` when the preview had been confirmed before (nothing new written). */
export type InviteManyResult = { batchId: string; invited: number; requiresApproval: boolean; alreadyConfirmed: boolean };

type Options = { company: string; webRoleIds: string[]; expiresAt: string | null; workflow: string | null; locale: Locale; redirectUrl: string | null; requiresApproval: boolean };
/** A preview as kept until it is confirmed; `batchId` is chosen with it, so a confirm that dies half-way is finished under the same id. */
type StoredPreview = { actor: Actor; contacts: Omit<TableContact, 'line'>[]; options: Options; batchId?: string };

const PREVIEWS = 'invite-many.preview';
const RESULTS = 'invite-many.result';
const CONFIRMING = 'invite-many.confirming';
/** How long one confirm holds its preview: longer than writing 1,000 invitations takes on any store; a confirm that died frees it after. */
const CONFIRM_LEASE_MS = 5 * 60_000;
const PREVIEW_LIFETIME_MS = 24 * 3_600_000;
/** Contacts looked up, and invitations written, per store call. */
const CHUNK = 500;
/** Company names kept with the batch for its approval card. */
const MAX_COMPANIES_SHOWN = 20;

/**
 * Inviting many contacts at once: one single invitation per contact (each its own code and mail),
 * all with the same roles, company rule, expiry, workflow and language, under the rules of
 * `inviteContacts`. `preview` reads and checks the list and writes nothing but itself; `confirm`
 * writes, once per preview however often it is called. The batch is one request: when the
 * approval rule says wait (APPROVAL_REQUIRED=all), its invitations wait together and
 * `decideBatch` approves or rejects all of them; `batch` is the batch as its approval card shows it.
 */
export function inviteManyService(ctx: ServiceContext) {
  const { store } = ctx;

  async function preview(actor: Actor, request: InviteManyRequest): Promise<InviteManyPreview> {
    await assertMay(ctx, actor, 'inviter', 'inviting customers');
    const options = await checkedOptions(request);
    const { contacts, rejected } = readContactTable(String(request.text ?? ''));
    if (contacts.length === 0) {
      throw new ValidationError(rejected.length ? noContactProblems(rejected) : [problem('contacts', phrase('list.empty'))]);
    }
    const known = await existingByEmail(contacts.map((c) => c.email));
    const companies = [...new Set(contacts.map((c) => companyOf(c, options)).filter(Boolean))];
    const newCompanies: string[] = [];
    for (const name of companies) if (!(await store.accounts.findByName(name))) newCompanies.push(name);

    const key = ctx.newId();
    const stored: StoredPreview = { actor, contacts: contacts.map(({ line: _line, ...contact }) => contact), options, batchId: ctx.newId() };
    await store.ephemeral.put(PREVIEWS, key, stored, new Date(ctx.clock().getTime() + PREVIEW_LIFETIME_MS));
    return {
      key,
      count: contacts.length,
      newContacts: contacts.filter((c) => !known.has(c.email))
        .map((c) => ({ line: c.line, email: c.email, name: `${c.firstName} ${c.lastName}`.trim(), company: companyOf(c, options) })),
      knownContacts: contacts.filter((c) => known.has(c.email)).length,
      newCompanies,
      rejected,
      requiresApproval: options.requiresApproval,
      expiresAt: options.expiresAt === null ? null : new Date(options.expiresAt),
    };
  }

  async function confirm(actor: Actor, key: string): Promise<InviteManyResult> {
    await assertMay(ctx, actor, 'inviter', 'inviting customers');
    const now = ctx.clock();
    const done = await store.ephemeral.get(RESULTS, key, now);
    if (done && done.actor === actor) return { ...(done.result as Omit<InviteManyResult, 'alreadyConfirmed'>), alreadyConfirmed: true };
    const waiting = await store.ephemeral.get(PREVIEWS, key, now) as StoredPreview | null;
    if (!waiting || waiting.actor !== actor) throw new ValidationError([problem('preview', phrase('list.expired'))]);
    // Of simultaneous confirms, one holds the preview while it writes; the others are told it is being made. The
    // preview stays until the result is kept, so a confirm that died half-way is finished by the next one after its lease.
    const { count } = await store.ephemeral.hit(CONFIRMING, key, CONFIRM_LEASE_MS, now);
    if (count > 1) throw new ConflictError(phrase('list.confirmedAlready'), 'preview held by a concurrent confirm');

    const batchId = waiting.batchId ?? ctx.newId();
    const invited = await writeBatch(actor, batchId, waiting, now);
    const result = { batchId, invited, requiresApproval: waiting.options.requiresApproval };
    await store.ephemeral.put(RESULTS, key, { actor, result }, new Date(now.getTime() + PREVIEW_LIFETIME_MS));
    await store.ephemeral.delete(PREVIEWS, key);
    return { ...result, alreadyConfirmed: false };
  }

  async function writeBatch(actor: Actor, batchId: string, { contacts, options }: StoredPreview, now: Date): Promise<number> {
    const accounts = new Map<string, string>();
    for (const name of new Set(contacts.map((c) => companyOf(c, options)).filter(Boolean))) {
      accounts.set(name.toLowerCase(), (await namedService(ctx, store.accounts, 'Account').ensure(name, actor)).id);
    }
    const accountOf = (contact: Omit<TableContact, 'line'>) => accounts.get(companyOf(contact, options).toLowerCase()) ?? null;
    const people = await ensureContacts(actor, contacts, accountOf, now);
    const ownerId = actor !== 'cli' && (await store.staff.get(actor)) ? actor : null;
    // A confirm that died half-way recorded the batch with its invitations' ids: those are the ids, and only the missing ones are written.
    const recordedIds = await recordedInvitationIds(batchId);
    const entries = contacts.map((line, i) => newInvitation(actor, batchId, people.get(line.email)!, accountOf(line), ownerId, options, now, recordedIds?.[i]));

    // The batch record first: approving the batch finds its invitations through it.
    if (!recordedIds) {
      await store.audit.append({
        id: ctx.newId(), at: now, actor, action: BATCH_CREATED, subjectId: batchId,
        detail: {
          invitationIds: entries.map((e) => e.invitation.id), count: entries.length, requiresApproval: options.requiresApproval,
          companies: [...new Set(contacts.map((c) => companyOf(c, options)).filter(Boolean))].slice(0, MAX_COMPANIES_SHOWN),
        },
      });
    }
    const unwritten = recordedIds ? await notYetWritten(entries) : entries;
    for (let start = 0; start < unwritten.length; start += CHUNK) await store.invitations.insertMany(unwritten.slice(start, start + CHUNK));
    if (options.requiresApproval) await store.jobs.enqueueMany(await batchApprovalNotices(store, { id: batchId, requestedBy: actor, count: entries.length }, now));
    return entries.length;
  }

  /** The contacts by e-mail: found, or created (with the line's company) in one write per chunk. */
  async function ensureContacts(actor: Actor, lines: readonly Omit<TableContact, 'line'>[], accountOf: (line: Omit<TableContact, 'line'>) => string | null, now: Date) {
    const people = await existingByEmail(lines.map((l) => l.email));
    const fresh: Contact[] = lines.filter((l) => !people.has(l.email)).map((l) => ({
      id: ctx.newId(), firstName: l.firstName, lastName: l.lastName, primaryEmail: l.email, secondaryEmail: null, alternateEmail: null,
      parentAccountId: accountOf(l), webRoleIds: [], identities: [], createdAt: now,
    }));
    const raced: string[] = [];
    for (let start = 0; start < fresh.length; start += CHUNK) {
      const chunk = fresh.slice(start, start + CHUNK);
      const skipped = new Set((await store.contacts.insertMany(chunk, (c) => contactAdded(ctx, actor, c))).skippedIds);
      for (const contact of chunk) if (skipped.has(contact.id)) raced.push(contact.primaryEmail!); else people.set(contact.primaryEmail!, contact);
    }
    for (const [email, contact] of await existingByEmail(raced)) people.set(email, contact);
    return people;
  }

  /** The invitation ids of the batch's record, when an earlier confirm wrote it (and died before it finished). */
  async function recordedInvitationIds(batchId: string): Promise<string[] | null> {
    try {
      return (await findBatch(ctx, batchId)).invitationIds;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async function notYetWritten(entries: readonly NewInvitation[]): Promise<NewInvitation[]> {
    const written = await Promise.all(entries.map(async (entry) => (await store.invitations.get(entry.invitation.id)) !== null));
    return entries.filter((_, i) => !written[i]);
  }

  function newInvitation(actor: Actor, batchId: string, contact: Contact, accountId: string | null, ownerId: string | null, options: Options, now: Date, id = ctx.newId()): NewInvitation {
    const code = generateCode();
    const reminderDays = defaultReminderDays(ctx);
    const invitation: Invitation = {
      id,
      name: defaultInvitationName('single', contact, 1, null, now),
      type: 'single', ownerId,
      codeLookupKey: ctx.vault.lookupKey(code), codeSealed: ctx.vault.seal(code),
      expiresAt: options.expiresAt === null ? null : new Date(options.expiresAt),
      inviterContactId: null, assignToAccountId: accountId, workflow: options.workflow, webRoleIds: options.webRoleIds,
      maxRedemptions: 1, remaining: 1, invitedCount: 1, locale: options.locale, redirectUrl: options.redirectUrl,
      lifecycle: options.requiresApproval ? 'pending-approval' : 'sent',
      decidedBy: null, decisionReason: null, createdBy: actor, batchId, createdAt: now, updatedAt: now, version: 1,
      ...(reminderDays ? { reminderDays } : {}),
    };
    return {
      invitation, invitedContactIds: [contact.id],
      audit: { id: ctx.newId(), at: now, actor, action: 'invitation.created', subjectId: invitation.id, detail: { type: 'single', invited: 1, maxRedemptions: 1, lifecycle: invitation.lifecycle, batchId } },
      jobs: [
        ...(options.requiresApproval ? [] : [sendInvitationJob(invitation.id, now), ...reminderJobs(invitation, now)]),
        invitationEventJob('invitation.created', invitation, { id: ctx.newId(), at: now, actor, contacts: [contact], detail: { batchId } }),
      ],
    };
  }

  async function existingByEmail(emails: readonly string[]): Promise<Map<string, Contact>> {
    const found = new Map<string, Contact>();
    for (let start = 0; start < emails.length; start += CHUNK) {
      for (const contact of await store.contacts.findManyByPrimaryEmail(emails.slice(start, start + CHUNK))) found.set(contact.primaryEmail!, contact);
    }
    return found;
  }

  /** The shared options, checked as `inviteContacts` checks them, before any line is read. */
  async function checkedOptions(request: InviteManyRequest): Promise<Options> {
    const policy = invitePolicy(ctx);
    const problems: Problem[] = [];
    const expiresText = request.expires === undefined || request.expires === '' ? policy.defaultExpiry : request.expires;
    const expiresAt = expiresText === null ? null : parseExpiry(expiresText, ctx.clock());
    if (expiresAt === undefined) problems.push(problem('expires', phrase('invite.expiryUnreadable', { text: String(expiresText).slice(0, 40) })));
    const expiry = expiresAt ? expiryProblem(expiresAt, ctx.clock()) : null;
    if (expiry) problems.push(problem('expires', phrase('invite.expiryPast')));
    const locale = (request.locale?.trim() || 'en') as Locale;
    if (!LOCALES.includes(locale)) problems.push(problem('locale', phrase('invite.language', { locales: LOCALES.join(', ') })));
    const company = request.company?.trim() ?? '';
    if (company.length > 200) problems.push(problem('company', phrase('invite.companyTooLong', { max: 200 })));
    const workflow = request.workflow?.trim() || null;
    if (workflow && !(await store.workflows.findByName(workflow))) problems.push(problem('workflow', phrase('invite.unknownWorkflow', { name: workflow.slice(0, 100) })));
    const redirectUrl = request.redirectUrl?.trim() || null;
    if (redirectUrl && !/^https?:\/\/[^\s]+$/i.test(redirectUrl)) problems.push(problem('redirectUrl', phrase('invite.redirectNotUrl')));
    if (problems.length) throw new ValidationError(problems);
    const webRoleIds: string[] = [];
    for (const role of request.roles ?? []) if (role.trim()) webRoleIds.push((await resolveNamed(store.webRoles, 'Web role', role.trim())).id);
    return {
      company, webRoleIds: [...new Set(webRoleIds)], expiresAt: expiresAt?.toISOString() ?? null, workflow, locale, redirectUrl,
      requiresApproval: policy.approvalRequiredForAll,
    };
  }

  return { preview, confirm, decideBatch: batchDecision(ctx), batch: batchView(ctx) };
}

const companyOf = (contact: Pick<TableContact, 'company'>, options: Pick<Options, 'company'>) => contact.company || options.company;

/** Why a list is refused when none of its lines is a contact: that, and the first three lines' reasons. */
function noContactProblems(rejected: readonly RejectedLine[]): Problem[] {
  const lines = rejected.slice(0, 3).map((r) => problem('contacts', r.reason));
  const more = rejected.length > 3 ? [problem('contacts', phrase('line.andMore', { count: rejected.length - 3 }))] : [];
  return [problem('contacts', phrase('list.noContact')), ...lines, ...more];
}

