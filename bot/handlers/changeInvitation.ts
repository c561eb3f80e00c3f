import type { TurnContext } from 'botbuilder';
import { DomainError } from '../../src/domain/errors.ts';
import { parseExpiry } from '../../src/domain/expiry.ts';
import { utcMinute } from '../../src/domain/dateText.ts';
import type { BotDependencies } from '../dependencies.ts';
import { translator, type BotTranslate } from '../i18n/translate.ts';
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
      await reply(context, translator(actor.locale)('change.done'), await work(actor.id), 'Good');
    } catch (error) {
      await replyError(context, error, { reference });
    }
  }

  /** A typed command: its words after the command name. */
  const typed = (context: TurnContext) => (context.activity.text ?? '').trim().split(/\s+/).slice(1);

  /** Status cards sent before Action.Execute (Action.Submit buttons): the same changes, answered with a notice. */
  const fromCard = (command: 'revoke' | 'extend' | 'resend') => (context: TurnContext, staff: StaffActor, data: { invitationId?: unknown; expires?: unknown }) =>
    run(context, staff, cardText(data.invitationId), () => change(command, staff, cardText(data.invitationId), data));

  const status = statusCards(deps);

  /**
   * The status card's Action.Execute buttons: the change, answered with the card as it now stands
   * and a line saying what was done, or why not.
   */
  const onCard = (command: 'revoke' | 'extend' | 'resend') => async (_context: TurnContext, staff: StaffActor, data: { invitationId?: unknown; expires?: unknown; revokeReason?: unknown }) => {
    const id = cardText(data.invitationId);
    let note: CardNote;
    try {
      note = { text: await change(command, staff, id, data), color: 'Good' };
    } catch (error) {
      note = { text: errorText(error, id, staff.locale), color: 'Attention' };
    }
    return status.answer(staff, id, { note });
  };

  async function change(command: 'revoke' | 'extend' | 'resend', { id: actor, locale }: StaffActor, id: string, data: { expires?: unknown; revokeReason?: unknown }): Promise<string> {
    const t = translator(locale);
    if (command === 'revoke') return t('change.revoked', { name: (await invitations.revoke(actor, id, cardText(data.revokeReason).trim() || undefined)).name });
    if (command === 'resend') return t('change.resentOnCard', { name: (await invitations.resend(actor, id)).name });
    const expiresAt = parseExpiry(cardText(data.expires), deps.services.clock());
    if (expiresAt === undefined) throw new UsageError(t('change.giveNewEnd', { help: t('change.expiryHelp') }));
    return extendedText(await invitations.extend(actor, id, expiresAt), t);
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
      const t = translator(staff.locale);
      return run(context, staff, reference, async (actor) => {
        if (!reference) throw new UsageError(t('change.revokeUsage'));
        return t('change.revoked', { name: (await invitations.revoke(actor, reference, reason.join(' ') || undefined)).name });
      });
    },
    resend: (context: TurnContext, staff: StaffActor) => {
      const [reference = ''] = typed(context);
      const t = translator(staff.locale);
      return run(context, staff, reference, async (actor) => {
        if (!reference) throw new UsageError(t('change.resendUsage'));
        const resent = await invitations.resend(actor, reference);
        return t(resent.invitedCount === 1 ? 'change.resentOne' : 'change.resentMany', { name: resent.name, count: resent.invitedCount });
      });
    },
    extend: (context: TurnContext, staff: StaffActor) => {
      const [reference = '', when] = typed(context);
      const t = translator(staff.locale);
      return run(context, staff, reference, async (actor) => {
        if (!reference || !when) throw new UsageError(t('change.extendUsage', { help: t('change.expiryHelp') }));
        const expiresAt = parseExpiry(when, deps.services.clock());
        if (expiresAt === undefined) throw new UsageError(t('change.notExpiry', { when, help: t('change.expiryHelp') }));
        return extendedText(await invitations.extend(actor, reference, expiresAt), t);
      });
    },
  };
}

const extendedText = (extended: { name: string; expiresAt: Date | null }, t: BotTranslate) =>
  t('change.extended', { name: extended.name, until: extended.expiresAt ? utcMinute(extended.expiresAt) : t('change.noEnd') });
