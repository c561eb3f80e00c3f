import type { AdaptiveCard } from '@microsoft/teams-ai';
import { utcMinute } from '../src/domain/dateText.ts';
import type { Services } from '../src/services/index.ts';
import type { BotStateStore } from '../src/store/port.ts';
import { expandCard } from './cards/render.ts';
import type { BotLocale } from './i18n/locale.ts';
import { translator } from './i18n/translate.ts';
import { conversationFor } from './notices/conversationReferences.ts';

/** Teams shows a user specific view (the `refresh.userIds`) to at most 60 people. */
const MAX_REFRESH_USERS = 60;

/**
 * Whose card it is: `decider` is the card a staff member gets for themselves (Approve / Reject
 * when they may decide); `everyone` is the card posted in a chat, the same for all who read it.
 */
export type ApprovalView = { viewer: string; view: 'decider' | 'everyone'; error?: string; decidedAt?: Date; locale?: BotLocale };

/**
 * The approval card of an invitation, read on behalf of `viewer`. While it waits, the card
 * refreshes itself (Action.Execute, automatic) for the approvers only (`refresh.userIds`, their
 * Teams user ids from the personal chats they had with the bot): they see Approve / Reject, anyone
 * else the same facts without buttons. Once decided it says who decided, when and why, and no
 * longer refreshes.
 */
export async function approvalCard(deps: { services: Services; botState: BotStateStore }, invitationId: string, options: ApprovalView): Promise<AdaptiveCard> {
  const { services } = deps;
  const locale = options.locale ?? 'en';
  const t = translator(locale);
  const details = await services.invitations.details(options.viewer, invitationId, { contactLimit: 3 });
  const pending = details.status === 'pending-approval';
  const requester = details.creator.name;
  const decider = details.decider?.name ?? null;
  const decision = pending ? t('approval.waiting')
    : details.decisionReason ? t('approval.rejectedBy', { decider: decider ?? '', reason: details.decisionReason })
      : decider ? t('approval.approvedBy', { decider }) : t(`invitation.status.${details.status}`).toLowerCase();
  const approvers = pending ? await services.approvals.approvers(options.viewer, invitationId) : [];
  const card = expandCard('approval', {
    invitationId, name: details.name, requester,
    contacts: moreText(details.invitedContacts.map((c) => c.email ?? c.name).join(', '), details.moreInvitedContacts, locale),
    maxRedemptions: String(details.maxRedemptions), account: details.account?.name ?? '', roles: details.webRoles.map((r) => r.name).join(', '),
    expires: details.expiresAt ? utcMinute(details.expiresAt) : t('approval.never'),
    decision, decided: decider ? utcMinute(options.decidedAt ?? details.updatedAt) : '',
    error: options.error ?? '', canDecide: pending && options.view === 'decider' && approvers.includes(options.viewer),
  }, locale) as AdaptiveCard & { refresh?: { userIds?: string[] } };
  if (pending && card.refresh) card.refresh.userIds = await teamsUserIds(deps.botState, approvers);
  else delete card.refresh;
  return card;
}

/** A list and how many more there are ("… and 3 more"). */
export const moreText = (list: string, more: number, locale: BotLocale): string => (more ? translator(locale)('approval.more', { list, count: more }) : list);

/** The approvers' Teams user ids (from their personal chats with the bot), for a card's `refresh.userIds`. */
export async function teamsUserIds(botState: BotStateStore, objectIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const objectId of objectIds) {
    const userId = (await conversationFor({ botState }, objectId))?.user?.id;
    if (userId && ids.length < MAX_REFRESH_USERS) ids.push(userId);
  }
  return ids;
}
