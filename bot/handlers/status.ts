import type { TurnContext } from 'botbuilder';
import { isEmail } from '../../src/domain/email.ts';
import { DomainError, NotFoundError } from '../../src/domain/errors.ts';
import { CODE_LENGTH } from '../../src/domain/inviteCode.ts';
import { identifySpeaker, may } from '../access.ts';
import { renderCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { statusCardData } from './invitationCards.ts';
import { isUnknownInvitation, noInvitation, refuse, reply } from './replies.ts';

/** `status <code|id|email>`: one invitation (for an e-mail, the newest sent to that contact). */
export function statusHandler(deps: BotDependencies) {
  const { invitations, jobs } = deps.services;
  return async (context: TurnContext): Promise<void> => {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    if (!may(speaker, 'viewer')) return refuse(context, 'status');
    const reference = (context.activity.text ?? '').trim().replace(/^status\s*/i, '').trim();
    if (!reference) return reply(context, 'Which invitation?', 'Type status followed by an invitation code, id or e-mail address.');
    try {
      const id = await findInvitationId(deps, reference);
      const details = await invitations.details(id);
      await context.sendActivity({ attachments: [renderCard('invitationStatus', statusCardData(details, await jobs.mailDelivery(id), may(speaker, 'inviter')))] });
    } catch (error) {
      if (!(error instanceof DomainError) || !error.expose) throw error;
      await reply(context, 'Not found', isUnknownInvitation(error) ? noInvitation(reference) : error.message);
    }
  };
}

async function findInvitationId(deps: BotDependencies, reference: string): Promise<string> {
  const { invitations } = deps.services;
  if (isEmail(reference)) {
    const [newest] = (await invitations.list({ contact: reference }, { limit: 1 })).items;
    if (!newest) throw new NotFoundError('Invitation', reference);
    return newest.id;
  }
  if (reference.replace(/[\s-]/g, '').length === CODE_LENGTH) return (await invitations.invitationForCode(reference)).id;
  return (await invitations.get(reference)).id;
}
