import type { TurnContext } from 'botbuilder';
import { DomainError } from '../../src/domain/errors.ts';
import { EXPIRY_HELP, parseExpiry } from '../../src/domain/expiry.ts';
import { utcMinute } from '../../src/domain/dateText.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { reply, replyError } from './replies.ts';

/** Typed wrongly: say how the command goes. */
class UsageError extends DomainError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** `revoke <id|code> [reason]`, `extend <id|code> <when>` and `resend <id|code>`, for inviters and admins. */
export function changeHandlers(deps: BotDependencies) {
  const { invitations } = deps.services;

  async function run(context: TurnContext, actor: StaffActor, reference: string, work: (actor: string) => Promise<string>) {
    try {
      await reply(context, 'Done', await work(actor.id), 'Good');
    } catch (error) {
      await replyError(context, error, { reference });
    }
  }

  /** A typed command: its words after the command name. */
  const typed = (context: TurnContext) => (context.activity.text ?? '').trim().split(/\s+/).slice(1);

  /** The status card's buttons: the same changes, for the invitation the card shows. */
  const fromCard = (command: 'revoke' | 'extend' | 'resend') => (context: TurnContext, staff: StaffActor, data: { invitationId?: string; expires?: string }) =>
    run(context, staff, cardText(data.invitationId), async (actor) => {
      const id = cardText(data.invitationId);
      if (command === 'revoke') return revokedText(await invitations.revoke(actor, id));
      if (command === 'resend') return `The mail for "${(await invitations.resend(actor, id)).name}" is queued again.`;
      const expiresAt = parseExpiry(cardText(data.expires), deps.services.clock());
      if (expiresAt === undefined) throw new UsageError(`Give the new end as ${EXPIRY_HELP}.`);
      return extendedText(await invitations.extend(actor, id, expiresAt));
    });

  return {
    revokeFromCard: fromCard('revoke'),
    extendFromCard: fromCard('extend'),
    resendFromCard: fromCard('resend'),
    revoke: (context: TurnContext, staff: StaffActor) => {
      const [reference = '', ...reason] = typed(context);
      return run(context, staff, reference, async (actor) => {
        if (!reference) throw new UsageError('Type revoke followed by the invitation id, code or e-mail, and optionally why.');
        return revokedText(await invitations.revoke(actor, reference, reason.join(' ') || undefined));
      });
    },
    resend: (context: TurnContext, staff: StaffActor) => {
      const [reference = ''] = typed(context);
      return run(context, staff, reference, async (actor) => {
        if (!reference) throw new UsageError('Type resend followed by the invitation id, code or e-mail.');
        const resent = await invitations.resend(actor, reference);
        return `The mail for "${resent.name}" is queued again for its ${resent.invitedCount} contact${resent.invitedCount === 1 ? '' : 's'}.`;
      });
    },
    extend: (context: TurnContext, staff: StaffActor) => {
      const [reference = '', when] = typed(context);
      return run(context, staff, reference, async (actor) => {
        if (!reference || !when) throw new UsageError(`Type extend followed by the invitation id, code or e-mail and the new end: ${EXPIRY_HELP}.`);
        const expiresAt = parseExpiry(when, deps.services.clock());
        if (expiresAt === undefined) throw new UsageError(`"${when}" is not ${EXPIRY_HELP}.`);
        return extendedText(await invitations.extend(actor, reference, expiresAt));
      });
    },
  };
}

const revokedText = (revoked: { name: string }) => `"${revoked.name}" is revoked and can no longer be redeemed.`;

const extendedText = (extended: { name: string; expiresAt: Date | null }) =>
  `"${extended.name}" can now be redeemed until ${extended.expiresAt ? utcMinute(extended.expiresAt) : 'further notice (no end date)'}.`;
