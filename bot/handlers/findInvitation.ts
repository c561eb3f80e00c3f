import type { Query } from '@microsoft/teams-ai';
import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResult, type TurnContext } from 'botbuilder';
import { MalformedCodeError, NotFoundError, ValidationError } from '../../src/domain/errors.ts';
import { utcMinute } from '../../src/domain/dateText.ts';
import { isEmail } from '../../src/domain/email.ts';
import type { InvitationSummary } from '../../src/services/queryInvitations.ts';
import { renderCard } from '../cards/render.ts';
import { teamsText } from '../cards/teamsText.ts';
import type { BotDependencies } from '../dependencies.ts';
import { botText } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { statusCardData } from './invitationCards.ts';
import { errorText } from './replies.ts';

/** The search command's id, as in the manifest's `composeExtensions`. */
export const FIND_INVITATION_COMMAND = 'findInvitation';
/** Results per page: each is a status card (a few store reads), and Teams shows a short list anyway. */
const RESULTS = 10;
/** How far Teams may page (its `skip`): the service lists at most 100 at once. */
const MAX_SHOWN = 100;

export type FindInvitationQuery = Query<{ query?: unknown; initialRun?: unknown }>;

/**
 * "Find invitation" in the compose area: invitations found by code or id, by an invited contact's
 * e-mail, or by the start of their name (the newest first when nothing is typed yet), each as a
 * status card without actions and with its code masked, which the searcher may insert into any
 * chat, and a thumbnail preview for the result list. The services decide who may look (viewers and
 * up); a refusal is a message instead of results.
 */
export function findInvitationHandler(deps: BotDependencies) {
  const { invitations, jobs } = deps.services;

  /** The first `limit` matches, newest first. */
  async function matches(actor: StaffActor, text: string, limit: number): Promise<InvitationSummary[]> {
    if (!text) return (await invitations.list(actor.id, {}, { limit })).items;
    const found: InvitationSummary[] = [];
    if (isEmail(text)) {
      found.push(...(await orNone(invitations.list(actor.id, { contact: text }, { limit }))).items);
    } else {
      const one = await orNone(invitations.find(actor.id, text).then((invitation) => ({ items: [invitation], next: null })));
      found.push(...one.items, ...(await invitations.list(actor.id, { search: text }, { limit })).items);
    }
    return [...new Map(found.map((invitation) => [invitation.id, invitation])).values()].slice(0, limit);
  }

  async function result(actor: StaffActor, summary: InvitationSummary): Promise<MessagingExtensionAttachment> {
    const details = await invitations.details(actor.id, summary.id);
    const { locale } = actor;
    const data = statusCardData(details, await jobs.mailDelivery(actor.id, details.id), { canChange: false, locale });
    // The preview is plain text, where the card's reader-time DATE()/TIME() functions do not run: UTC.
    const expires = details.expiresAt ? utcMinute(details.expiresAt) : botText(locale, 'invitation.never');
    const preview = CardFactory.thumbnailCard(teamsText(details.name), teamsText(botText(locale, 'find.preview', { headline: data.headline, redemptions: data.redemptions, expires })));
    return { ...renderCard('invitationStatus', data, locale), preview };
  }

  return async (_context: TurnContext, actor: StaffActor, query: FindInvitationQuery): Promise<MessagingExtensionResult | string> => {
    const skip = Number.isSafeInteger(query.skip) && query.skip > 0 ? query.skip : 0;
    if (skip >= MAX_SHOWN) return { type: 'result', attachmentLayout: 'list', attachments: [] };
    const text = typeof query.parameters.query === 'string' ? query.parameters.query.trim() : '';
    try {
      const page = (await matches(actor, text, Math.min(MAX_SHOWN, skip + RESULTS))).slice(skip);
      return { type: 'result', attachmentLayout: 'list', attachments: await Promise.all(page.map((summary) => result(actor, summary))) };
    } catch (error) {
      return errorText(error, undefined, actor.locale);
    }
  };
}

/** A look-up that found nothing (or could not read the reference) is no result, not an error. */
async function orNone<T extends { items: unknown[] }>(lookup: Promise<T>): Promise<T | { items: never[]; next: null }> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ValidationError || error instanceof MalformedCodeError) return { items: [], next: null };
    throw error;
  }
}
