import { z } from 'zod';
import { isReset, type InvitationActivity } from '../domain/activity.ts';
import { displayName } from '../domain/contact.ts';
import { invitationStatus, isStatus, redemptionCount, statusCondition, STATUSES, type Invitation, type InvitationStatus } from '../domain/invitation.ts';
import { formatCode, maskCode } from '../domain/inviteCode.ts';
import type { InvitationFilter, Page } from '../store/port.ts';
import { resolveContact } from './contacts.ts';
import { resolveNamed } from './directory.ts';
import type { Actor, ServiceContext } from './context.ts';
import { findInvitation } from './invitationReference.ts';
import { assertMay } from './permissions.ts';
import { actorDisplayName } from './staffNames.ts';
import { reminderState, type ReminderState } from './reminderState.ts';
import { pageInput, parseInput, type PageInput } from './input.ts';

const listFilter = z.object({
  status: z.string().refine(isStatus, `must be one of ${STATUSES.join(', ')}`).optional(),
  /** Id or primary e-mail of a contact the invitations invite or that redeemed them. */
  contact: z.string().trim().min(1).optional(),
  ownerId: z.string().trim().min(1).optional(),
  /** Only invitations the actor owns or created. */
  mine: z.boolean().optional(),
  search: z.string().trim().max(200).optional(),
  /** Id or name of the account the invitations give. */
  account: z.string().trim().min(1).optional(),
  /** Created at or after this time, and before that one. */
  createdFrom: z.date({ message: 'must be a date' }).optional(),
  createdBefore: z.date({ message: 'must be a date' }).optional(),
});
export type ListInvitationsInput = z.input<typeof listFilter>;

/** What staff see of an invitation: its fields without the protected code, plus derived facts. */
export type InvitationSummary = Omit<Invitation, 'codeLookupKey' | 'codeSealed'> & { status: InvitationStatus; redemptions: number };

/** The full picture of one invitation for staff: names instead of ids, redeemers, status. */
export type InvitationDetails = InvitationSummary & {
  code: string;
  account: { id: string; name: string } | null;
  webRoles: { id: string; name: string }[];
  inviter: { id: string; name: string } | null;
  /** Staff, by name ("the admin CLI" for the CLI): whom the mail is sent on behalf of, and who made it. */
  owner: { id: string; name: string } | null;
  creator: { id: string; name: string };
  /** Who approved or rejected it, by name. */
  decider: { id: string; name: string } | null;
  invitedContacts: { id: string; name: string; email: string | null }[];
  moreInvitedContacts: number;
  /** One page of the standing redeemers, newest first (all of them are `redemptions`); see `redeemers` for the next. */
  redeemedBy: Redeemer[];
  /** The cursor of the page of redeemers after `redeemedBy`, or null when it holds the last. */
  redeemersNext: string | null;
  /** Redemptions staff reset, newest first. */
  resets: { contactId: string; name: string; at: Date; actor: string; reason: string | null }[];
  /** When the reminder of the current expiry went, or will go (see reminderState.ts). */
  reminder: ReminderState;
};

/** Who redeemed an invitation (and it was not reset), by name, and when. */
export type Redeemer = { contactId: string; name: string; at: Date };

/** A page of an invitation's standing redeemers with their names (a contact that is gone by its id). */
async function redeemerPage(ctx: ServiceContext, invitationId: string, page: { after?: string | null; limit: number }): Promise<Page<Redeemer>> {
  const found = await ctx.store.invitations.redeemers(invitationId, page);
  const contacts = new Map((await ctx.store.contacts.getMany(found.items.map((r) => r.contactId))).map((c) => [c.id, c]));
  return {
    items: found.items.map((r) => ({ contactId: r.contactId, name: contacts.get(r.contactId) ? displayName(contacts.get(r.contactId)!) : r.contactId, at: r.at })),
    next: found.next,
  };
}

export function invitationQueries(ctx: ServiceContext) {
  const summarise = ({ codeLookupKey: _key, codeSealed: _sealed, ...invitation }: Invitation): InvitationSummary => ({
    ...invitation,
    status: invitationStatus(invitation, ctx.clock()),
    redemptions: redemptionCount(invitation),
  });

  /** Staff with the viewer role (or more) may look; anyone else is refused before anything is looked up. */
  async function load(actor: Actor, reference: string): Promise<Invitation> {
    await assertMay(ctx, actor, 'viewer', 'looking at invitations');
    return findInvitation(ctx, reference);
  }

  return {
    /** One invitation by id, code or an invited contact's e-mail (see `findInvitation`). */
    async find(actor: Actor, reference: string): Promise<InvitationSummary> {
      return summarise(await load(actor, reference));
    },

    async list(actor: Actor, input: ListInvitationsInput = {}, page: PageInput = {}): Promise<Page<InvitationSummary>> {
      await assertMay(ctx, actor, 'viewer', 'looking at invitations');
      const data = parseInput(listFilter, input);
      const filter: InvitationFilter = { ownerId: data.ownerId, search: data.search || undefined };
      if (data.mine) filter.staffId = actor.toLowerCase();
      if (data.status) filter.status = statusCondition(data.status, ctx.clock());
      if (data.contact) filter.contactId = (await resolveContact(ctx, data.contact)).id;
      if (data.account) filter.accountId = (await resolveNamed(ctx.store.accounts, 'Account', data.account)).id;
      if (data.createdFrom) filter.createdFrom = data.createdFrom;
      if (data.createdBefore) filter.createdBefore = data.createdBefore;
      const result = await ctx.store.invitations.list(filter, parseInput(pageInput, page));
      return { items: result.items.map(summarise), next: result.next };
    },

    /** The standing redeemers of one invitation (by id, code or e-mail), newest first, in cursor pages. */
    async redeemers(actor: Actor, reference: string, page: PageInput = {}): Promise<Page<Redeemer>> {
      const invitation = await load(actor, reference);
      return redeemerPage(ctx, invitation.id, parseInput(pageInput, page));
    },

    /** The invitation's redemptions and their resets, newest first, a page at a time. */
    async activities(actor: Actor, reference: string, page: PageInput = {}): Promise<Page<InvitationActivity>> {
      const invitation = await load(actor, reference);
      return ctx.store.activities.listForInvitation(invitation.id, parseInput(pageInput, page));
    },

    /** The first invited contact of each invitation (for lists that say who), by invitation id. */
    async firstInvitedContacts(actor: Actor, invitationIds: readonly string[]): Promise<Map<string, { name: string; email: string | null }>> {
      await assertMay(ctx, actor, 'viewer', 'looking at invitations');
      const firsts = await ctx.store.invitations.firstInvitedContactIds(invitationIds);
      const contacts = new Map((await ctx.store.contacts.getMany([...new Set(firsts.values())])).map((c) => [c.id, c]));
      return new Map([...firsts].flatMap(([id, contactId]) => {
        const contact = contacts.get(contactId);
        return contact ? [[id, { name: displayName(contact), email: contact.primaryEmail }] as const] : [];
      }));
    },

    /**
     * Everything staff need to see about one invitation, found by id, code or e-mail. The code is
     * masked unless `revealCode` (inviters only), and at most `contactLimit` invited contacts are listed.
     * `redeemers` is the page of redeemers to list (default: the newest 100).
     */
    async details(actor: Actor, reference: string, options: { revealCode?: boolean; contactLimit?: number; redeemers?: PageInput } = {}): Promise<InvitationDetails> {
      const invitation = await load(actor, reference);
      if (options.revealCode) await assertMay(ctx, actor, 'inviter', 'seeing invitation codes');
      const summary = summarise(invitation);
      const { store } = ctx;
      const limit = options.contactLimit ?? 50;
      const invitedPage = await store.invitations.invitedContactIds(summary.id, { limit });
      const invited = await store.contacts.getMany(invitedPage.items);
      const byId = new Map(invited.map((c) => [c.id, c]));
      const redeemers = await redeemerPage(ctx, summary.id, parseInput(pageInput, { limit: 100, ...options.redeemers }));
      const activities = await store.activities.listForInvitation(summary.id, { limit: 100 });
      const resetters = new Map((await store.contacts.getMany(activities.items.filter(isReset).map((a) => a.contactId))).map((c) => [c.id, c]));
      const nameOf = (contactId: string) => (resetters.get(contactId) ? displayName(resetters.get(contactId)!) : contactId);
      const account = summary.assignToAccountId ? await store.accounts.get(summary.assignToAccountId) : null;
      const inviter = summary.inviterContactId ? await store.contacts.get(summary.inviterContactId) : null;
      const webRoles = (await Promise.all(summary.webRoleIds.map((roleId) => store.webRoles.get(roleId)))).filter((r) => r !== null);
      const owner = summary.ownerId ? { id: summary.ownerId, name: await actorDisplayName(ctx, summary.ownerId) } : null;
      const creator = { id: summary.createdBy, name: await actorDisplayName(ctx, summary.createdBy) };
      const decider = summary.decidedBy ? { id: summary.decidedBy, name: await actorDisplayName(ctx, summary.decidedBy) } : null;
      const code = formatCode(ctx.vault.open(invitation.codeSealed));
      return {
        ...summary,
        code: options.revealCode ? code : maskCode(code),
        account: account && { id: account.id, name: account.name },
        webRoles: webRoles.map((r) => ({ id: r.id, name: r.name })),
        inviter: inviter && { id: inviter.id, name: displayName(inviter) },
        owner,
        creator,
        decider,
        invitedContacts: invitedPage.items.flatMap((contactId) => {
          const contact = byId.get(contactId);
          return contact ? [{ id: contact.id, name: displayName(contact), email: contact.primaryEmail }] : [];
        }),
        moreInvitedContacts: Math.max(0, summary.invitedCount - invitedPage.items.length),
        redeemedBy: redeemers.items,
        redeemersNext: redeemers.next,
        reminder: await reminderState(ctx, invitation),
        resets: activities.items.filter(isReset).map((a) => ({ contactId: a.contactId, name: nameOf(a.contactId), at: a.at, actor: a.actor, reason: a.reason })),
      };
    },
  };
}
