import type { TurnContext } from 'botbuilder';
import { DomainError, ValidationError } from '../../src/domain/errors.ts';
import { cardActivity } from '../cards/render.ts';
import { localeOf, type BotLocale } from '../i18n/locale.ts';
import { botPhrase, botText } from '../i18n/translate.ts';

type Color = 'Default' | 'Attention' | 'Good';

export async function reply(context: TurnContext, title: string, text: string, color: Color = 'Default'): Promise<void> {
  await context.sendActivity(cardActivity('notice', { title, text, color }));
}

/**
 * What to tell the speaker about a command that failed: the message of a domain error that may be
 * shown, and for an invitation reference that matches nothing the one answer for that. Anything
 * else is an internal failure: it is thrown on, for the bot's error handler to log.
 */
export function errorText(error: unknown, reference?: string, locale: BotLocale = 'en'): string {
  if (!(error instanceof DomainError) || !error.expose) throw error;
  return reference !== undefined && isUnknownInvitation(error) ? noInvitation(reference, locale) : spokenMessage(error, locale);
}

/**
 * A domain error's message in the speaker's language: its phrase (or, for invalid input, each
 * problem's) worded from the bot's catalogue; the English message where the error has no phrase.
 */
export function spokenMessage(error: DomainError, locale: BotLocale): string {
  if (locale === 'en') return error.message;
  if (error instanceof ValidationError && error.problems.some((p) => p.phrase)) {
    return error.problems.map((p) => (p.phrase ? botPhrase(locale, p.phrase) : `${p.field}: ${p.message}`)).join('; ');
  }
  return error.phrase ? botPhrase(locale, error.phrase) : error.message;
}

/** Answers a command that failed with a notice card saying why (see `errorText`). */
export function replyError(context: TurnContext, error: unknown, options: { reference?: string; title?: string; color?: Color } = {}): Promise<void> {
  const locale = localeOf(context.activity.locale);
  return reply(context, options.title ?? botText(locale, 'reply.failed'), errorText(error, options.reference, locale), options.color ?? 'Attention');
}

/** Why someone's role does not allow a command: the same whatever the command was about. */
export function refusal(command: string, locale: BotLocale = 'en'): string {
  return botText(locale, 'reply.refusal', { command });
}

/** The answer to someone whose role does not allow a command. */
export function refuse(context: TurnContext, command: string): Promise<void> {
  const locale = localeOf(context.activity.locale);
  return reply(context, botText(locale, 'reply.notAllowed'), refusal(command, locale), 'Attention');
}

/**
 * The one answer to an invitation reference (id, code, e-mail) that matches nothing. Checked only
 * for staff whose role allows the command; everyone else is refused before anything is looked up,
 * so no answer tells an existing invitation from an unknown one.
 */
export function noInvitation(reference: string, locale: BotLocale = 'en'): string {
  return botText(locale, 'reply.noInvitation', { reference: reference.trim().slice(0, 80) });
}

/** The error says the reference matches no invitation (or no contact, for an e-mail). */
export function isUnknownInvitation(error: unknown): boolean {
  return error instanceof DomainError && (error.code === 'not_found' || error.code === 'code_not_usable');
}
