import type { TurnContext } from 'botbuilder';
import type { DomainError } from '../../src/domain/errors.ts';
import { renderCard } from '../cards/render.ts';

export async function reply(context: TurnContext, title: string, text: string, color: 'Default' | 'Attention' | 'Good' = 'Default'): Promise<void> {
  await context.sendActivity({ attachments: [renderCard('notice', { title, text, color })] });
}

/** Why someone's role does not allow a command: the same whatever the command was about. */
export function refusal(command: string): string {
  return `Your Invite Desk role does not allow "${command}". Ask an Invite Desk admin if you need it.`;
}

/** The answer to someone whose role does not allow a command. */
export function refuse(context: TurnContext, command: string): Promise<void> {
  return reply(context, 'Not allowed', refusal(command), 'Attention');
}

/**
 * The one answer to an invitation reference (id, code, e-mail) that matches nothing. Checked only
 * for staff whose role allows the command; everyone else is refused before anything is looked up,
 * so no answer tells an existing invitation from an unknown one.
 */
export function noInvitation(reference: string): string {
  return `No invitation matches "${reference.trim().slice(0, 80)}".`;
}

/** The error says the reference matches no invitation (or no contact, for an e-mail). */
export function isUnknownInvitation(error: DomainError): boolean {
  return error.code === 'not_found' || error.code === 'code_not_usable';
}
