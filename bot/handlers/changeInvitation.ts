import type { TurnContext } from 'botbuilder';
import { DomainError } from '../../src/domain/errors.ts';
import { EXPIRY_HELP, parseExpiry } from '../../src/domain/expiry.ts';
import { CODE_LENGTH } from '../../src/domain/inviteCode.ts';
import { identifySpeaker, may } from '../access.ts';
import type { BotDependencies } from '../dependencies.ts';
import { cardText } from './cardData.ts';
import { refuse, reply } from './replies.ts';

/** Typed wrongly: say how the command goes. */
class UsageError extends DomainError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** `revoke <id|code> [reason]`, `extend <id|code> <when>` and `resend <id|code>`, for inviters and admins. */
export function changeHandlers(deps: BotDependencies) {
  const { invitations } = deps.services;
  const find = async (reference: string) =>
    reference.replace(/[\s-]/g, '').length === CODE_LENGTH ? invitations.invitationForCode(reference) : invitations.get(reference);

  async function run(context: TurnContext, command: 'revoke' | 'extend' | 'resend', work: (actor: string, args: string[]) => Promise<string>) {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    if (!may(speaker, 'inviter') || !speaker.objectId) return refuse(context, command);
    const args = (context.activity.text ?? '').trim().split(/\s+/).slice(1);
    try {
      await reply(context, 'Done', await work(speaker.objectId, args), 'Good');
    } catch (error) {
      if (!(error instanceof DomainError) || !error.expose) throw error;
      await reply(context, 'That did not work', error.code === 'code_not_usable' ? 'No invitation has that code.' : error.message, 'Attention');
    }
  }

  /** The status card's buttons: the same changes, for the invitation the card shows. */
  const fromCard = (command: 'revoke' | 'extend' | 'resend') => (context: TurnContext, _state: unknown, data: { invitationId?: string; expires?: string }) =>
    run(context, command, async (actor) => {
      const id = cardText(data.invitationId);
      if (command === 'revoke') return `"${(await invitations.revoke(actor, id)).name}" is revoked and can no longer be redeemed.`;
      if (command === 'resend') return `The mail for "${(await invitations.resend(actor, id)).name}" is queued again.`;
      const expiresAt = parseExpiry(cardText(data.expires), new Date());
      if (expiresAt === undefined) throw new UsageError(`Give the new end as ${EXPIRY_HELP}.`);
      const extended = await invitations.extend(actor, id, expiresAt);
      return `"${extended.name}" can now be redeemed until ${extended.expiresAt ? `${extended.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'further notice (no end date)'}.`;
    });

  return {
    revokeFromCard: fromCard('revoke'),
    extendFromCard: fromCard('extend'),
    resendFromCard: fromCard('resend'),
    revoke: (context: TurnContext) => run(context, 'revoke', async (actor, [reference, ...reason]) => {
      if (!reference) throw new UsageError('Type revoke followed by the invitation id or code, and optionally why.');
      const revoked = await invitations.revoke(actor, (await find(reference)).id, reason.join(' ') || undefined);
      return `"${revoked.name}" is revoked and can no longer be redeemed.`;
    }),
    resend: (context: TurnContext) => run(context, 'resend', async (actor, [reference]) => {
      if (!reference) throw new UsageError('Type resend followed by the invitation id or code.');
      const resent = await invitations.resend(actor, (await find(reference)).id);
      return `The mail for "${resent.name}" is queued again for its ${resent.invitedCount} contact${resent.invitedCount === 1 ? '' : 's'}.`;
    }),
    extend: (context: TurnContext) => run(context, 'extend', async (actor, [reference, when]) => {
      if (!reference || !when) throw new UsageError(`Type extend followed by the invitation id or code and the new end: ${EXPIRY_HELP}.`);
      const expiresAt = parseExpiry(when, new Date());
      if (expiresAt === undefined) throw new UsageError(`"${when}" is not ${EXPIRY_HELP}.`);
      const extended = await invitations.extend(actor, (await find(reference)).id, expiresAt);
      return `"${extended.name}" can now be redeemed until ${extended.expiresAt ? `${extended.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'further notice (no end date)'}.`;
    }),
  };
}
