import type { TurnContext } from 'botbuilder';
import { DomainError } from '../../src/domain/errors.ts';
import { parseExpiry } from '../../src/domain/expiry.ts';
import { utcMinute } from '../../src/domain/dateText.ts';
import type { BotDependencies } from '../dependencies.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import type { CardNote } from './invitationCards.ts';
import { errorText } from './replies.ts';
import { statusCards } from './status.ts';

class UsageError extends DomainError {
  constructor(message: string) {
    super('usage', message);
  }
}

/**
 * The status card's Send (a draft) and Renew (an expired invitation: new end, mail again) buttons,
 * Action.Execute: the service call, answered with the card as it now stands and a line saying what
 * was done, or why not.
 */
export function lifecycleCardHandlers(deps: BotDependencies) {
  const { invitations } = deps.services;
  const status = statusCards(deps);

  const onCard = (work: (staff: StaffActor, id: string, data: { expires?: unknown }) => Promise<string>) =>
    async (_context: TurnContext, staff: StaffActor, data: { invitationId?: unknown; expires?: unknown }) => {
      const id = cardText(data.invitationId);
      let note: CardNote;
      try {
        note = { text: await work(staff, id, data), color: 'Good' };
      } catch (error) {
        note = { text: errorText(error, id, staff.locale), color: 'Attention' };
      }
      return status.answer(staff, id, { note });
    };

  return {
    sendOnCard: onCard(async ({ id: actor, locale }, id) => {
      const sent = await invitations.send(actor, id);
      return translator(locale)(sent.lifecycle === 'sent' ? 'change.sentOnCard' : 'change.sentForApproval', { name: sent.name });
    }),
    renewOnCard: onCard(async ({ id: actor, locale }, id, data) => {
      const t = translator(locale);
      const expiresAt = parseExpiry(cardText(data.expires), deps.services.clock());
      if (expiresAt === undefined) throw new UsageError(t('change.giveNewEnd', { help: t('change.expiryHelp') }));
      const renewed = await invitations.renew(actor, id, expiresAt);
      return t('change.renewed', { name: renewed.name, until: renewed.expiresAt ? utcMinute(renewed.expiresAt) : t('change.noEnd') });
    }),
  };
}
