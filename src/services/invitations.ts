import { invitationChanges } from './changeInvitation.ts';
import type { Actor, ServiceContext } from './context.ts';
import { createInvitation, type CreateInvitationInput } from './createInvitation.ts';
import { defaultReminderDays, inviteContacts, invitePolicy, type InviteRequest } from './inviteContacts.ts';
import { inviteManyService } from './inviteMany.ts';
import { invitationQueries } from './queryInvitations.ts';
import { checkCode, redeemInvitation, type RedeemInput } from './redeemInvitation.ts';
import { resetRedemption, type ResetRedemptionInput } from './resetRedemption.ts';
import { renewInvitation } from './renewInvitation.ts';
import { draftSending } from './sendDraft.ts';

/** The invitation use cases under one name: create, inspect, change, redeem, reset a redemption. */
export function invitationService(ctx: ServiceContext) {
  return {
    /** The invite use case every edge calls: permission, approval rule, default expiry, contacts and company. */
    invite: (actor: Actor, request: InviteRequest) => inviteContacts(ctx, actor, request),
    /** Invite many contacts, one single invitation each: preview a pasted list or CSV, confirm it once, decide a waiting batch at once. */
    many: inviteManyService(ctx),
    /** What a new invitation gets when its creator says nothing (for forms to show). */
    defaults: () => ({ expires: invitePolicy(ctx).defaultExpiry, reminderDays: defaultReminderDays(ctx) }),
    /** Creates an invitation from ids as given, with no permission or approval rule: for seeding and tests. */
    create: (actor: Actor, input: CreateInvitationInput) => createInvitation(ctx, actor, input),
    ...invitationQueries(ctx),
    ...invitationChanges(ctx),
    checkCode: (code: string) => checkCode(ctx, code),
    redeem: (input: RedeemInput) => redeemInvitation(ctx, input),
    resetRedemption: (actor: Actor, input: ResetRedemptionInput) => resetRedemption(ctx, actor, input),
    /** Sends a draft now (`send`), or at its time (`sendScheduled`, the worker's). */
    ...draftSending(ctx),
    /** Extends an invitation that went out and mails it again, in one audited step. */
    renew: (actor: Actor, reference: string, expiresAt: Date | null) => renewInvitation(ctx, actor, reference, expiresAt),
  };
}
