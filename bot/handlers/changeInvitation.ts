import type { TurnContext } from 'botbuilder';
import { DomainError } from '../../src/domain/errors.ts';
import { EXPIRY_HELP, parseExpiry } from '../../src/domain/expiry.ts';
import { utcMinute } from '../../src/domain/dateText.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import type { CardNote } from './invitationCards.ts';
import { errorText, reply, replyError } from './replies.ts';
import { statusCards } from './status.ts';

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

  /** Status cards sent before Action.Execute (Action.Submit buttons): the same changes, answered with a notice. */
  const fromCard = (command: 'revoke' | 'extend' | 'resend') => (context: TurnContext, staff: StaffActor, data: { invitationId?: unknown; expires?: unknown }) =>
    run(context, staff, cardText(data.invitationId), (actor) => change(command, actor, cardText(data.invitationId), data));

  const status = statusCards(deps);

  /**
   * The status card's Action.Execute buttons: the change, answered with the card as it now stands
   * and a line saying what was done, or why not.
   */
  const onCard = (command: 'revoke' | 'extend' | 'resend') => async (_context: TurnContext, staff: StaffActor, data: { invitationId?: unknown; expires?: unknown; revokeReason?: unknown }) => {
    const id = cardText(data.invitationId);
    let note: CardNote;
    try {
      note = { text: await change(command, staff.id, id, data), color: 'Good' };
    } catch (error) {
      note = { text: errorText(error, id), color: 'Attention' };
    }
    return status.answer(staff, id, { note });
  };

  async function change(command: 'revoke' | 'extend' | 'resend', actor: string, id: string, data: { expires?: unknown; revokeReason?: unknown }): Promise<string> {
    if (command === 'revoke') return revokedText(await invitations.revoke(actor, id, cardText(data.revokeReason).trim() || undefined));
    if (command === 'resend') return `The mail for "${(await invitations.resend(actor, id)).name}" is queued again.`;
    const expiresAt = parseExpiry(cardText(data.expires), deps.services.clock());
    if (expiresAt === undefined) throw new UsageError(`Give the new end as ${EXPIRY_HELP}.`);
    return extendedText(await invitations.extend(actor, id, expiresAt));
  }

  return {
    revokeOnCard: onCard('revoke'),
    extendOnCard: onCard('extend'),
    resendOnCard: onCard('resend'),
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
