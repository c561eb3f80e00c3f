import type { TurnContext } from 'botbuilder';
import { displayName } from '../../src/domain/contact.ts';
import type { ResetRedemptionResult } from '../../src/services/resetRedemption.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { reply, replyError } from './replies.ts';

/**
 * The status card's *Reset redemption* form: which redeemed contact, why, and (single
 * invitations) whether to mail a new code. The service checks the role again and does the rest.
 */
export function resetRedemptionHandler(deps: BotDependencies) {
  return async (context: TurnContext, actor: StaffActor, data: { invitationId?: unknown; contactId?: unknown; reason?: unknown; reissue?: unknown }) => {
    const contact = cardText(data.contactId).trim();
    if (!contact) return reply(context, 'Whose redemption?', 'Choose the contact whose redemption to reset, say why, and press Reset redemption again.', 'Attention');
    try {
      const result = await deps.services.invitations.resetRedemption(actor.id, {
        invitation: cardText(data.invitationId), contact, reason: cardText(data.reason).trim() || null, reissue: cardText(data.reissue) === 'true',
      });
      await reply(context, 'Redemption reset', describe(result), 'Good');
    } catch (error) {
      await replyError(context, error);
    }
  };
}

function describe({ invitation, contact, activity }: ResetRedemptionResult): string {
  const removed = [
    ...(activity.accountId ? ['the company'] : []),
    ...(activity.webRoleIds.length ? [`${activity.webRoleIds.length} web role${activity.webRoleIds.length === 1 ? '' : 's'}`] : []),
    ...(activity.identities.length || activity.localAccountRemoved ? ['the sign-in set up with the code'] : []),
  ];
  const lost = removed.length ? `${displayName(contact)} no longer has ${removed.join(', ')} from it and is signed out.` : `${displayName(contact)} keeps what it gave (held from elsewhere) and is signed out.`;
  const again = activity.reissued ? ' A new code is on its way to the invited contact; the old one no longer works.' : '';
  return `The redemption of "${invitation.name}" is back: ${invitation.maxRedemptions - invitation.remaining} of ${invitation.maxRedemptions} used. ${lost}${again}`;
}
