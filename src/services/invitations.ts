import { invitationChanges } from './changeInvitation.ts';
import type { Actor, ServiceContext } from './context.ts';
import { createInvitation, type CreateInvitationInput } from './createInvitation.ts';
import { inviteContacts, invitePolicy, type InviteRequest } from './inviteContacts.ts';
import { inviteManyService } from './inviteMany.ts';
import { invitationQueries } from './queryInvitations.ts';
import { checkCode, redeemInvitation, type RedeemInput } from './redeemInvitation.ts';
import { resetRedemption, type ResetRedemptionInput } from './resetRedemption.ts';

/** The invitation use cases under one name: create, inspect, change, redeem, reset a redemption. */
export function invitationService(ctx: ServiceContext) {
  return {
    /** The invite use case every edge calls: permission, approval rule, default expiry, contacts and company. */
    invite: (actor: Actor, request: InviteRequest) => inviteContacts(ctx, actor, request),
    /** Invite many contacts, one single invitation each: preview a pasted list or CSV, confirm it once, decide a waiting batch at once. */
    many: inviteManyService(ctx),
    /** What a new invitation gets when its creator says nothing (for forms to show). */
    defaults: () => ({ expires: invitePolicy(ctx).defaultExpiry }),
    /** Creates an invitation from ids as given, with no permission or approval rule: for seeding and tests. */
    create: (actor: Actor, input: CreateInvitationInput) => createInvitation(ctx, actor, input),
    ...invitationQueries(ctx),
    ...invitationChanges(ctx),
    checkCode: (code: string) => checkCode(ctx, code),
    redeem: (input: RedeemInput) => redeemInvitation(ctx, input),
    resetRedemption: (actor: Actor, input: ResetRedemptionInput) => resetRedemption(ctx, actor, input),
  };
}
