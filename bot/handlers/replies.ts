import type { TurnContext } from 'botbuilder';
import { renderCard } from '../cards/render.ts';

export async function reply(context: TurnContext, title: string, text: string, color: 'Default' | 'Attention' | 'Good' = 'Default'): Promise<void> {
  await context.sendActivity({ attachments: [renderCard('notice', { title, text, color })] });
}

/** The answer to someone whose role does not allow a command. */
export function refuse(context: TurnContext, command: string): Promise<void> {
  return reply(context, 'Not allowed', `Your Invite Desk role does not allow "${command}". Ask an Invite Desk admin if you need it.`, 'Attention');
}
